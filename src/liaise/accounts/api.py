"""API router for the signed-in person's own account: their profile (name, language), the export of their data
(ZIP) and the request to delete the account (see ``accounts.data_rights_service``)."""

from datetime import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from liaise.core.api import responses
from liaise.core.errors import LiaiseError

from . import data_rights_service, services

router = Router(tags=["your data"])


class SignInRequired(LiaiseError):
    status = 401


def _me(request):
    if not request.user.is_authenticated:
        raise SignInRequired(_("Sign in, or send a personal API token (Authorization: Bearer lia_...)."))
    return request.user


class MeOut(Schema):
    email: str
    full_name: str
    language: str = Field(description="The language of the site after signing in and of the emails Liaise sends "
                                      "you (a code: en, fr...); empty when not chosen yet")
    languages: list[str] = Field(description="The codes `language` can take")


class MeIn(Schema):
    full_name: str | None = Field(None, max_length=150, description="Your name; left out: unchanged")
    language: str | None = Field(None, max_length=8, description="One of `languages`; left out: unchanged")


def _me_out(user) -> dict:
    return {"email": user.email, "full_name": user.full_name, "language": user.language,
            "languages": [code for code, _name in settings.LANGUAGES]}


@router.get("/me", response=responses(MeOut), url_name="get_me", summary="Your account: name and language")
def get_me(request):
    return _me_out(_me(request))


@router.patch("/me", response=responses(MeOut, 400, write=True), url_name="update_me",
              summary="Change your name or your language (the emails Liaise sends you are written in it)")
def update_me(request, payload: MeIn):
    user = _me(request)
    services.update_profile(user, full_name=payload.full_name, language=payload.language)
    return _me_out(user)


class ErasureIn(Schema):
    confirmation: str = Field(..., max_length=254, description="Your account's email address, typed to confirm")


class ErasureOut(Schema):
    detail: str
    erasure_due: datetime = Field(description="When the account is erased; signing in on the site before then "
                                              "cancels")


@router.get("/me/data", response=responses({200: None}), url_name="export_my_data",
            summary="Download everything Liaise holds about you (a ZIP of JSON files and a README.txt)")
def export_my_data(request):
    user = _me(request)
    content = data_rights_service.export_zip(user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{data_rights_service.export_filename()}"'
    response["Cache-Control"] = "no-store"
    return response


@router.post("/me/erasure", response=responses({202: ErasureOut}, 400, write=True), url_name="request_erasure",
             summary="Delete your account: deactivated now, erased after the grace period")
def request_erasure(request, payload: ErasureIn):
    user = _me(request)
    due = data_rights_service.request_erasure(user, payload.confirmation, base_url=request.build_absolute_uri("/"))
    detail = _("Your account is deactivated and will be erased on %(date)s. Sign in on the site before then to "
               "keep it.") % {"date": formats.date_format(due, "DATE_FORMAT")}
    return Status(202, {"detail": detail, "erasure_due": due})
