"""Forms of the panel's steps: composing the panel, the site visit, the invitation, the review and the
consolidation. The rules live in reviews.services; these forms collect and label the input."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.validators import no_control_characters
from frameworks.models import ScaleValue

from .models import Panel, PanelMember, Recommendation

NOT_ON_PANEL = ""


def scale_field(label, values: list[ScaleValue]) -> forms.TypedChoiceField:
    """A choice among one scale's values (choices built from rows already loaded: no query per field)."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "—"), *((v.pk, v.label) for v in values)],
        coerce=int,
        required=False,
        empty_value=None,
    )


ROLE_CHOICES = [(NOT_ON_PANEL, _("Not on the panel")), *PanelMember.Role.choices]
INVITE_PREFIX = "invite_"
CHOSEN_BY = "chosen_by"


@dataclass(frozen=True)
class CandidateRow:
    """One reviewer of the pool as the compose page shows them: rank, why, and the fields to choose them."""

    rank: int
    candidate: object
    suggested: bool
    invite: forms.BoundField
    role: forms.BoundField
    justification: forms.BoundField


class PanelForm(forms.Form):
    """A box to invite each reviewer of the agency's pool, with their role and, for one with a conflict, the
    justification to appoint them anyway. Reviewers come ranked: the suggested panel first (in the suggestion's
    order), then those without a conflict, least loaded first, then those with a conflict.

    A post without `chosen_by=boxes` and without any invite box (a client of the older form) chooses the reviewers
    by their role alone."""

    def __init__(self, *args, candidates, initial_roles: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        suggested_order = list(initial_roles)
        self.initial_roles = initial_roles
        self.pool = list(candidates)  # the seats are made in the pool's order, whatever the page's ranking
        self.candidates = sorted(
            candidates,
            key=lambda c: (
                0 if c.user_id in initial_roles else 1 if not c.conflicts else 2,
                suggested_order.index(c.user_id) if c.user_id in initial_roles else 0,
                c.load,
                c.name,
                c.user_id,
            ),
        )
        for candidate in self.candidates:
            default_role = PanelMember.Role.STUDENT if candidate.is_student else PanelMember.Role.MEMBER
            self.fields[f"{INVITE_PREFIX}{candidate.user_id}"] = forms.BooleanField(
                label=_("Invite %(name)s") % {"name": candidate.name},
                required=False,
                initial=candidate.user_id in initial_roles,
            )
            self.fields[f"role_{candidate.user_id}"] = forms.ChoiceField(
                label=_("Role of %(name)s") % {"name": candidate.name},
                choices=PanelMember.Role.choices,
                required=False,
                initial=initial_roles.get(candidate.user_id) or default_role,
            )
            self.fields[f"justification_{candidate.user_id}"] = forms.CharField(
                label=_("Justification for %(name)s despite the conflict") % {"name": candidate.name},
                help_text=_("Required to invite a reviewer with a conflict of interest."),
                required=False,
                widget=forms.TextInput(),
                validators=[no_control_characters],
            )

    def rows(self):
        """(candidate, role, justification) per reviewer: the older table's rows."""
        for row in self.ranked_rows():
            yield row.candidate, row.role, row.justification

    def ranked_rows(self) -> list[CandidateRow]:
        return [
            CandidateRow(
                rank,
                candidate,
                candidate.user_id in self.initial_roles,
                self[f"{INVITE_PREFIX}{candidate.user_id}"],
                self[f"role_{candidate.user_id}"],
                self[f"justification_{candidate.user_id}"],
            )
            for rank, candidate in enumerate(self.candidates, start=1)
        ]

    def _by_boxes(self) -> bool:
        # The page's form says so (a browser posts no box that is not ticked).
        return self.data.get(CHOSEN_BY) == "boxes" or any(key.startswith(INVITE_PREFIX) for key in self.data)

    def _is_chosen(self, candidate) -> bool:
        data = self.cleaned_data
        if self._by_boxes():
            return bool(data.get(f"{INVITE_PREFIX}{candidate.user_id}"))
        return bool(data.get(f"role_{candidate.user_id}"))

    def clean(self):
        data = super().clean()
        chosen = [c for c in self.pool if self._is_chosen(c)]
        if not chosen:
            raise forms.ValidationError(_("Tick at least one reviewer to invite."))
        for candidate in chosen:
            if not data.get(f"role_{candidate.user_id}"):
                message = _("Choose the role of %(name)s.") % {"name": candidate.name}
                self.add_error(f"role_{candidate.user_id}", message)
            if candidate.conflicts and not (data.get(f"justification_{candidate.user_id}") or "").strip():
                self.add_error(
                    f"justification_{candidate.user_id}",
                    _("%(name)s has a conflict of interest (%(conflicts)s): justify the invitation or untick it.")
                    % {"name": candidate.name, "conflicts": "; ".join(candidate.conflicts)},
                )
        chairs = [c for c in chosen if data.get(f"role_{c.user_id}") == PanelMember.Role.CHAIR]
        if len(chairs) > 1:
            for candidate in chairs:
                self.add_error(f"role_{candidate.user_id}", _("Only one reviewer can chair the panel."))
        elif not chairs and all(data.get(f"role_{c.user_id}") for c in chosen):
            raise forms.ValidationError(_("Choose exactly one chair."))
        return data

    def chosen(self) -> list[tuple[int, str, str]]:
        return [
            (c.user_id, self.cleaned_data[f"role_{c.user_id}"], self.cleaned_data[f"justification_{c.user_id}"])
            for c in self.pool
            if self._is_chosen(c)
        ]


class ReplaceMemberForm(forms.Form):
    """The replacement, chosen among the suitable reviewers without a conflict, best first."""

    reviewer = forms.TypedChoiceField(label=_("Replacement reviewer"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [
            (candidate.user_id, f"{candidate.name} ({', '.join(reasons)})") for candidate, reasons in offered
        ]
        if offered:
            self.fields["reviewer"].initial = offered[0][0].user_id


class SiteVisitForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["site_visit_on", "site_visit_mode", "site_visit_notes"]
        widgets = {"site_visit_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True


class InvitationForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("accept", _("I accept and declare no conflict of interest")),
            ("accept_declaring", _("I accept, and declare a possible conflict below for the coordinator to judge")),
            ("decline", _("I decline")),
        ],
        widget=forms.RadioSelect,
    )
    declaration = forms.CharField(
        label=_("Conflict of interest or reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required if you decline or declare a possible conflict. Any link with the provider: employment, "
            "consultancy, study, family, competing interests; or simply that you are not available."
        ),
        validators=[no_control_characters],
    )

    def clean(self):
        data = super().clean()
        declared = data.get("declaration", "").strip()
        if data.get("answer") == "decline" and not declared:
            self.add_error("declaration", _("Say why you decline, so that the coordinator can find someone else."))
        if data.get("answer") == "accept_declaring" and not declared:
            self.add_error("declaration", _("Describe the possible conflict for the coordinator to judge."))
        if data.get("answer") == "accept" and declared:
            self.add_error(
                "answer", _("You wrote a declaration: choose to accept declaring a possible conflict, or decline.")
            )
        return data


@dataclass
class StandardRow:
    standard: object
    value: forms.BoundField
    rationale: forms.BoundField
    evidence: forms.BoundField
    state: str  # "done", "empty" or "rationale"


@dataclass
class StandardGroup:
    standard_set: object
    rows: list

    @property
    def done(self) -> int:
        return sum(row.state == "done" for row in self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)


class ReviewForm(forms.Form):
    """A judgement per standard and a verdict per micro-credential, built from the application's sets."""

    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"), choices=[("", "—"), *Recommendation.choices], required=False
    )
    summary = forms.CharField(
        label=_("Overall assessment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_control_characters],
    )

    def __init__(self, *args, standards, versions, scale_values: dict[int, list[ScaleValue]], **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        self.versions = list(versions)
        self.values_by_pk = {value.pk: value for values in scale_values.values() for value in values}
        for standard in self.standards:
            self.fields[f"value_{standard.pk}"] = scale_field(
                _("Judgement of %(code)s") % {"code": standard.code}, scale_values[standard.standard_set.scale_id]
            )
            self.fields[f"rationale_{standard.pk}"] = forms.CharField(
                label=_("Rationale for %(code)s") % {"code": standard.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                validators=[no_control_characters],
            )
            self.fields[f"evidence_{standard.pk}"] = forms.CharField(
                label=_("Evidence references for %(code)s") % {"code": standard.code},
                required=False,
                validators=[no_control_characters],
            )
        yes_no = [("", "—"), ("yes", _("Confirmed")), ("no", _("Disputed"))]
        for version in self.versions:
            self.fields[f"level_{version.pk}"] = forms.ChoiceField(
                label=_("Level of “%(title)s”") % {"title": version.title}, choices=yes_no, required=False
            )
            self.fields[f"workload_{version.pk}"] = forms.ChoiceField(
                label=_("Workload of “%(title)s”") % {"title": version.title}, choices=yes_no, required=False
            )
            self.fields[f"reason_{version.pk}"] = forms.CharField(
                label=_("Reason for “%(title)s”") % {"title": version.title},
                required=False,
                validators=[no_control_characters],
            )

    def version_rows(self):
        for version in self.versions:
            yield version, self[f"level_{version.pk}"], self[f"workload_{version.pk}"], self[f"reason_{version.pk}"]

    # The page's structure: a section per standard set with its progress, and a summary of what is left.

    def _current(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value).strip()

    def _standard_state(self, standard) -> str:
        """ "done", "empty" (not judged) or "rationale" (judged below the best values without a rationale)."""
        value = self._current(f"value_{standard.pk}")
        if not value:
            return "empty"
        chosen = self.values_by_pk.get(int(value)) if value.isdigit() else None
        if chosen is not None and not chosen.is_positive and not self._current(f"rationale_{standard.pk}"):
            return "rationale"
        return "done"

    def groups(self) -> list[StandardGroup]:
        groups: dict[int, StandardGroup] = {}
        for standard in self.standards:
            group = groups.get(standard.standard_set_id)
            if group is None:
                group = groups[standard.standard_set_id] = StandardGroup(standard.standard_set, [])
            state = self._standard_state(standard)
            group.rows.append(
                StandardRow(
                    standard,
                    self[f"value_{standard.pk}"],
                    self[f"rationale_{standard.pk}"],
                    self[f"evidence_{standard.pk}"],
                    state,
                )
            )
        return list(groups.values())

    def _version_done(self, version) -> bool:
        level, workload = self._current(f"level_{version.pk}"), self._current(f"workload_{version.pk}")
        if not level or not workload:
            return False
        return not ("no" in (level, workload) and not self._current(f"reason_{version.pk}"))

    def summary_of_progress(self) -> dict:
        """What is done and what is left before the review can be submitted, each left item with its field's id."""
        left = []
        done = 0
        for standard in self.standards:
            state = self._standard_state(standard)
            if state == "done":
                done += 1
            elif state == "empty":
                left.append(
                    (
                        _("Judge %(code)s %(title)s") % {"code": standard.code, "title": standard.title},
                        self[f"value_{standard.pk}"].auto_id,
                    )
                )
            else:
                left.append(
                    (
                        _("Give a rationale for %(code)s") % {"code": standard.code},
                        self[f"rationale_{standard.pk}"].auto_id,
                    )
                )
        versions_done = 0
        for version in self.versions:
            if self._version_done(version):
                versions_done += 1
            else:
                left.append(
                    (
                        _("Confirm or dispute “%(title)s”") % {"title": version.title},
                        self[f"level_{version.pk}"].auto_id,
                    )
                )
        if not self._current("recommendation"):
            left.append((_("Give your overall recommendation"), self["recommendation"].auto_id))
        return {
            "standards_done": done,
            "standards_total": len(self.standards),
            "versions_done": versions_done,
            "versions_total": len(self.versions),
            "left": left,
        }

    def judgements(self) -> dict:
        data = self.cleaned_data
        return {
            s.pk: (
                self.values_by_pk.get(data.get(f"value_{s.pk}")),
                data.get(f"rationale_{s.pk}", ""),
                data.get(f"evidence_{s.pk}", ""),
            )
            for s in self.standards
        }

    def verdicts(self) -> dict:
        data = self.cleaned_data

        def flag(name):
            return {"yes": True, "no": False}.get(data.get(name) or "")

        return {
            v.pk: (flag(f"level_{v.pk}"), flag(f"workload_{v.pk}"), data.get(f"reason_{v.pk}", ""))
            for v in self.versions
        }


class ConsolidationForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Panel recommendation"), choices=[("", "—"), *Recommendation.choices], required=False
    )
    conditions = forms.CharField(
        label=_("Recommended conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; required when recommending accreditation with conditions."),
        validators=[no_control_characters],
    )
    summary = forms.CharField(
        label=_("Summary of findings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_control_characters],
    )

    def __init__(self, *args, standards, scale_values: dict[int, list[ScaleValue]], **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        self.values_by_pk = {value.pk: value for values in scale_values.values() for value in values}
        for standard in self.standards:
            self.fields[f"value_{standard.pk}"] = scale_field(
                _("Consolidated judgement of %(code)s") % {"code": standard.code},
                scale_values[standard.standard_set.scale_id],
            )
            self.fields[f"rationale_{standard.pk}"] = forms.CharField(
                label=_("Consolidated rationale for %(code)s") % {"code": standard.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                validators=[no_control_characters],
            )

    def judgements(self) -> dict:
        data = self.cleaned_data
        return {
            s.pk: (self.values_by_pk.get(data.get(f"value_{s.pk}")), data.get(f"rationale_{s.pk}", ""))
            for s in self.standards
        }
