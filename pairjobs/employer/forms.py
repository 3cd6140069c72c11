"""Position, recruitment and contract forms; the rules are in pairjobs.domain."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField

from pairjobs.domain.applications import SYSTEM_REASONS
from pairjobs.models import (
    ApplicationStatus,
    Category,
    CddReason,
    CloseOutcome,
    ContractType,
    CredentialExpectation,
    EndReason,
    FundingKind,
    LegalBasis,
    ProviderKind,
    RejectionReason,
    RenewalDecision,
    Setting,
    SupervisionFrequency,
    SupervisionKind,
)
from pairjobs.web.choices import WeekdaysField, enum_choices, optional


class PositionForm(FlaskForm):
    """Every commitment of a position. Rules are checked by pairjobs.domain.positions."""

    title = StringField(_l("Title"), render_kw={"maxlength": 200})
    description = TextAreaField(
        _l("Description"), description=_l("Plain text; leave an empty line between paragraphs."),
        render_kw={"rows": 10},
    )
    setting = SelectField(_l("Setting"), validate_choice=False)
    department = SelectField(_l("Department"), validate_choice=False)
    commune = StringField(_l("Commune"),
                          description=_l("INSEE code or name; by default, the organization's."))

    contract_type = SelectField(_l("Contract type"), validate_choice=False)
    legal_basis = SelectField(_l("Legal basis (public fixed-term contract only)"), validate_choice=False)
    duration_months = StringField(_l("Duration in months (fixed-term contracts)"),
                                  render_kw={"type": "number", "min": 1, "max": 72, "inputmode": "numeric"})
    renewable = BooleanField(_l("Renewable"))
    cdi_prospect = BooleanField(_l("Prospect of a permanent contract stated"))

    fte_percent = StringField(_l("Working time (percentage of full time)"),
                              render_kw={"type": "number", "min": 10, "max": 100, "inputmode": "numeric"})
    weekly_hours = StringField(_l("Hours a week"),
                               description=_l("Left empty: computed from a 35-hour week."),
                               render_kw={"inputmode": "decimal"})
    salary_min = StringField(_l("Minimum monthly gross salary (€)"),
                             render_kw={"type": "number", "min": 0, "inputmode": "numeric"})
    salary_max = StringField(_l("Maximum monthly gross salary (€)"),
                             render_kw={"type": "number", "min": 0, "inputmode": "numeric"})
    pay_grid = StringField(_l("Pay grid reference"),
                           description=_l("For example: FPH, catégorie B, grade 1."))

    funding_kind = SelectField(_l("Funding"), validate_choice=False)
    funding_ends_on = StringField(_l("End of the grant"), render_kw={"type": "date"})
    opening_days = WeekdaysField(_l("Opening days of the unit"),
                                 description=_l("None ticked: the organization's. A ward open every day: "
                                                "tick all."))
    start_date = StringField(_l("Start date"), render_kw={"type": "date"})
    deadline = StringField(_l("Application deadline"), render_kw={"type": "date"})
    openings = StringField(_l("Number of openings"), render_kw={"type": "number", "min": 1, "max": 50})

    supervision_frequency = SelectField(_l("Supervision frequency"), validate_choice=False)
    supervision_kind = SelectField(_l("Kind of supervision"), validate_choice=False)
    supervision_paid_time = BooleanField(_l("Supervision within paid working time"))
    referent_role = StringField(_l("Role of the referent"), description=_l("For example: cadre de santé."))
    peer_team_size = StringField(_l("Other peer workers in the team"), render_kw={"type": "number", "min": 0})
    training_funded = BooleanField(_l("DU/DIU training funded by the employer"))
    tutoring = BooleanField(_l("Tutoring on arrival"))
    credential_expectation = SelectField(_l("Peer-work credential (DU, DIU, licence MSP…)"),
                                         validate_choice=False)

    version = HiddenField()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.setting.choices = optional(enum_choices(Setting))
        self.department.choices = departments
        self.contract_type.choices = optional(enum_choices(ContractType))
        self.legal_basis.choices = optional(enum_choices(LegalBasis), _l("None"))
        self.funding_kind.choices = optional(enum_choices(FundingKind))
        self.supervision_frequency.choices = optional(enum_choices(SupervisionFrequency))
        self.supervision_kind.choices = optional(enum_choices(SupervisionKind), _l("None"))
        self.credential_expectation.choices = optional(enum_choices(CredentialExpectation))


class CloseForm(FlaskForm):
    """Close a position with its outcome."""

    outcome = SelectField(_l("Outcome"), validate_choice=False)
    submit = SubmitField(_l("Close the position"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = enum_choices(CloseOutcome)


class StatusForm(FlaskForm):
    """Move an application, or add an internal note."""

    status = SelectField(_l("New status"), validate_choice=False)
    reason = SelectField(_l("Reason (when not kept)"), validate_choice=False)
    share_reason = BooleanField(_l("Tell the candidate the reason"), default=True)
    note = TextAreaField(_l("Internal note"), description=_l("Seen only by your organization's recruiters."),
                         render_kw={"rows": 3, "maxlength": 2000})
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = optional(enum_choices(ApplicationStatus, allowed), _l("No change (note only)"))
        chosen_by_recruiters = [r for r in RejectionReason if r not in SYSTEM_REASONS]
        self.reason.choices = optional(enum_choices(RejectionReason, chosen_by_recruiters), _l("None"))


class InterviewForm(FlaskForm):
    """Propose an interview; read by pairjobs.schemas.interviews.InterviewFormSchema."""

    # Text fields with the browser's pickers: the schema reads and checks the values (French messages).
    starts_at = StringField(_l("Date and time (France)"), render_kw={"type": "datetime-local"})
    duration_minutes = StringField(_l("Length (minutes)"), default="45",
                                   render_kw={"type": "number", "min": 15, "max": 480, "step": 5,
                                              "inputmode": "numeric"})
    location = StringField(_l("Place"), description=_l("Address and room; or a video call link below."),
                           render_kw={"maxlength": 300})
    video_url = StringField(_l("Video call link"), render_kw={"maxlength": 500, "type": "url"})
    note = TextAreaField(_l("Message to the candidate"), render_kw={"rows": 3, "maxlength": 2000})
    submit = SubmitField(_l("Propose the interview"))


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
        self.contract_type.choices = enum_choices(ContractType)
        self.legal_basis.choices = optional(enum_choices(LegalBasis), _l("None"))
        self.category.choices = optional(enum_choices(Category), _l("None"))
        self.cdd_reason.choices = optional(enum_choices(CddReason), _l("None"))
        self.funding_kind.choices = enum_choices(FundingKind)
        self.supervision_frequency.choices = enum_choices(SupervisionFrequency)
        self.supervision_kind.choices = optional(enum_choices(SupervisionKind), _l("None"))


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
        self.reason.choices = optional(enum_choices(EndReason))
        self.decision.choices = optional(enum_choices(RenewalDecision))


class SessionForm(FlaskForm):
    """A supervision session held; the rules are in pairjobs.domain.supervision."""

    held_on = StringField(_l("Day held"), render_kw={"type": "date"})
    kind = SelectField(_l("Kind of supervision"), validate_choice=False)
    minutes = StringField(_l("Length, in minutes"), render_kw={"type": "number", "min": 1, "max": 480})
    paid_time = BooleanField(_l("Within paid working time"), default=True)
    provider_kind = SelectField(_l("Led by"), validate_choice=False)
    submit = SubmitField(_l("Record the session"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = optional(enum_choices(SupervisionKind))
        self.provider_kind.choices = optional(enum_choices(ProviderKind))


class SessionImportForm(FlaskForm):
    """A month's sessions from a CSV file."""

    month = StringField(_l("Month of the sessions"), render_kw={"type": "month"},
                        description=_l("Every line of the file must be a session of this month."))
    file = FileField(_l("File of the month (CSV, UTF-8, semicolon-separated)"),
                     render_kw={"accept": ".csv,text/csv"})
    submit = SubmitField(_l("Check and import"))


class InviteColleagueForm(FlaskForm):
    """Bring a colleague into the organization; they choose their password from the e-mail."""

    name = StringField(_l("Name"), render_kw={"maxlength": 120, "autocomplete": "off"})
    email = StringField(_l("E-mail address"),
                        render_kw={"maxlength": 254, "type": "email", "autocomplete": "off"})
    submit = SubmitField(_l("Invite"))


class ProofForm(FlaskForm):
    """The proofs of the sessions held for a drawn contract."""

    document = FileField(_l("Proofs of the sessions held (PDF, 5 MB at most)"),
                         render_kw={"accept": ".pdf,application/pdf"})
    submit = SubmitField(_l("Send the proofs"))


class VerificationAnswerForm(FlaskForm):
    """The employer's one answer to a refusal."""

    answer = TextAreaField(_l("Your answer (once)"), render_kw={"rows": 4, "maxlength": 2000})
    submit = SubmitField(_l("Send the answer"))
