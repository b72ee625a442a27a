"""Dates and times for people in the reader's language (CLDR) and zone: {{ day|local_date }},
{{ day|local_date:"medium" }}, {{ moment|local_datetime }}. Machine-readable values stay ISO (|date:"c")."""

from django import template

from config import i18n

register = template.Library()


@register.filter
def local_date(value, length: str = "long") -> str:
    return i18n.local_date(value, length)


@register.filter
def local_datetime(value, length: str = "medium") -> str:
    return i18n.local_datetime(value, length)
