from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import queries
from .models import Organisation


class DirectoryFilterForm(forms.Form):
    """The partner directory's filters. Unknown values are form errors shown next to the field."""

    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    kind = forms.CharField(label=_("Kind"), required=False, max_length=20)
    project = forms.CharField(label=_("Project"), required=False, max_length=80)

    def __init__(self, *args, projects=(), country_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {p.slug: p for p in projects}
        self.fields["project"].widget = forms.Select(
            choices=[("", _("All projects"))] + [(p.slug, f"{p.acronym} — {p.name}") for p in projects]
        )
        self.fields["kind"].widget = forms.Select(choices=[("", _("All kinds")), *Organisation.Kind.choices])
        self.fields["country"].widget = forms.Select(
            choices=[("", _("All countries"))] + [(code, name) for code, name in country_choices]
        )

    def clean_country(self):
        try:
            return queries.clean_country(self.cleaned_data.get("country")) or ""
        except queries.FilterError:
            raise ValidationError(
                _("Unknown country: choose one from the list (an ISO 3166 code such as FR).")
            ) from None

    def clean_kind(self):
        try:
            return queries.clean_kind(self.cleaned_data.get("kind")) or ""
        except queries.FilterError:
            raise ValidationError(_("Unknown kind of organisation: choose one from the list.")) from None

    def clean_project(self):
        slug = self.cleaned_data.get("project") or ""
        if slug and slug not in self.projects:
            raise ValidationError(_("Unknown project: choose one from the list."))
        return self.projects.get(slug)
