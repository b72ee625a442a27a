"""Reference data without a translation in the data is shown in English and marked so: the EQF descriptors on the
frameworks look-up carry lang="en" on a page in another language, so that screen readers pronounce them right."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_eqf_descriptors_are_marked_english_on_a_german_page(client):
    page = client.get("/frameworks/?framework=EQF&lang=de").content.decode()
    assert '<html lang="de"' in page
    cells = re.findall(r'<td lang="en">([^<]+)</td>', page)
    assert len(cells) == 24  # 8 levels x knowledge, skills, responsibility and autonomy
    assert any("knowledge" in cell.lower() for cell in cells)
