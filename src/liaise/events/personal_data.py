"""What events keep about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

declare(
    Declaration(
        model="events.Registration",
        data=_("Your name, email address, organisation, country, kind of participant, gender if you declare it, "
               "accessibility or dietary needs if you give them, your language, and whether you checked in."),
        purpose=_("Organise the event: confirm your seat, run the waiting list, write to participants, print "
                  "badges and attendance lists, check you in; anonymous statistics for the project's funder."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)) for taking part; your explicit consent (GDPR Art. 6(1)(a) and "
                      "9(2)(a)) for the needs, which can reveal health or religion; the text you agreed to is "
                      "kept with your registration."),
        audience=_("You (through the link in your confirmation or your account); the event's managers (its "
                   "project's coordinators and the partner coordinators of its organising partners) and site "
                   "admins. Needs are shown to the organisers only."),
        retention=Retention(
            _("Needs are deleted once the event is over (and at once on cancelling). %(n)s months after the "
              "event, cancelled registrations included, the name, email address and link to an account are "
              "removed; what is left counts in the statistics only."),
            apply="liaise.events.services.apply_retention", setting="LIAISE_RETAIN_REGISTRATIONS_MONTHS"),
        fields=("name", "email", "organisation", "country", "participant_type", "gender", "needs", "user"),
    ),
    Declaration(
        model="events.Message",
        data=_("Messages the organisers sent to an event's participants: who sent it, the text and how many "
               "received it (no copy of the addresses)."),
        purpose=_("Keep a record of what participants were told."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): running the event."),
        audience=_("The event's managers (its project's coordinators and the partner coordinators of its "
                   "organising partners) and site admins."),
        retention=Retention(_("Kept with the event.")),
        fields=("sender", "body"),
    ),
    Declaration(
        model="events.EventDocument",
        data=_("Badges and attendance lists drawn for an event: they hold participants' names."),
        purpose=_("Print badges and sign-in sheets."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): taking part in the event."),
        audience=_("The event's managers (its project's coordinators and the partner coordinators of its "
                   "organising partners) and site admins."),
        retention=Retention(_("Deleted a day after it was drawn."), apply="liaise.events.pdfs.purge_documents"),
        fields=("file",),
    ),
)
