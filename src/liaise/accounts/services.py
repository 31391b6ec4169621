"""Writes for accounts: one function per use case, in a transaction."""

from django.db import transaction
from django.utils import timezone

from liaise.core.errors import InvalidInput

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
