from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from liaise.core.mail import send_later, written_for


def language_name(code: str) -> str:
    """A language's name in that language ("Français", "Deutsch")."""
    info = get_language_info(code)
    return info["name_local"][:1].upper() + info["name_local"][1:]


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("This email address and password do not match an account. Mind the password's "
                           "upper- and lower-case letters."),
        "inactive": _("This account is inactive."),
    }

    erasure_cancelled = False

    def clean(self):
        """Signing in with the right password during an erasure's grace period cancels the erasure."""
        from .data_rights_service import cancel_on_sign_in

        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if email and password:
            self.erasure_cancelled = cancel_on_sign_in(email, password)
        return super().clean()


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “reporting script”."),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    language = forms.ChoiceField(
        label=_("Language"), choices=(),
        help_text=_("The language of the site when you sign in, and of every email Liaise sends you."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # each language in its own name (a reader of only that language finds it)
        self.fields["language"].choices = [(code, language_name(code)) for code, _name in settings.LANGUAGES]


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    full_name = forms.CharField(label=_("Full name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))


class ChoosePasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Choose a password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters, not a common password, not only digits."))
    password2 = forms.CharField(label=_("The password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail queued for the worker instead of sent inside the request (which
    also keeps the answer's timing the same whether the address has an account or not)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        with written_for(context.get("user"), translation.get_language()):  # the account's language
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            message = EmailMultiAlternatives(subject, body, from_email, [to_email])
            if html_email_template_name is not None:
                message.attach_alternative(loader.render_to_string(html_email_template_name, context), "text/html")
        send_later(message)


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Type your email address to confirm"), max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
        help_text=_("The address you sign in with."),
    )
