"""Writes for accounts: one function per use case, in a transaction."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaise.core.errors import Conflict, InvalidInput
from liaise.core.mail import language_for, send_later, written_for

from .models import ApiToken, User, hash_token


class AccountError(InvalidInput):
    """A refused account operation, with a message for a person."""


@transaction.atomic
def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; returns the token and its raw key, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise AccountError("Give the token a name, so you can recognise it later.")
    if len(name) > 80:
        raise AccountError("A token name has at most 80 characters.")
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw))
    return token, raw


def authenticate_token(raw: str) -> User | None:
    """The active user a raw API key belongs to, or None."""
    if not raw or not raw.startswith(ApiToken.PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


@transaction.atomic
def revoke_api_token(user: User, token_id: int) -> None:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise AccountError("This token does not exist or is not yours.")


# --- Self-registration (participants): an account to keep one's registrations -----------------------------------
# The address is proved by a signed link (nothing is stored before it is opened). The mail leaves through the
# worker (core.mail.send_later).

SIGNUP_SALT = "liaise.accounts.signup"


def signup_max_age() -> int:
    return max(1, getattr(settings, "LIAISE_SIGNUP_DAYS", 2) or 2) * 24 * 3600


def request_signup(email: str, full_name: str, base_url: str = "") -> None:
    """Send ``email`` the link that creates their account; if it already has one, a reminder to sign in or reset
    the password instead (the page says the same in both cases, so it tells nobody who has an account)."""
    email = User.objects.normalize_email(email or "").strip().lower()
    full_name = (full_name or "").strip()
    if not email:
        raise AccountError(_("Give your email address."), field="email")
    if not full_name:
        raise AccountError(_("Give your full name."), field="full_name")
    base = base_url.rstrip("/")
    # the language of the page the form was sent from, carried by the link to the new account (its language);
    # an address that already has an account gets the reminder in that account's language
    language = language_for(None, translation.get_language())
    existing = User.objects.filter(email__iexact=email).first()
    with written_for(existing, language):
        if existing is not None:
            context = {"link": base + reverse("accounts:password_reset"),
                       "login": base + reverse("accounts:login"), "exists": True}
        else:
            token = signing.dumps({"e": email, "n": full_name, "l": language}, salt=SIGNUP_SALT, compress=True)
            context = {"link": base + reverse("accounts:signup_confirm", kwargs={"token": token}), "exists": False,
                       "days": signup_max_age() // (24 * 3600)}
        send_later(EmailMessage(render_to_string("accounts/signup_subject.txt", context).strip(),
                                render_to_string("accounts/signup_email.txt", context), None, [email]))


def signup_details(token: str) -> dict:
    """The email and name a signup link carries; a refusal with the reason for a forged, expired or used one."""
    try:
        data = signing.loads(token or "", salt=SIGNUP_SALT, max_age=signup_max_age())
    except signing.SignatureExpired:
        raise Conflict(_("This link has expired. Ask for a new one from the sign-up page.")) from None
    except signing.BadSignature:
        raise AccountError(_("This link is not valid. Check that you copied the whole link from the email."),
                           status=404) from None
    if User.objects.filter(email__iexact=data["e"]).exists():
        raise Conflict(_("This address already has an account: sign in, or reset your password."))
    return {"email": data["e"], "full_name": data["n"], "language": data.get("l", "")}


@transaction.atomic
def complete_signup(token: str, password: str, language: str = "") -> User:
    """Create the account a signup link was sent for, with the password chosen now, in ``language`` (the page's;
    else the one the sign-up was asked in)."""
    details = signup_details(token)
    candidate = User(email=details["email"], full_name=details["full_name"])
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), field="password1") from None
    return User.objects.create_user(details["email"], password, full_name=details["full_name"],
                                    language=language_for(None, language or details["language"]))


def choose_language(user: User, language: str) -> bool:
    """Record ``language`` as ``user``'s (the site and their mails in it); False (nothing written) when it already
    is, or is not one of the interface's languages."""
    if not user.is_authenticated or user.language == language or language not in dict(settings.LANGUAGES):
        return False
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    return True


@transaction.atomic
def update_profile(user: User, *, full_name: str | None = None, language: str | None = None) -> User:
    """Change ``user``'s name or language (``None``: unchanged). Raises AccountError naming the field."""
    if full_name is not None:
        full_name = full_name.strip()
        if not full_name:
            raise AccountError(_("Give your full name."), field="full_name")
        if len(full_name) > 150:
            raise AccountError(_("A name has at most 150 characters."), field="full_name")
        if not full_name.isprintable():
            raise AccountError(_("A name cannot hold control characters."), field="full_name")
        user.full_name = full_name
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise AccountError(_("Choose one of these languages: %(codes)s.")
                               % {"codes": ", ".join(code for code, _name in settings.LANGUAGES)}, field="language")
        user.language = language
    user.save(update_fields=["full_name", "language"])
    return user
