"""The personal data held by the platform's machinery rather than by one app: sessions, background tasks, the
admin's log, and (when installed) the sign-in attempts of django-axes. (The audit log declares itself: core/audit.py.)

Declared in the register of :mod:`liaise.core.personal_data` by ``CoreConfig.ready``, with the functions that
apply their retention."""

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .personal_data import Declaration, Retention, declare, declare_if_installed

ADMINS = _("Site admins.")


def clear_sessions(now: datetime) -> int:
    """Delete expired sessions (what ``clearsessions`` does, for the database session store)."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now).delete()[0]


def purge_login_attempts(now: datetime) -> int:
    """Delete django-axes' records of failed sign-ins whose cool-off is over (axes deletes them as it goes too;
    its access and failure logs are switched off in the settings)."""
    cutoff = now - settings.AXES_COOLOFF_TIME
    deleted = 0
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        deleted += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted


def declare_platform() -> None:
    declare(
        Declaration(
            model="core.RateCount",
            data=_("A keyed fingerprint (not readable back) of an email address or a network address, and how many "
                   "password-reset or sign-up mails were asked for it this hour."),
            purpose=_("Stop the site being used to flood someone's mailbox."),
            legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the security of the accounts and mailboxes."),
            audience=_("Nobody reads it; the site counts with it."),
            retention=Retention(_("Deleted once its hour is over."), apply="liaise.core.ratelimit.purge"),
            fields=("key",),
        ),
        Declaration(
            model="sessions.Session",
            data=_("A random session key in a cookie and, once you sign in, which account it is and your "
                   "language."),
            purpose=_("Keep you signed in and remember your choices between pages."),
            legal_basis=_("Contract (GDPR Art. 6(1)(b)): needed to provide the service you sign in to."),
            audience=_("Nobody reads it; the site uses it for each of your requests."),
            retention=Retention(_("Deleted once it expires (two weeks after you sign in) or when you sign "
                                  "out."), apply="liaise.core.platform_data.clear_sessions"),
            fields=("session_key", "session_data"),
        ),
        Declaration(
            model="django_tasks_database.DBTaskResult",
            data=_("Background work waiting or done, such as an email being sent: it holds the address and the "
                   "text of the email."),
            purpose=_("Send emails and do slow work without making you wait, and retry when the mail server is "
                      "down."),
            legal_basis=_("Same as the data it carries (the registration, account or subscription it is for)."),
            audience=ADMINS,
            retention=Retention(_("Deleted 7 days after it succeeded, 90 days after it failed."),
                                apply="liaise.core.schedule.prune_task_results"),
            fields=("args_kwargs", "return_value"),
        ),
        Declaration(
            model="admin.LogEntry",
            data=_("Which site admin changed which record in the administration, and when."),
            purpose=_("Accountability of the administration: who changed what."),
            legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): keeping the platform's records trustworthy."),
            audience=ADMINS,
            retention=Retention(_("Kept as long as the admin's account exists, and deleted with it.")),
            fields=("user", "object_repr", "change_message"),
        ),
    )
    # Declared only when installed (added by other parts of the platform).
    declare_if_installed(
        "axes",
        *(Declaration(
            model=f"axes.{name}",
            data=_("Sign-in attempts: the address typed, the IP address, the browser and the time."),
            purpose=_("Stop password guessing by locking out repeated failed sign-ins."),
            legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the security of the accounts."),
            audience=ADMINS,
            retention=Retention(_("Deleted once the %(n)s-minute cool-off after the last failure is over; a "
                                  "successful sign-in deletes it at once."),
                                apply="liaise.core.platform_data.purge_login_attempts",
                                setting="LIAISE_LOGIN_COOLOFF_MINUTES"),
            fields=("username", "ip_address", "user_agent"),
        ) for name in ("AccessAttempt", "AccessLog", "AccessFailureLog")),
    )
