"""Every message the public pages look up is translated in all 24 languages. The pages are walked (search with
filters, counts, sorting, paging and its messages, a provider page, verification, the frameworks look-up, sign-in,
password reset, an error page, the API documentation) while recording each msgid that gettext is asked for; that
also catches labels that come from models and forms rather than from the public templates."""

import polib
import pytest
from django.conf import settings
from django.utils.translation import trans_real

from tests.factories import ProviderFactory, make_register_entry

from .conftest import catalogues

pytestmark = pytest.mark.django_db


@pytest.fixture
def looked_up(monkeypatch):
    seen: set[str] = set()
    gettext, ngettext = trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext

    def recording_gettext(self, message):
        seen.add(message)
        return gettext(self, message)

    def recording_ngettext(self, singular, plural, number):
        seen.add(singular)
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", recording_gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", recording_ngettext)
    return seen


def public_urls(entry) -> list[str]:
    provider = entry.provider.pk
    return [
        "/",
        "/register/",
        "/register/?q=Galway&country=IE&eqf_level=6&status=active&sort=provider",
        "/register/?q=nothing-matches-this",
        "/register/?eqf_level=99&valid_on=not-a-date",
        "/register/?page=2",
        "/register/?page=999",
        "/register/counts/?country=IE",
        f"/register/providers/{provider}/",
        f"/register/providers/{provider}/?as_of=2001-01-01",
        f"/register/providers/{provider}/?as_of=yesterday",
        "/register/verify/",
        f"/register/verify/{entry.certificate_id}/",
        "/register/verify/?certificate_id=MC-NONE-0000",
        "/register/verify/MC-NONE-0000/",
        "/frameworks/",
        "/frameworks/?framework=IE-NFQ&level=7",
        "/frameworks/?framework=IE-NFQ&level=99",
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/bad-token/",
        "/accounts/reset/done/",
        "/no-such-page/",
        "/api/docs/",
    ]


def test_every_message_a_public_page_looks_up_is_translated(client, looked_up):
    entry = make_register_entry(provider=ProviderFactory(legal_name="Galway Digital Academy", country="IE"))
    for number in range(3):
        make_register_entry(provider=ProviderFactory(legal_name=f"Provider {number}", country="MT"))
    for url in public_urls(entry):
        response = client.get(url, headers={"accept-language": "de"})
        assert response.status_code < 500, url
    client.post("/accounts/login/", {"username": "nobody", "password": "wrong"}, headers={"accept-language": "de"})
    client.post("/accounts/password_reset/", {"email": "not-an-address"}, headers={"accept-language": "de"})

    ours = {entry.msgid for entry in polib.pofile(str(catalogues.catalogue_path("de")))}
    used = looked_up & ours
    assert len(used) > 50  # the walk really rendered the pages
    problems = {}
    for language in (code for code, _name in settings.LANGUAGES if code != "en"):
        catalogue = polib.pofile(str(catalogues.catalogue_path(language)))
        translated = {entry.msgid for entry in catalogue if catalogues.is_translated(entry)}
        if used - translated:
            problems[language] = sorted(used - translated)
    assert not problems, "Untranslated messages on public pages (see locale/tools/translations/): " + "; ".join(
        f"{language}: {len(msgids)}, e.g. {msgids[:4]}" for language, msgids in problems.items()
    )
