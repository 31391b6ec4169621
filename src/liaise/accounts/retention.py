"""The retention of accounts nobody uses (the register of personal data: accounts/personal_data.py).

An account without a sign-in for LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS (counted from its last sign-in, or from
when it was created if it never signed in) is closed and erased; its holder is warned by mail
LIAISE_RETAIN_INACTIVE_WARNING_DAYS before, and signing in again cancels it. Site admins' accounts are never
closed this way (a site must keep its admins; they are reviewed by hand).

Closing means the erasure a person may ask for themselves (``data_rights_service.erase``): every eraser of the
register (``REGISTER.erasers``, one an app) runs for it in one transaction — they delete or anonymise what the
apps hold about the person — then its sessions, the tasks naming it and the account itself are deleted.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from liaise.core.mail import send_later, written_for
from liaise.core.personal_data import months_before

from .models import User


def _inactive_since(before):
    """Active, non-admin accounts whose last sign-in (or creation, if never signed in) is before ``before``."""
    return (User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
            .alias(last_seen=Coalesce("last_login", "date_joined")).filter(last_seen__lt=before))


def close_inactive_accounts(now=None) -> dict:
    """Warn, then close and erase, the accounts nobody signs in to. Returns the counts."""
    now = now or timezone.now()
    warning = timedelta(days=settings.LIAISE_RETAIN_INACTIVE_WARNING_DAYS)
    months = settings.LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS
    deadline = months_before(now, months)  # last seen before this: closed (once warned long enough ago)
    # Signed in since the warning: the account is kept.
    kept = User.objects.filter(inactivity_warned__isnull=False, last_login__gt=F("inactivity_warned")).update(
        inactivity_warned=None)
    warned = 0
    for user in _inactive_since(deadline + warning).filter(inactivity_warned__isnull=True).order_by("pk"):
        with transaction.atomic():
            if User.objects.filter(pk=user.pk, inactivity_warned__isnull=True).update(inactivity_warned=now):
                _warn(user, months, now + warning)
                warned += 1
    closed = 0
    for user in _inactive_since(deadline).filter(inactivity_warned__lte=now - warning).order_by("pk"):
        close_account(user)
        closed += 1
    return {"warned": warned, "closed": closed, "kept": kept}


def _warn(user: User, months: int, deadline) -> None:
    with written_for(user):
        context = {"user": user, "email": user.email, "months": months, "deadline": deadline}
        send_later(EmailMessage(render_to_string("accounts/inactive_subject.txt", context).strip(),
                                render_to_string("accounts/inactive_email.txt", context), None, [user.email]))


def close_account(user: User) -> dict:
    """Erase ``user`` the way a deletion they asked for is erased (``data_rights_service.erase``: every registered
    eraser, then their sessions, tasks naming them and the account itself); returns each eraser's counts."""
    from .data_rights_service import erase

    return erase(user)
