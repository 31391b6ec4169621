"""The accessibility statement (EU Web Accessibility Directive 2016/2102, in the model of Implementing Decision
(EU) 2018/1523) and its feedback form, whose messages reach the network's coordinators by mail."""

import datetime

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from liaise.core.mail import send_later, written_for
from liaise.network.queries import coordinators_to_notify

# When the statement was prepared and last reviewed, and how: change these with every review.
PREPARED = datetime.date(2026, 12, 7)
REVIEWED = datetime.date(2026, 12, 7)
MESSAGES_PER_HOUR = 5  # from one client address: the form mails every coordinator


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("What did not work for you?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Which page, what you tried, and what you use (screen reader, magnifier, keyboard…) if you wish."))
    page = forms.CharField(label=_("Address of the page (optional)"), max_length=500, required=False)
    email = forms.EmailField(label=_("Your email address, for a reply (optional)"), required=False,
                             help_text=_("Used only to answer you; it is not stored."))


def send_feedback(data: dict, language: str) -> int:
    """Mail the feedback to every coordinator and site admin, each their own message (their addresses are not
    shown to one another) in their own language; the sender's address, if given, is the reply-to. ``language`` is
    the one the visitor wrote from. Returns how many were queued."""
    recipients = list(coordinators_to_notify().only("email", "language"))
    reply_to = [data["email"]] if data.get("email") else []
    messages = []
    for recipient in recipients:
        with written_for(recipient):
            subject = str(_("Accessibility feedback about Liaise"))
            body = render_to_string("web/accessibility_feedback_mail.txt", {**data, "language": language})
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email],
                                     reply_to=reply_to))
    send_later(*messages)
    return len(recipients)
