"""What the API shows of the register: published entries and the providers that have them."""

from django.urls import reverse
from rest_framework import serializers

from config.site import site_url

from ..models import Provider, RegisterEntry, RegisterScopeItem
from ..models.register import entry_state
from ..register_history import said_on


class ScopeItemSerializer(serializers.ModelSerializer):
    field = serializers.CharField(source="field.code", default=None)
    translations = serializers.JSONField(
        source="version_translations",
        default=dict,
        read_only=True,
        help_text="The title, learning outcomes and further information in other languages, by language code.",
    )

    class Meta:
        model = RegisterScopeItem
        fields = ["title", "translations", "eqf_level", "ects", "field", "participation_form"]


class ProviderSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:provider-detail")

    class Meta:
        model = Provider
        fields = [
            "id",
            "url",
            "legal_name",
            "acronym",
            "type",
            "country",
            "region",
            "website",
            "erasmus_code",
            "deqar_id",
            "eter_id",
            "pic",
            "national_id",
            "ror_id",
            "schac_code",
        ]


class EntrySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:entry-detail", lookup_field="certificate_id")
    provider = ProviderSerializer()
    status = serializers.CharField(source="effective_status")
    agency = serializers.CharField(source="agency.name")
    authority = serializers.CharField(source="authority.name")
    scope = ScopeItemSerializer(source="scope_items", many=True)
    state = serializers.SerializerMethodField(
        help_text="The entry's public status and dates (one rule for every output): ends_on is the withdrawal date "
        "of a withdrawn entry, otherwise the end of validity; decided is the decision's date; modified the last "
        "change of the entry or its history."
    )

    credential = serializers.SerializerMethodField(
        help_text="The entry as a signed W3C verifiable credential (application/vc+jwt), with its status list entries."
    )

    def get_credential(self, entry) -> str:
        # The site's address as every absolute link has it (SITE_URL, or the request's own when unset).
        return site_url(self.context.get("request")) + reverse("trust:entry-credential", args=[entry.pk])

    open_conditions = serializers.SerializerMethodField(
        help_text="The conditions of the accreditation still to be met, each with its number, text and due date."
    )

    def get_open_conditions(self, entry) -> list[dict]:
        conditions = (c for c in entry.condition_items.all() if c.state in c.OPEN_STATES)
        return [{"number": c.number, "text": c.text, "due_on": c.due_on, "state": c.state} for c in conditions]

    def get_state(self, entry) -> dict:
        as_of, recorded_on = self.context.get("as_of"), self.context.get("as_recorded_on")
        state = entry_state(entry, as_of)
        answer = {
            "status": state.status,
            "ends_on": state.ends_on,
            "decided": state.issued,
            "modified": state.modified,
            "suspended_since": state.suspended_since,
            "suspended_until": state.suspended_until,
            "withdrawn_on": state.withdrawn_on,
        }
        if as_of:
            answer["as_of"] = as_of
        if recorded_on:
            # What the register said then, from the history recorded by that day only.
            said = said_on(entry, as_of, recorded_on)
            answer.update(
                status=said.status, valid_from=said.valid_from, valid_until=said.valid_until, as_recorded_on=recorded_on
            )
        return answer

    def to_representation(self, entry):
        data = super().to_representation(entry)
        data["status"] = data["state"]["status"]  # on the date asked for, as the state block says
        return data

    class Meta:
        model = RegisterEntry
        fields = [
            "certificate_id",
            "url",
            "provider",
            "status",
            "valid_from",
            "valid_until",
            "with_conditions",
            "conditions",
            "open_conditions",
            "institutional",
            "scope_eqf_min",
            "scope_eqf_max",
            "agency",
            "authority",
            "scope",
            "state",
            "credential",
            "updated_at",
        ]
