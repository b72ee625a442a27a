"""What the ELM outputs (XML and JSON-LD) are built from: each register entry with its public state (the one rule
of accreditation.models.register) and the register's URIs, as the plain data reports.elm takes."""

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from reports import elm, elm_jsonld

from .models import IssuedDocument, RegisterEntry, RegisterScopeItem
from .models.register import EntryStatus, entry_state

PROVIDER_IDENTIFIERS = (
    ("deqar_id", "DEQAR id"),
    ("eter_id", "ETER id"),
    ("pic", "PIC"),
    ("erasmus_code", "Erasmus code"),
    ("national_id", "National identifier"),
    ("ror_id", "ROR id"),
    ("schac_code", "SCHAC code"),
)


def for_elm(entries: QuerySet[RegisterEntry]) -> QuerySet[RegisterEntry]:
    """The entries with everything the ELM records read, in a constant number of queries per chunk."""
    return (
        entries.with_public_state()
        .select_related("provider", "agency", "authority", "decision", "application")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "scope_items",
                queryset=RegisterScopeItem.objects.select_related(
                    "field", "version__nqf_level__framework", "version__field"
                ).order_by("title"),
            ),
            "scope_fields",
            Prefetch(
                "application__documents",
                queryset=IssuedDocument.objects.filter(kind=IssuedDocument.Kind.FINAL_REPORT).order_by("-version"),
                to_attr="final_reports",
            ),
        )
    )


def _identifiers(organisation, names=PROVIDER_IDENTIFIERS) -> tuple[tuple[str, str], ...]:
    return tuple((label, getattr(organisation, name, "")) for name, label in names if getattr(organisation, name, ""))


def organisations(entry: RegisterEntry, uris) -> tuple[elm.Organisation, elm.Organisation, elm.Organisation]:
    provider, agency, authority = entry.provider, entry.agency, entry.authority
    return (
        elm.Organisation(
            uri=uris.provider(provider.pk),
            name=provider.legal_name,
            country=provider.country,
            homepage=provider.website,
            identifiers=_identifiers(provider),
        ),
        elm.Organisation(
            uri=uris.agency(agency.pk),
            name=agency.name,
            country=agency.country,
            homepage=agency.website,
            identifiers=_identifiers(agency, (("deqar_id", "DEQAR agency id"),)),
        ),
        elm.Organisation(
            uri=uris.authority(authority.pk), name=authority.name, country=authority.country, homepage=authority.website
        ),
    )


def _notes(entry: RegisterEntry, state) -> tuple[str, ...]:
    notes = []
    if state.status == EntryStatus.SUSPENDED:
        notes.append(
            f"Suspended since {state.suspended_since.isoformat() if state.suspended_since else 'an unrecorded date'}"
            f" (originally valid until {state.valid_until.isoformat()}): the accreditation does not apply while "
            "suspended."
        )
    if state.status == EntryStatus.WITHDRAWN and state.withdrawn_on:
        notes.append(
            f"Withdrawn on {state.withdrawn_on.isoformat()} (originally valid until {state.valid_until.isoformat()})."
        )
    for item in entry.scope_items.all():
        # AMS has no element for a micro-credential's awarding bodies or issuer countries: a joint one is noted.
        version = item.version
        bodies, countries = version.awarding_bodies, [code.strip().upper() for code in version.issuer_countries]
        if len(bodies) > 1 or len(countries) > 1:
            notes.append(
                f"{item.title}: awarded by {'; '.join(bodies) or 'the provider'}"
                + (f"; issuer countries {', '.join(countries)}" if countries else "")
                + "."
            )
    if entry.with_conditions and entry.conditions.strip():
        notes.append("Conditions: " + "; ".join(line.strip() for line in entry.conditions.splitlines() if line.strip()))
    return tuple(notes)


def _titles_by_language(scope: list[RegisterScopeItem]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    languages = sorted({code for item in scope for code in (item.version.translations or {})})
    return tuple(
        (code, tuple(item.version.translation("title", code) or item.title for item in scope)) for code in languages
    )


def accreditation(entry: RegisterEntry, uris, site: str) -> elm.Accreditation:
    state = entry_state(entry)
    provider, agency, authority = organisations(entry, uris)
    scope = list(entry.scope_items.all())
    levels = {item.eqf_level for item in scope if item.eqf_level}
    fields = {item.field.code for item in scope if item.field_id}
    if entry.institutional:
        if entry.scope_eqf_min and entry.scope_eqf_max:
            levels |= set(range(entry.scope_eqf_min, entry.scope_eqf_max + 1))
        fields |= {f.code for f in entry.scope_fields.all()}
    reports = getattr(entry, "final_reports", None)
    report = reports[0] if reports else None
    entry_uri = uris.entry(entry.pk)
    return elm.Accreditation(
        uri=entry_uri,
        certificate_id=entry.certificate_id,
        institutional=entry.institutional,
        title=f"Accreditation of {entry.provider.legal_name} as a trusted provider of micro-credentials",
        provider=provider,
        agency=agency,
        authority=authority,
        status=state.status,
        outcome=entry.decision.outcome,
        issued=state.issued.replace(microsecond=0).isoformat(),
        valid_from=state.valid_from.isoformat(),
        ends_on=state.ends_on.isoformat(),
        modified=state.modified.replace(microsecond=0).isoformat(),
        landing_page=site + reverse("register:verify", args=[entry.certificate_id]),
        decision_uri=f"{entry_uri}#decision",
        eqf_levels=tuple(sorted(levels)),
        fields=tuple(sorted(fields)),
        scope_titles=tuple(item.title for item in scope),
        scope_titles_by_language=_titles_by_language(scope),
        notes=_notes(entry, state),
        report_url=site + reverse("reports:public-document", args=[report.pk]) if report else "",
        jurisdiction=authority.country,
    )


def accreditations(entries: Iterable[RegisterEntry], uris, site: str) -> Iterator[elm.Accreditation]:
    for entry in entries:
        yield accreditation(entry, uris, site)


def specification(item: RegisterScopeItem, uris, accreditation_uri: str) -> elm_jsonld.Specification:
    version = item.version
    level = version.nqf_level
    return elm_jsonld.Specification(
        uri=uris.micro_credential(item.pk),
        title=item.title,
        languages=tuple(version.language_codes),
        learning_outcomes=tuple(version.outcome_lines),
        awarding_bodies=tuple(version.awarding_bodies),
        issuer_countries=tuple(code.strip().upper() for code in version.issuer_countries),
        translations=tuple(
            (
                code,
                texts.get("title", ""),
                tuple(version.translated_outcome_lines(code)),
                texts.get("further_information", ""),
            )
            for code, texts in sorted((version.translations or {}).items())
        ),
        further_information=version.further_information,
        ects=version.ects,
        workload_hours=version.workload_hours,
        eqf_level=version.eqf_level,
        nqf_level_uri=level.eu_uri if level else "",
        nqf_level_label=str(level) if level else "",
        field_code=version.field.code if version.field_id else "",
        mode=version.participation_form,
        assessment=str(version.get_assessment_type_display()) if version.assessment_type else "",
        entry_requirements=version.prerequisites,
        supervision=str(version.get_supervision_display()) if version.supervision else "",
        grading=version.grading,
        stackability=str(version.get_stackability_display()) if version.stackability else "",
        quality_assurance=version.quality_assurance,
        accreditation_uri=accreditation_uri,
    )


def jsonld_items(entries: Iterable[RegisterEntry], uris, site: str) -> Iterator[tuple]:
    """Each entry's accreditation with its accredited micro-credentials, for reports.elm_jsonld."""
    for entry in entries:
        record = accreditation(entry, uris, site)
        yield record, [specification(item, uris, record.uri) for item in entry.scope_items.all()]
