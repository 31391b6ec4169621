"""What the library keeps about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

declare(
    Declaration(
        model="library.Practice",
        data=_("A practice's contact address (a functional mailbox is asked for) and who created the record."),
        purpose=_("Let readers contact the people behind a practice; know who to ask about the record."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): sharing prevention practices."),
        audience=_("The contact: everyone who sees the practice. Its creator: the project's coordinators and "
                   "site admins."),
        retention=Retention(_("Kept with the practice; the contact is removed on request.")),
        fields=("contact", "created_by"),
    ),
    Declaration(
        model="library.Resource",
        data=_("Who uploaded a resource."),
        purpose=_("Know who to ask about the resource."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): running the library."),
        audience=_("The project's coordinators and site admins."),
        retention=Retention(_("Kept with the resource; the link goes when the account is closed.")),
        fields=("uploaded_by",),
    ),
)
