"""Small public things people notice: the API documentation reads as prose, the counts page has one title, the
site has an icon."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_documentation_renders_markdown_rather_than_showing_it(client):
    page = client.get("/api/docs/").content.decode()
    main = page[page.index("<main") :]
    assert "<code>" in main
    text = re.sub(r"<[^>]+>", "", main)
    assert "**" not in text
    assert not re.search(r"`[^`\s][^`]*`", text), "backquoted code left as Markdown"


def test_the_counts_page_says_the_register_name_once_in_its_title(client):
    title = re.search(r"<title>(.*?)</title>", client.get("/register/counts/").content.decode(), re.S).group(1)
    assert title.count("Trusted provider register") == 1


def test_favicon_ico_leads_to_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO signature
