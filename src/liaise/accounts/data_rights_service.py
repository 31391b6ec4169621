"""A data subject's rights over their account (GDPR Articles 15, 17 and 20): the export of everything Liaise holds
about them, and the erasure of their account.

This module works only through the register (``liaise.core.personal_data``): every app that holds data about a
user registers an exporter and an eraser from its ``data_rights.py``, so accounts (the ground floor) imports none
of them. It is used by the "Your data" page, the API (``/api/v1/me/...``) and ``liaise personal-data``.

- :func:`export_zip`: one JSON file per registered part, and a README.txt saying what each holds. The export is
  built in the request: it is one person's own rows (a few hundred at most), a few kilobytes.
- :func:`request_erasure`: the account is deactivated at once (signed out everywhere, API tokens and feeds stop
  answering) and erased after ``LIAISE_ERASURE_GRACE_DAYS`` (default 14) by the daily job :func:`erase_due`;
  signing in before then cancels (:func:`cancel_on_sign_in`).
- :func:`erase`: every eraser, then what no app owns (sessions, background tasks and admin log entries that name
  the person), then the account row, in one transaction.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaise.core import audit, cache
from liaise.core.errors import InvalidInput, NotFound
from liaise.core.mail import send_later, written_for
from liaise.core.personal_data import REGISTER

from .models import User


class DataRightsError(InvalidInput):
    """A refused request about one's data, with a message for a person."""


def grace_days() -> int:
    return max(0, getattr(settings, "LIAISE_ERASURE_GRACE_DAYS", 14))


def find_user(email: str) -> User:
    """The account of ``email`` (any case), or NotFound."""
    user = User.objects.filter(email__iexact=(email or "").strip()).first()
    if user is None:
        raise NotFound(_("No account has this email address."))
    return user


# --- export (Articles 15 and 20) --------------------------------------------------------------------------------

README_HEAD = """Your data at Liaise
===================

This archive holds everything Liaise keeps about you, as of {now} (UTC): one JSON file per part, readable by
people and by programs (Articles 15 and 20 of the GDPR). Dates are ISO 8601 in UTC.

Account: {email}

"""


def export(user: User) -> dict[str, dict]:
    """Every registered part of ``user``'s data, by name (JSON-ready with DjangoJSONEncoder)."""
    return {name: function(user) for name, function in REGISTER.exporters.items()}


def _about(function) -> str:
    return " ".join((function.__doc__ or "").split())


def export_zip(user: User, now: datetime | None = None) -> bytes:
    """The export as a ZIP: ``<part>.json`` for each part, and README.txt."""
    now = now or timezone.now()
    parts = export(user)
    readme = [README_HEAD.format(now=now.strftime("%Y-%m-%d %H:%M"), email=user.email)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(f"{name}.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            readme.append(f"{name}.json\n    {_about(REGISTER.exporters[name])}\n")
        readme.append(
            "\nWhat is not here: the answers to training surveys (anonymous: nothing links them to you) and live\n"
            "Q&A questions you did not sign with your name (linked to a browser, never to an account).\n"
            "To have your data corrected or erased, use the \"Your data\" page or write to the data controller.\n")
        archive.writestr("README.txt", "\n".join(readme))
    # who downloaded whose data: the person (the current request's user) or, from the command line, the controller
    audit.record_action("export_downloaded", target=user, parts=sorted(parts))
    return buffer.getvalue()


def export_filename(now: datetime | None = None) -> str:
    return f"liaise-data-{(now or timezone.now()):%Y-%m-%d}.zip"


# --- erasure (Article 17) ---------------------------------------------------------------------------------------

def check_confirmation(user: User, confirmation: str) -> None:
    """The person typed their own email address to confirm."""
    if (confirmation or "").strip().lower() != user.email.lower():
        raise DataRightsError(_("Type your email address exactly as it is on your account to confirm."),
                              field="confirmation")


def _delete_sessions(user: User) -> int:
    """Sign ``user`` out everywhere: delete their database sessions."""
    from django.contrib.sessions.models import Session

    mine = [session.pk for session in Session.objects.iterator()
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)]
    return Session.objects.filter(pk__in=mine).delete()[0]


@transaction.atomic
def request_erasure(user: User, confirmation: str, base_url: str = "", now: datetime | None = None) -> datetime:
    """Deactivate the account now and schedule its erasure after the grace period; returns when it is due.
    The person gets an email saying when, and that signing in before then cancels."""
    check_confirmation(user, confirmation)
    if user.erasure_due:
        return user.erasure_due
    due = (now or timezone.now()) + timedelta(days=grace_days())
    User.objects.filter(pk=user.pk).update(is_active=False, erasure_due=due)
    user.is_active, user.erasure_due = False, due
    _delete_sessions(user)
    with written_for(user, translation.get_language()):
        context = {"user": user, "due": due, "login": base_url.rstrip("/") + reverse("accounts:login")}
        send_later(EmailMessage(render_to_string("accounts/erasure_subject.txt", context).strip(),
                                render_to_string("accounts/erasure_email.txt", context), None, [user.email]))
    audit.record_action("account_deletion_requested", actor=user, target=user, due=due.isoformat())
    return due


@transaction.atomic
def cancel_erasure(user: User) -> bool:
    """Keep the account: reactivate it. False if no erasure was pending."""
    if not user.erasure_due:
        return False
    User.objects.filter(pk=user.pk).update(is_active=True, erasure_due=None)
    user.is_active, user.erasure_due = True, None
    audit.record_action("account_deletion_cancelled", actor=user, target=user)
    return True


def cancel_on_sign_in(email: str, password: str) -> bool:
    """Signing in during the grace period cancels the erasure (with the right password only)."""
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=False, erasure_due__isnull=False).first()
    if user is None or not user.check_password(password):
        return False
    return cancel_erasure(user)


def _mentions(text: str, needles: list[str]) -> bool:
    text = text.lower()
    return any(needle in text for needle in needles)


def _scrub_tasks(needles: list[str]) -> int:
    """Delete background tasks (queued or finished) whose arguments or result name the person: the mail sent to
    them, for one."""
    from django_tasks_db.models import DBTaskResult

    doomed = [
        task.pk for task in DBTaskResult.objects.only("id", "args_kwargs", "return_value", "traceback").iterator()
        if _mentions(json.dumps([task.args_kwargs, task.return_value], cls=DjangoJSONEncoder, ensure_ascii=False)
                     + (task.traceback or ""), needles)
    ]
    return DBTaskResult.objects.filter(pk__in=doomed).delete()[0]


def _scrub_admin_log(user: User, needles: list[str]) -> int:
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    for needle in needles:
        about |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    return LogEntry.objects.filter(about).delete()[0]


@transaction.atomic
def erase(user: User) -> dict[str, dict]:
    """Erase ``user`` now: each app's eraser (the apps above first, so each still finds what links its rows to the
    person), then the sessions, tasks and admin log entries that name them, then the account. Returns the counts
    by part."""
    needles = [n.lower() for n in (user.email, (user.full_name or "").strip()) if n]
    counts = {name: function(user) for name, function in reversed(REGISTER.erasers.items())}
    counts["system"] = {
        "sessions": _delete_sessions(user),
        "tasks": _scrub_tasks(needles),
        "admin_log": _scrub_admin_log(user, needles),
    }
    # recorded before the account goes (the entry keeps its id, not its name; the actor: the controller or the
    # daily job — nobody signed in)
    audit.record_action("account_deleted", actor=None, target=user,
                        records=sum(n for part in counts.values() for n in part.values()))
    User.objects.filter(pk=user.pk).delete()
    transaction.on_commit(cache.bump)  # pages that showed the person's name
    return counts


def erase_due(now: datetime | None = None) -> int:
    """The daily job: erase every account whose grace period is over; returns how many."""
    now = now or timezone.now()
    erased = 0
    for user in User.objects.filter(erasure_due__lte=now, is_active=False):
        erase(user)
        erased += 1
    return erased
