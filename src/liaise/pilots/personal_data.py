"""What pilots keep about people (the register: liaise.core.personal_data). Pilots hold group-level figures only:
never data about an individual at risk."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

AUTHORED = Retention(_("Kept with the pilot; when the author's account is closed, it stays attributed to a "
                       "former member."))

declare(
    Declaration(
        model="pilots.Update",
        data=_("Journal entries of a pilot and who wrote them."),
        purpose=_("Follow the pilot's progress."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): running and reporting on the pilot."),
        audience=_("Those who see the pilot (by its visibility); edited by its project's coordinators and the "
                   "partner coordinator of its organisation."),
        retention=AUTHORED,
        fields=("author",),
    ),
    Declaration(
        model="pilots.Idea",
        data=_("Ideas posted on a project's pilot-ideas board and who posted them."),
        purpose=_("Exchange ideas for pilots within the project."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the project's exchange."),
        audience=_("Anyone with a role in the project; site admins."),
        retention=AUTHORED,
        fields=("author",),
    ),
    Declaration(
        model="pilots.Comment",
        data=_("Comments on pilots and ideas and who wrote them."),
        purpose=_("Discuss the pilots within the project."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the project's exchange."),
        audience=_("The pilot's editors and the experts, coordinators and partner coordinators of its project "
                   "(for ideas: anyone with a role in the project); site admins."),
        retention=AUTHORED,
        fields=("author",),
    ),
)
