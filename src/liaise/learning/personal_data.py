"""What learning keeps about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

TRAINING_STAFF = _("The training's trainers, the event's managers (its project's coordinators and the partner "
                   "coordinators of its organising partners) and site admins.")

declare(
    Declaration(
        model="learning.Training",
        data=_("Who the trainers of a training are."),
        purpose=_("Show the trainers and let them record attendance."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): running the training."),
        audience=_("Everyone who sees the training."),
        retention=Retention(_("Kept with the training.")),
        fields=("trainers",),
    ),
    Declaration(
        model="learning.Attendance",
        data=_("Which modules of a training you attended (linked to your registration)."),
        purpose=_("Issue certificates and count attendance for the project's reports."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): the training you registered for."),
        audience=TRAINING_STAFF,
        retention=Retention(_("Kept with the registration, and anonymised with it (see registrations).")),
        fields=("registration", "module"),
    ),
    Declaration(
        model="learning.FeedbackReceipt",
        data=_("That you answered a training's feedback survey — never what you answered (the answers are "
               "stored without any link to you)."),
        purpose=_("Let each attendee answer once."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): a survey that counts each person once."),
        audience=_("Nobody sees it; the counts only."),
        retention=Retention(_("Kept with the training; deleted with your account.")),
        fields=("user",),
    ),
    Declaration(
        model="learning.Certificate",
        data=_("Your name as printed on the certificate, the training, the date and a verification code."),
        purpose=_("Give you a certificate anyone can check with its code."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): the training you completed."),
        audience=_("You; anyone you give the verification code to; the training's staff and site admins."),
        retention=Retention(_("Kept so the certificate can still be verified; deleted on request.")),
        fields=("name", "registration"),
    ),
)
