from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_NAME_LENGTH, MAX_QUESTION_LENGTH, Board


class AskForm(forms.Form):
    """The audience's question. The limits are checked again by ``services.ask`` (the API uses it directly)."""

    text = forms.CharField(
        label=_("Your question"), max_length=MAX_QUESTION_LENGTH, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_QUESTION_LENGTH}),
        error_messages={"required": _("Write your question first.")},
    )
    to_speaker = forms.TypedChoiceField(label=_("To"), required=False, coerce=int, empty_value=None)
    name = forms.CharField(label=_("Your name (optional)"), max_length=MAX_NAME_LENGTH, required=False,
                           help_text=_("Leave it empty to ask anonymously."))

    def __init__(self, *args, panel=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_speaker"].choices = [("", _("The whole panel"))] + [
            (s.pk, f"{s.person.name}" + (f" — {s.affiliation}" if s.affiliation else "")) for s in panel
        ]
        self.fields["to_speaker"].error_messages["invalid_choice"] = _(
            "This person is not on this panel: pick a panelist from the list."
        )


class SettingsForm(forms.Form):
    moderation = forms.ChoiceField(label=_("Moderation"), choices=Board.Moderation.choices)


class ModeratorForm(forms.Form):
    email = forms.EmailField(label=_("Add a moderator (their account's email)"))
