"""Characters the PDF's main font lacks (emoji) are printed with the fallback font instead of vanishing."""

from io import BytesIO

from pypdf import PdfReader

from reports.pdf import fonts, layout


def _pdf(value: str) -> PdfReader:
    story = [layout.para(value, layout.styles()["body"])]
    data = layout.render(story, title="t", author="a", subject="s", header="h", footer="f")
    return PdfReader(BytesIO(data))


def _fonts(reader: PdfReader) -> set[str]:
    resources = reader.pages[0]["/Resources"]["/Font"]
    return {str(resources[name].get_object()["/BaseFont"]) for name in resources}


def test_emoji_are_printed_in_the_fallback_font():
    assert fonts._fallback_file() is not None, "the fallback font (Debian's fonts-symbola) is not installed"
    reader = _pdf("Digital skills 🚀 for everyone 🧠 <b>&")
    page = reader.pages[0]
    resources = page["/Resources"]["/Font"]
    fallback = [name for name in resources if "Symbola" in str(resources[name].get_object()["/BaseFont"])]
    assert fallback, _fonts(reader)
    content = page.get_contents().get_data().decode("latin-1")
    assert content.count(f"{fallback[0]} 10 Tf") == 2  # the two emoji are set in it, each where it was typed
    assert "Digital skills" in page.extract_text() and "<b>&" in page.extract_text()


def test_text_the_main_font_covers_stays_in_it():
    assert fonts.with_fallback("Žilina Ελληνικά Кирилица &amp; <br/>") == "Žilina Ελληνικά Кирилица &amp; <br/>"
    assert fonts.with_fallback("ok 🚀🚀 ok") == 'ok <font name="Symbola">🚀🚀</font> ok'


def test_a_character_no_font_has_is_shown_as_a_replacement_mark():
    assert fonts.with_fallback("\U000e0001x") == "\ufffdx"
