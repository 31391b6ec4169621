"""What outreach keeps about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

NEWSLETTER_STAFF = _("Site admins (the newsletter's senders see only how many receive it).")

declare(
    Declaration(
        model="outreach.Post",
        data=_("Who wrote a news post."),
        purpose=_("Know who to ask about the post."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): publishing the projects' news."),
        audience=_("The post's editors (its project's coordinators and the partner coordinators of its "
                   "organisation) and site admins."),
        retention=Retention(_("Kept with the post; the link goes when the account is closed.")),
        fields=("author",),
    ),
    Declaration(
        model="outreach.NewsletterIssue",
        data=_("Who composed a newsletter issue."),
        purpose=_("Know who sent what."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): accountability of the mailings."),
        audience=_("Those who send the project's newsletters (its coordinators) and site admins."),
        retention=Retention(_("Kept with the issue; the link goes when the account is closed.")),
        fields=("author",),
    ),
    Declaration(
        model="outreach.FeedKey",
        data=_("The private key in the address of your personal news feed."),
        purpose=_("Let your feed reader fetch the news you may see."),
        legal_basis=_("Contract (GDPR Art. 6(1)(b)): the feed you asked for."),
        audience=_("You."),
        retention=Retention(_("Until you replace it or your account is closed.")),
        fields=("user", "key"),
    ),
    Declaration(
        model="outreach.Subscriber",
        data=_("Your email address, language, the projects and topics you chose, when you subscribed, confirmed "
               "and unsubscribed."),
        purpose=_("Send you the newsletters you asked for, and never after you unsubscribe."),
        legal_basis=_("Your consent (GDPR Art. 6(1)(a)), confirmed by the link sent to the address."),
        audience=NEWSLETTER_STAFF,
        retention=Retention(
            _("An address never confirmed is deleted the day after its confirmation link (valid %(n)s days) "
              "expires; once you unsubscribe, it is kept only to prove your choice and never written to again; "
              "deleted on request."),
            apply="liaise.outreach.newsletters.purge_unconfirmed", setting="LIAISE_NEWSLETTER_CONFIRM_DAYS"),
        fields=("email", "language", "projects", "topics"),
    ),
    Declaration(
        model="outreach.Consent",
        data=_("The record of each subscription and unsubscription: the exact text you agreed to, in the "
               "language shown, what you chose, when, and when you confirmed."),
        purpose=_("Prove what you agreed to (GDPR Art. 7(1))."),
        legal_basis=_("Legal obligation to demonstrate consent (GDPR Art. 6(1)(c) and 7(1))."),
        audience=NEWSLETTER_STAFF,
        retention=Retention(_("Kept with the subscription, and deleted with it.")),
        fields=("subscriber", "text", "scope"),
    ),
    Declaration(
        model="outreach.Delivery",
        data=_("Which issue was sent to which address, when, and any error."),
        purpose=_("Send each issue once to each subscriber, and resume after a failure."),
        legal_basis=_("Your consent (GDPR Art. 6(1)(a)): the newsletters you subscribed to."),
        audience=NEWSLETTER_STAFF,
        retention=Retention(_("Kept with the issue; deleted with the subscription.")),
        fields=("subscriber", "status", "sent_at"),
    ),
)
