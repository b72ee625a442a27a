"""The workspaces are complete in French, German, Spanish, Italian and Polish: every message of the sources (field
names, PDF texts, service errors, export headers, e-mails) has a translation in those five catalogues."""

import polib
import pytest

from .conftest import catalogues


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return polib.pofile(str(catalogues.extract_template(tmp_path_factory.mktemp("pot"))))


@pytest.mark.parametrize("language", catalogues.WORKSPACE_LANGUAGES)
def test_every_message_is_translated_in_the_workspace_languages(template, language):
    catalogue = polib.pofile(str(catalogues.catalogue_path(language)))
    translated = {(entry.msgctxt, entry.msgid) for entry in catalogue if catalogues.is_translated(entry)}
    untranslated = sorted(entry.msgid for entry in template if (entry.msgctxt, entry.msgid) not in translated)
    assert len(template) > 1000  # the sources were found
    assert not untranslated, (
        f"{language}: {len(untranslated)} messages without a translation, e.g. {untranslated[:5]}. Write them in "
        f"locale/tools/translations/{language}/<your area>.yaml and run `make messages`."
    )
