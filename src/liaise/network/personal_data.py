"""What the network keeps about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

PROJECT_PEOPLE = _("The people of the project (anyone with a role in it) see who has which role; its coordinators "
                   "and the partner coordinators of your organisation manage them; site admins.")

declare(
    Declaration(
        model="network.Membership",
        data=_("Which organisation you belong to, your position there and since when."),
        purpose=_("Show who works for which partner, and give you the rights of your organisation."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): running the partnership's projects."),
        audience=_("Site admins and project coordinators."),
        retention=Retention(_("Until you leave the organisation or your account is closed.")),
        fields=("user", "organisation", "position", "since"),
    ),
    Declaration(
        model="network.ProjectRole",
        data=_("Your role in a project (coordinator, partner coordinator, expert, member …) and for which "
               "organisation."),
        purpose=_("Decide what you may see and do in the project."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): taking part in the project through your account."),
        audience=PROJECT_PEOPLE,
        retention=Retention(_("Until the role is removed or your account is closed.")),
        fields=("user", "role", "organisation"),
    ),
    Declaration(
        model="network.Invitation",
        data=_("The email address invited, to which project, organisation and role, who invited, when, and who "
               "accepted."),
        purpose=_("Let someone join a project through a personal link."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): bringing the partners' people into the project."),
        audience=_("The coordinators of the project and the partner coordinators of the organisation invited to; "
                   "site admins."),
        retention=Retention(_("Kept with the project as the record of who joined how; the link stops working "
                              "after it expires or is used.")),
        fields=("email", "invited_by", "accepted_user"),
    ),
    Declaration(
        model="network.RoleChange",
        data=_("Each change of someone's role in a project: whose, the old and new role, who made it and when."),
        purpose=_("Accountability: who gave or removed which rights."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the security of the projects' data."),
        audience=_("The project's coordinators and site admins."),
        retention=Retention(_("Kept with the project; the names go when the accounts are closed.")),
        fields=("user", "actor"),
    ),
    Declaration(
        model="network.Person",
        data=_("Public contacts — speakers, trainers, named officials: name, public title and organisation only."),
        purpose=_("Show who speaks at events and who the projects' public contacts are."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): informing the public about the projects' "
                      "events; only what the person made public in that role."),
        audience=_("Everyone (public pages); edited by site admins and project coordinators."),
        retention=Retention(_("As long as the events and projects that name them are shown; removed on "
                              "request.")),
        fields=("name", "title", "organisation"),
    ),
)
