from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaise.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from liaise.core.filters import FilterForm

from .models import Organisation, Partnership, Topic, Visibility


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
    organisation = ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
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


# --- the organisers' pages: a project's settings and partners, an organisation's record -------------------------

def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectSettingsForm(forms.Form):
    """A project's settings. Its name and summary are written in the language of the page (and in English when
    they have no English text yet)."""

    acronym = forms.CharField(label=_("Acronym"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=250)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown."))
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=Visibility.choices,
        help_text=_("Public; the project's partners; or its organisers only. Its events, pilots and practices are "
                    "never more visible than the project."))
    start = DateField(label=_("Start"), widget=_date_input())
    end = DateField(label=_("End"), widget=_date_input())
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    funder = forms.CharField(label=_("Funder"), required=False, max_length=200)
    programme = forms.CharField(label=_("Funding programme"), required=False, max_length=200)
    grant_number = forms.CharField(label=_("Grant agreement number"), required=False, max_length=60)
    eu_funded = forms.BooleanField(
        label=_("Funded by the European Union"), required=False,
        help_text=_("Shows the EU emblem, the funding statement and the disclaimer on its pages and reports."))
    predecessor = ModelChoiceField(label=_("Predecessor project"), required=False, queryset=None,
                                   empty_label=_("— none"))
    topics = ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.order_by("position", "slug"),
                                      required=False, widget=forms.CheckboxSelectMultiple)
    target_conferences = forms.IntegerField(label=_("Conferences planned"), required=False, min_value=0,
                                            max_value=32767)
    target_trainings = forms.IntegerField(label=_("Trainings planned"), required=False, min_value=0,
                                          max_value=32767)
    target_pilots = forms.IntegerField(label=_("Pilot projects planned"), required=False, min_value=0,
                                       max_value=32767)
    target_participants = forms.IntegerField(label=_("Participants planned"), required=False, min_value=0,
                                             max_value=2_000_000_000)

    def __init__(self, *args, predecessors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessor"].queryset = predecessors

    @classmethod
    def initial_for(cls, project) -> dict:
        initial = {name: getattr(project, name) for name in cls.base_fields if name != "topics"}
        initial["topics"] = list(project.topics.all())
        return initial


class PartnerForm(forms.Form):
    """Add an organisation of the network as a partner of the project."""

    organisation = ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                    help_text=_("Not in the list? Create it first (link below)."))
    role = forms.ChoiceField(label=_("Role in the partnership"), choices=Partnership.Role.choices,
                             initial=Partnership.Role.FULL)
    joined_on = DateField(label=_("Joined on (optional)"), required=False, widget=_date_input())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class PartnerRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the partnership"), choices=Partnership.Role.choices)


class OrganisationForm(forms.Form):
    """An organisation's record. Its name and description are written in the language of the page."""

    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), required=False, max_length=40,
                                 help_text=_("e.g. Efus, CEP"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries])
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown."))

    @classmethod
    def initial_for(cls, organisation) -> dict:
        initial = {name: getattr(organisation, name) for name in cls.base_fields}
        initial["country"] = organisation.country.code if organisation.country else ""
        return initial


class NewOrganisationForm(OrganisationForm):
    """A new organisation, made a partner of one of the projects the user coordinates when they choose one."""

    partner_of = ModelChoiceField(label=_("Partner of (optional)"), required=False,
                                  queryset=None, empty_label=_("— no project yet"))
    partner_role = forms.ChoiceField(label=_("Role in the partnership"), choices=Partnership.Role.choices,
                                     initial=Partnership.Role.FULL)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_of"].queryset = projects
