from django import forms
from django.utils.translation import gettext_lazy as _

from liaise.core.filters import FilterForm

from .models import Organisation


class DirectoryFilterForm(FilterForm):
    """The partner directory's filters, parsed by ``queries.directory_filters``; a refused value is an error next
    to its field."""

    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    kind = forms.CharField(label=_("Kind"), required=False, max_length=20)
    project = forms.CharField(label=_("Project"), required=False, max_length=80)

    def __init__(self, *args, projects=(), country_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].widget = forms.Select(
            choices=[("", _("All projects"))] + [(p.slug, f"{p.acronym} — {p.name}") for p in projects]
        )
        self.fields["kind"].widget = forms.Select(choices=[("", _("All kinds")), *Organisation.Kind.choices])
        self.fields["country"].widget = forms.Select(
            choices=[("", _("All countries"))] + [(code, name) for code, name in country_choices]
        )


class InviteForm(forms.Form):
    """Invite a person (by email) into a partner organisation with a role in the project."""

    email = forms.EmailField(label=_("Email address"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role in the project"))

    def __init__(self, *args, organisations=(), roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ProjectRole

        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        self.fields["organisation"].choices = [("", "—"), *((o.pk, o.name) for o in organisations)]
        labels = dict(ProjectRole.Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        if "partner_member" in roles:
            self.fields["role"].initial = "partner_member"


class RoleForm(forms.Form):
    """Change a role, or remove it (empty)."""

    role = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ProjectRole

        labels = dict(ProjectRole.Role.choices)
        self.fields["role"].choices = [("", _("No role (remove)")), *((role, labels[role]) for role in roles)]


class AcceptInvitationForm(forms.Form):
    """The invitee's name and the password they choose (Django's password validators, in the service)."""

    full_name = forms.CharField(label=_("Your full name"), max_length=150)
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
