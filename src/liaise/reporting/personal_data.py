"""What reporting keeps about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

PROJECT = _("Anyone with a role in the project (reported values: their coordinators and the organisation that "
            "reported them); site admins.")
KEPT = Retention(_("Kept with the project's reports (funders may audit them for years after the project); the "
                   "link to a person goes when their account is closed."))

declare(
    Declaration(
        model="reporting.ReportedValue",
        data=_("Who reported an indicator's value."),
        purpose=_("Report the project's results to its funder."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)) and the grant agreement's reporting duty."),
        audience=PROJECT,
        retention=KEPT,
        fields=("created_by",),
    ),
    Declaration(
        model="reporting.ReportedValueChange",
        data=_("Each step of a reported value's history: who did what, when, with a comment."),
        purpose=_("Accountability of the figures sent to the funder."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)) and the grant agreement's reporting duty."),
        audience=PROJECT,
        retention=KEPT,
        fields=("actor", "comment"),
    ),
    Declaration(
        model="reporting.Narrative",
        data=_("Who last updated a work package's narrative."),
        purpose=_("Write the periodic report together."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)) and the grant agreement's reporting duty."),
        audience=PROJECT,
        retention=KEPT,
        fields=("updated_by",),
    ),
)
