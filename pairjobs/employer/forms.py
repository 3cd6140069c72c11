"""Recruitment and contract forms; the rules are in pairjobs.domain."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField

from pairjobs.web import labels
from pairjobs.web.choices import enum_choices, optional


class StatusForm(FlaskForm):
    """Move an application, or add an internal note."""

    status = SelectField(_l("New status"), validate_choice=False)
    reason = SelectField(_l("Reason (when not kept; told to the candidate)"), validate_choice=False)
    note = TextAreaField(_l("Internal note"), description=_l("Seen only by your organization's recruiters."),
                         render_kw={"rows": 3, "maxlength": 2000})
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = optional(enum_choices(labels.APPLICATION_STATUSES, allowed),
                                       _l("No change (note only)"))
        self.reason.choices = optional(enum_choices(labels.REJECTION_REASONS), _l("None"))


class ContractTermsForm(FlaskForm):
    """The terms of an active contract, including the supervision actually in place."""

    contract_type = SelectField(_l("Contract type"), validate_choice=False)
    legal_basis = SelectField(_l("Legal basis (public fixed-term contract only)"), validate_choice=False)
    category = SelectField(_l("Hierarchical category (public contracts)"), validate_choice=False)
    cdd_reason = SelectField(_l("Reason for the fixed-term contract (private CDD only)"),
                             validate_choice=False)
    extended_duration = BooleanField(
        _l("Extended duration of L5134-25-1 (PEC only)"),
        description=_l("Tick only that the extended duration applies; never record why."))
    part_time_at_employee_request = BooleanField(
        _l("Part time under the minimum at the employee's written request (L3123-7)"))
    post_ref = StringField(_l("Your reference of the post (optional)"), render_kw={"maxlength": 40},
                           description=_l("So that the waiting period follows the post across contracts."))
    start_date = StringField(_l("Start date"), render_kw={"type": "date"})
    end_date = StringField(_l("Last day (fixed-term contracts)"), render_kw={"type": "date"})
    fte_percent = StringField(_l("Working time (percentage of full time)"), render_kw={"type": "number"})
    weekly_hours = StringField(_l("Hours a week"), render_kw={"inputmode": "decimal"})
    monthly_gross = StringField(_l("Monthly gross salary (€)"), render_kw={"type": "number"})
    funding_kind = SelectField(_l("Funding"), validate_choice=False)
    funding_ends_on = StringField(_l("End of the grant"), render_kw={"type": "date"})
    supervision_frequency = SelectField(_l("Supervision in place"), validate_choice=False)
    supervision_kind = SelectField(_l("Kind of supervision"), validate_choice=False)
    supervision_paid_time = BooleanField(_l("Supervision within paid working time"))
    peer_team_size = StringField(_l("Other peer workers in the team"), render_kw={"type": "number"})
    version = HiddenField()
    submit = SubmitField(_l("Save the terms"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract_type.choices = enum_choices(labels.CONTRACT_TYPES)
        self.legal_basis.choices = optional(enum_choices(labels.LEGAL_BASES), _l("None"))
        self.category.choices = optional(enum_choices(labels.CATEGORIES), _l("None"))
        self.cdd_reason.choices = optional(enum_choices(labels.CDD_REASONS), _l("None"))
        self.funding_kind.choices = enum_choices(labels.FUNDING_KINDS)
        self.supervision_frequency.choices = enum_choices(labels.SUPERVISION_FREQUENCIES)
        self.supervision_kind.choices = optional(enum_choices(labels.SUPERVISION_KINDS), _l("None"))

    def raw(self) -> dict:
        return {n: f.data for n, f in self._fields.items() if n not in {"csrf_token", "submit", "version"}}


class ContractActionForm(FlaskForm):
    """Renew, convert, end, or record a decision (the fields used depend on the action)."""

    action = HiddenField()
    duration_months = StringField(_l("Duration of the renewal, in months"), render_kw={"type": "number"})
    end_date = StringField(_l("Last day"), render_kw={"type": "date"})
    start_date = StringField(_l("Start of the permanent contract"), render_kw={"type": "date"})
    reason = SelectField(_l("Reason"), validate_choice=False)
    decision = SelectField(_l("Decision"), validate_choice=False)
    version = HiddenField()
    submit = SubmitField(_l("Confirm"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = optional(enum_choices(labels.END_REASONS))
        self.decision.choices = optional(enum_choices(labels.RENEWAL_DECISIONS))
