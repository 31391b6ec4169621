"""What accounts keep about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

declare(
    Declaration(
        model="accounts.User",
        data=_("Your email address, your full name, a hash of your password (never the password), when you joined "
               "and last signed in, and whether you are a site admin."),
        purpose=_("Let you sign in and take part in the network's projects; show your name on what you write."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): the account you asked for or accepted an invitation to."),
        audience=_("You; site admins; the coordinators of your projects see your name and email address; other "
                   "members see your name next to what you write."),
        retention=Retention(
            _("Until you close it; an account nobody signs in to for %(n)s months is closed and erased, after a "
              "warning by email %(warning)s days before (signing in keeps it). Site admins' accounts are reviewed by "
              "hand."),
            apply="liaise.accounts.retention.close_inactive_accounts",
            setting="LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS",
            more_settings=(("warning", "LIAISE_RETAIN_INACTIVE_WARNING_DAYS"),)),
        fields=("email", "full_name", "last_login", "date_joined"),
    ),
    Declaration(
        model="accounts.ApiToken",
        data=_("The name you gave each API token, a hash of it, when it was created and last used."),
        purpose=_("Let your programs use the JSON API on your behalf."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): the service you asked for."),
        audience=_("You; site admins."),
        retention=Retention(_("Until you revoke it or your account is closed.")),
        fields=("user", "name", "last_used"),
    ),
)
