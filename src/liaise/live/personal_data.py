"""What live Q&A keeps about people (the register: liaise.core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from liaise.core.personal_data import Declaration, Retention, declare

MODERATORS = _("The board's moderators: the event's managers and the moderators it names; site admins.")
PURGE = "liaise.live.services.purge"

declare(
    Declaration(
        model="live.Board",
        data=_("Who moderates each Q&A board."),
        purpose=_("Let the named people moderate the questions."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): running the session."),
        audience=MODERATORS,
        retention=Retention(_("Kept with the session.")),
        fields=("moderators",),
    ),
    Declaration(
        model="live.Question",
        data=_("Questions asked during a session, with the name you chose to give (optional) and a random key "
               "of your browser (no account, no IP address)."),
        purpose=_("Show the questions to the room and the speakers; stop one browser voting twice or flooding."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the session's Q&A; the name only if you give it."),
        audience=_("Everyone who sees the session, once approved; the moderators see all of them."),
        retention=Retention(_("Kept with the session as its record (an archive may be published as its "
                              "material); the stream's copy is deleted after two days.")),
        fields=("text", "name", "device"),
    ),
    Declaration(
        model="live.Vote",
        data=_("Which browser (a random key) voted for which question."),
        purpose=_("Count each browser's vote once."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): a fair count."),
        audience=_("Nobody: only the totals are shown."),
        retention=Retention(_("Kept with the question.")),
        fields=("device",),
    ),
    Declaration(
        model="live.AbuseReport",
        data=_("Which browser (a random key) reported which question."),
        purpose=_("Hold back a question several people report, counting each browser once."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): keeping the Q&A safe."),
        audience=MODERATORS,
        retention=Retention(_("Kept with the question.")),
        fields=("device",),
    ),
    Declaration(
        model="live.ModerationAction",
        data=_("What a moderator did to which question, and when."),
        purpose=_("Accountability of the moderation."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): a fair moderation."),
        audience=MODERATORS,
        retention=Retention(_("Kept with the session.")),
        fields=("actor",),
    ),
    Declaration(
        model="live.Change",
        data=_("The stream's copy of each question as it changes (text and name)."),
        purpose=_("Let the screens resume the stream after a lost connection."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): the session's Q&A."),
        audience=_("The screens of the session's audience and moderators."),
        retention=Retention(_("Deleted after two days."), apply=PURGE),
        fields=("data",),
    ),
    Declaration(
        model="live.RateBucket",
        data=_("How many questions or votes came from one browser key or one (hashed) network address in the "
               "last minute."),
        purpose=_("Stop flooding."),
        legal_basis=_("Legitimate interest (GDPR Art. 6(1)(f)): keeping the Q&A usable."),
        audience=_("Nobody."),
        retention=Retention(_("Deleted after two minutes (at the next daily purge at the latest)."), apply=PURGE),
        fields=("key",),
    ),
)
