"""Data-subject rights for accounts: the profile and the personal API tokens (see ``core/personal_data.py``).

The account row itself is deleted last, by ``accounts.data_rights_service.erase`` (after every app's eraser)."""

from liaise.core.personal_data import eraser, exporter

from .models import ApiToken


@exporter("account")
def export_account(user) -> dict:
    """Your account: email address, name, language, when you joined and last signed in, your roles on the site, and the
    personal API tokens you created (their names and dates; never the secret key, which is not stored)."""
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "site_admin": user.is_staff,
        "erasure_due": user.erasure_due,
        "api_tokens": list(ApiToken.objects.filter(user=user).values("name", "created", "last_used")),
    }


@eraser("account")
def erase_account(user) -> dict:
    """Delete the API tokens (the account row itself goes last)."""
    return {"api_tokens": ApiToken.objects.filter(user=user).delete()[0]}
