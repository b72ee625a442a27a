"""`{{ value|isolate }}`: user-supplied text (a provider's name, a title) set inside a sentence or beside other
text, isolated in a <bdi> element so that right-to-left script or a stray override character (U+202E) in it
cannot reorder the text around it. Escaped as any value is; safe to pass to {% blocktranslate with %}."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def isolate(value) -> str:
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)
