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
