"""What the API shows of the register: published entries and the providers that have them."""

from rest_framework import serializers

from ..models import Provider, RegisterEntry, RegisterScopeItem


class ScopeItemSerializer(serializers.ModelSerializer):
    field = serializers.CharField(source="field.code", default=None)

    class Meta:
        model = RegisterScopeItem
        fields = ["title", "eqf_level", "ects", "field", "participation_form"]


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
        ]


class EntrySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:entry-detail", lookup_field="certificate_id")
    provider = ProviderSerializer()
    status = serializers.CharField(source="effective_status")
    agency = serializers.CharField(source="agency.name")
    authority = serializers.CharField(source="authority.name")
    scope = ScopeItemSerializer(source="scope_items", many=True)

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
            "institutional",
            "scope_eqf_min",
            "scope_eqf_max",
            "agency",
            "authority",
            "scope",
            "updated_at",
        ]
