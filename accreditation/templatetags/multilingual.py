"""A micro-credential's texts in the reader's language: the translation the provider gave, otherwise the
original, marked with its language (`lang`) whenever it is not the page's, so that screen readers and
browsers read it in its own language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def in_reader_language(item, field: str = "title"):
    """`{{ item|in_reader_language }}` (the title) or `{{ item|in_reader_language:"further_information" }}`, for
    a register scope item (its frozen version's texts; the title from the item's own copy, so that a page of
    cards loads only the version's languages and translations) or a specification."""
    specification = getattr(item, "version", item)
    reader = (get_language() or "en").split("-")[0]
    text, language = specification.translation(field, reader), reader
    if not text:
        text, language = getattr(item, field), specification.original_language
    # Isolated as every text a user typed (a right-to-left title or an override character must not reorder the
    # page around it), and marked with its language when it is not the reader's.
    if language == reader:
        return format_html("<bdi>{}</bdi>", text)
    return format_html('<bdi lang="{}">{}</bdi>', language, text)
