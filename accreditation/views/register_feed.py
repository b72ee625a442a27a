"""The register's changes for machines that poll it: an Atom feed (RFC 4287) and a JSON list of events since a
moment. Both list every kind of change (publication, suspension, its lifting, withdrawal, renewal), so that a
consumer polling daily never misses one."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.site import site_url
from reports.text import clean_text

from ..identifiers import register_uris
from ..models import RegisterEvent
from ..models.register import entry_state

FEED_SIZE = 100
EVENTS_PAGE = 500


def _events():
    # entry_state() reads each entry's events: fetched together, not once per event.
    return RegisterEvent.objects.select_related(
        "entry__provider", "entry__authority", "entry__decision"
    ).prefetch_related("entry__events")


def event_uri(uris, event: RegisterEvent) -> str:
    """An event's IRI: its entry's persistent URI with a fragment naming the event, unique and never reused."""
    return f"{uris.entry(event.entry_id)}#event-{event.pk}"


class RegisterFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Trusted provider register: decisions and status changes")
    subtitle = gettext_lazy("Publications, suspensions, reinstatements and withdrawals of register entries.")
    author_name = gettext_lazy("Trusted provider register")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.uris = register_uris(request)
        self.site = site_url(request)
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.site + reverse("register:search")

    def feed_url(self):
        return self.site + reverse("register:feed")

    def feed_guid(self):
        # The feed's atom:id: an IRI under the register's URI base, not the address it happens to be read at.
        return self.uris.base + reverse("register:feed")

    def author_link(self):
        return self.site + reverse("register:search")

    def items(self):
        return _events().order_by("-recorded_at", "-pk")[:FEED_SIZE]

    def item_title(self, event):
        return f"{clean_text(event.entry.provider.legal_name)}: {event.get_kind_display()}"

    def item_description(self, event):
        """Atom's summary is typed html (Django's feed writer), so every value is escaped here: a reason typed by
        an officer shows as text in a feed reader, never as markup or script."""
        parts = [
            _("Certificate %(id)s") % {"id": event.entry.certificate_id},
            _("Status after this change: %(status)s") % {"status": event.get_status_display()},
            _("Status today: %(status)s") % {"status": entry_state(event.entry).label},
            _("Valid %(start)s to %(end)s") % {"start": event.valid_from, "end": event.valid_until},
            _("Effective on %(date)s") % {"date": event.effective_on},
        ]
        if event.reason:
            parts.append(_("Reason: %(reason)s") % {"reason": clean_text(event.reason)})
        return "<br>".join(escape(part) for part in parts)

    def item_link(self, event):
        return (
            self.site
            + reverse("register:provider", args=[event.entry.provider_id])
            + f"#entry-{event.entry.certificate_id}"
        )

    def item_guid(self, event):
        return event_uri(self.uris, event)

    def item_guid_is_permalink(self, event):
        return False

    def item_author_name(self, event):
        return clean_text(event.entry.authority.name)

    def item_author_link(self, event):
        return self.uris.authority(event.entry.authority_id)

    def item_categories(self, event):
        return [event.kind]

    def item_updateddate(self, event):
        return event.recorded_at

    def item_pubdate(self, event):
        return event.recorded_at


def _since(value: str) -> datetime.datetime | None:
    """A date or an ISO 8601 date and time (without an offset: the site's time zone); None if it is neither."""
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def event_record(event: RegisterEvent, uris) -> dict:
    entry = event.entry
    return {
        "id": event.pk,
        "uri": event_uri(uris, event),
        "kind": event.kind,
        "status": event.status,
        "status_today": entry_state(entry).status,
        "effective_on": event.effective_on.isoformat(),
        "recorded_at": event.recorded_at.isoformat(),
        "valid_from": event.valid_from.isoformat(),
        "valid_until": event.valid_until.isoformat(),
        "reason": clean_text(event.reason),
        "entry": {
            "uri": uris.entry(entry.pk),
            "certificate_id": entry.certificate_id,
            "provider": clean_text(entry.provider.legal_name),
            "provider_uri": uris.provider(entry.provider_id),
            "authority_uri": uris.authority(entry.authority_id),
        },
    }


def events(request: HttpRequest) -> HttpResponse:
    """Register events recorded at or after `since` (oldest first), `limit` at a time (at most 500), with the link
    to the next page. Ask again from your last `recorded_at` (inclusive) and skip the ids you already have: no
    change is ever missed, even one recorded in the same instant."""
    # Events are appended, never changed: their ids follow the order they were recorded in.
    queryset = _events().order_by("pk")
    since_text = request.GET.get("since", "").strip()
    if since_text:
        since = _since(since_text)
        if since is None:
            return _bad(_("since: give a date (YYYY-MM-DD) or an ISO 8601 date and time."))
        queryset = queryset.filter(recorded_at__gte=since)
    after = request.GET.get("after", "").strip()
    if after:
        if not after.isdigit() or len(after) > 18:
            return _bad(_("after: give the id of the last event you have."))
        queryset = queryset.filter(pk__gt=int(after))
    limit_text = request.GET.get("limit", str(EVENTS_PAGE)).strip()
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= EVENTS_PAGE:
        return _bad(_("limit: give a number from 1 to %(most)s.") % {"most": EVENTS_PAGE})
    limit = int(limit_text)
    page = list(queryset[: limit + 1])
    uris = register_uris(request)
    records = [event_record(event, uris) for event in page[:limit]]
    following = None
    if len(page) > limit:
        query = request.GET.copy()
        query["after"] = str(page[limit - 1].pk)
        following = site_url(request) + reverse("register:events") + "?" + query.urlencode()
    return JsonResponse({"events": records, "next": following}, json_dumps_params={"ensure_ascii": False})
