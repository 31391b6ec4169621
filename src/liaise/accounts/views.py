from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaise.core import ratelimit
from liaise.core.clients import client_address
from liaise.core.errors import LiaiseError, add_to_form

from . import data_rights_service, services
from .forms import (
    ApiTokenForm,
    ChoosePasswordForm,
    DeleteAccountForm,
    EmailAuthenticationForm,
    ProfileForm,
    QueuedPasswordResetForm,
    SignupForm,
)


def _mail_allowed(request, kind: str, email: str) -> bool:
    """One more mail of ``kind`` from this client address to ``email``, within LIAISE_RESET_PER_ADDRESS an hour
    per address and LIAISE_RESET_PER_ACCOUNT an hour per email address?"""
    return (ratelimit.allow(f"{kind}-from", client_address(request), settings.LIAISE_RESET_PER_ADDRESS, 3600)
            and ratelimit.allow(f"{kind}-to", email.strip().lower(), settings.LIAISE_RESET_PER_ACCOUNT, 3600))


def _remember_language(response, language: str) -> None:
    """The site's language from now on: the cookie a visitor's arrival is answered in
    (``liaise.web.middleware.ArrivalLanguageMiddleware``, which sets it the same way)."""
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "signup_open": getattr(settings, "LIAISE_SIGNUP", True)}

    def form_valid(self, form):
        if form.erasure_cancelled:
            messages.success(self.request, _("Welcome back: your account will not be deleted."))
        user = form.get_user()
        if not user.language:  # not chosen yet: the one the person signs in from
            services.choose_language(user, translation.get_language())
        response = super().form_valid(form)
        if user.language:  # their next arrival from elsewhere is in it too
            _remember_language(response, user.language)
        return response

    def get_success_url(self):
        """Where the person was going, in the language chosen on their account."""
        url = super().get_success_url()
        language = self.request.user.language
        if language and language != translation.get_language():
            url = translate_url(url, language)
        return url


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        """At most LIAISE_RESET_PER_ADDRESS mails an hour from one client address and LIAISE_RESET_PER_ACCOUNT to
        one address, counted whether an account has it or not; past either, nothing is sent and the answer is the
        same "check your email" page, so the limit tells nothing about which addresses have an account."""
        if _mail_allowed(self.request, "reset", form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.create_api_token(request.user, form.cleaned_data["name"])
        except services.AccountError as exc:
            form.add_error("name", str(exc))
        else:
            form = ApiTokenForm()
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def revoke_api_token(request, token_id: int):
    try:
        services.revoke_api_token(request.user, token_id)
    except services.AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:api_tokens")


def _signup_open():
    if not getattr(settings, "LIAISE_SIGNUP", True):
        raise Http404


def signup(request):
    """Create an account (participants): the address is proved by a link sent to it."""
    _signup_open()
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            # the reset's limits and the same answer past them: nobody can use the form to flood an inbox
            if _mail_allowed(request, "signup", email):
                services.request_signup(email, form.cleaned_data["full_name"],
                                        base_url=request.build_absolute_uri("/"))
        except LiaiseError as exc:
            add_to_form(form, exc)
        else:
            return render(request, "accounts/signup.html", {"sent_to": email})
    status = 400 if form.is_bound else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def signup_confirm(request, token):
    """The link of the sign-up email: choose a password; the account is created and signed in."""
    _signup_open()
    try:
        details = services.signup_details(token)
    except LiaiseError as exc:
        return render(request, "accounts/signup_problem.html", {"problem": exc.message}, status=exc.status)
    form = ChoosePasswordForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            user = services.complete_signup(token, form.cleaned_data["password1"], translation.get_language())
        except LiaiseError as exc:
            if not exc.field:
                return render(request, "accounts/signup_problem.html", {"problem": exc.message}, status=exc.status)
            add_to_form(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Liaise! Your account is ready."))
            return redirect(settings.LOGIN_REDIRECT_URL)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/signup_confirm.html", {"form": form, "details": details}, status=status)


@login_required
def profile(request):
    """The person's name and language (of the site and of their mails)."""
    user = request.user
    form = ProfileForm(request.POST if request.method == "POST" else None,
                       initial={"full_name": user.full_name, "language": user.language or translation.get_language()})
    if form.is_bound and form.is_valid():
        try:
            services.update_profile(user, full_name=form.cleaned_data["full_name"],
                                    language=form.cleaned_data["language"])
        except LiaiseError as exc:
            add_to_form(form, exc)
        else:
            with translation.override(user.language):
                messages.success(request, _("Your profile is saved."))
                response = redirect(translate_url(reverse("accounts:profile"), user.language))
            _remember_language(response, user.language)
            return response
    status = 400 if form.is_bound else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


# --- Your data: export and erasure (accounts.data_rights_service) -------------------------------------------------

def _your_data(request, form, status=200):
    return render(request, "accounts/your_data.html",
                  {"form": form, "grace_days": data_rights_service.grace_days()}, status=status)


@login_required
@require_GET
def your_data(request):
    return _your_data(request, DeleteAccountForm())


@login_required
@require_GET
def data_export(request):
    """The ZIP of everything Liaise holds about the signed-in user (built here: one person's rows, small)."""
    content = data_rights_service.export_zip(request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{data_rights_service.export_filename()}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete_account(request):
    """Deactivate the account now, erase it after the grace period (signing in before then cancels)."""
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _your_data(request, form, status=400)
    try:
        due = data_rights_service.request_erasure(request.user, form.cleaned_data["confirmation"],
                                                  base_url=request.build_absolute_uri("/"))
    except LiaiseError as exc:
        add_to_form(form, exc)
        return _your_data(request, form, status=400)
    logout(request)
    return render(request, "accounts/account_deleted.html", {"due": due})
