from django import forms
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaise.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from liaise.core.filters import MAX_PAGE, MAX_SLUG_LENGTH, FilterForm
from liaise.events.models import Session
from liaise.events.queries import visible_events
from liaise.network.models import Topic, Visibility

from .models import CONTENT_LANGUAGES, Approach, Audience, Practice, Resource
from .queries import Filters, search_filters, workspace_filters


class SearchForm(FilterForm):
    """The library's search box and filters, parsed by ``queries.search_filters``. Unknown filter values are
    errors next to their field."""

    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=MAX_SLUG_LENGTH)
    approach = forms.CharField(label=_("Approach"), required=False, max_length=40,
                               widget=forms.Select(choices=[("", _("All approaches")), *Approach.choices]))
    audience = forms.CharField(label=_("Target audience"), required=False, max_length=40,
                               widget=forms.Select(choices=[("", _("All audiences")), *Audience.choices]))
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    kind = forms.CharField(label=_("Kind"), required=False, max_length=40,
                           widget=forms.Select(choices=[("", _("All kinds")), *Practice.Kind.choices]))
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, filter_set=search_filters(), **kwargs)
        self.fields["topic"].widget = forms.Select(choices=[("", _("All topics"))] + [(t.slug, t.name) for t in topics])
        self.fields["country"].widget = forms.Select(choices=[("", _("All countries")), *countries])
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("e.g. family support Bordeaux")})

    def filters(self) -> Filters:
        return Filters(**self.values())


class WorkspaceFilterForm(FilterForm):
    """The workspace's filter (``queries.workspace_filters``): the practices missing a translation."""

    missing = forms.CharField(label=_("Missing a translation into"), required=False, max_length=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, filter_set=workspace_filters(), **kwargs)
        self.fields["missing"].widget = forms.Select(choices=[("", _("Any language (no filter)"))] + [
            (code, name) for code, name in CONTENT_LANGUAGES])


class LanguagesField(forms.CharField):
    """Language codes separated by commas or spaces: "fr, en"."""

    def to_python(self, value):
        value = super().to_python(value)
        return [c.strip().lower() for c in value.replace(",", " ").split() if c.strip()]

    def validate(self, value):
        known = dict(global_settings.LANGUAGES)
        unknown = [c for c in value if c not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language code: %(codes)s. Use codes such as en, fr, de, es, it, nl, sv."),
                params={"codes": ", ".join(unknown)},
            )


class PracticeForm(forms.Form):
    owner = forms.ChoiceField(label=_("Organisation and project"))
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(label=_("Summary"), max_length=1500, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Two or three sentences: what it is, for whom, where."))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
                                  help_text=_("Markdown: **bold**, lists, [links](https://…)."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Practice.Kind.choices)
    approach = forms.ChoiceField(label=_("Approach"), choices=Approach.choices)
    topics = ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.none(), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    audiences = forms.MultipleChoiceField(label=_("Target audiences"), choices=Audience.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    deliverables = forms.CharField(label=_("Deliverables"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=_("Evidence and evaluation"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    sustainability = forms.CharField(label=_("Sustainability and transferability"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.ChoiceField(label=_("Geographical scope"), choices=Practice.Scope.choices)
    start_date = DateField(label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    country = forms.ChoiceField(label=_("Country"), required=False,
                                help_text=_("Empty: the organisation's country."))
    contact = forms.EmailField(label=_("Contact"), required=False,
                               help_text=_("Prefer a functional mailbox (e.g. prevention@city.example)."))
    language = forms.ChoiceField(label=_("Language of this record"), choices=CONTENT_LANGUAGES)
    languages = LanguagesField(label=_("Languages of the practice"), required=False, max_length=100,
                               help_text=_("Codes separated by commas, e.g. fr, en."))
    origin_session = ModelChoiceField(label=_("Presented at"), queryset=Session.objects.none(),
                                      required=False, help_text=_("The session where it was presented."))
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, pairs=(), user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {f"{p.pk}:{o.pk}": (p, o) for p, o in pairs}
        self.fields["owner"].choices = [(k, f"{o.name} — {p.acronym}") for k, (p, o) in self.pairs.items()]
        self.fields["topics"].queryset = Topic.objects.order_by("position", "slug")
        self.fields["country"].choices = lambda: [("", "—"), *countries]
        self.fields["origin_session"].queryset = (
            Session.objects.filter(event__in=visible_events(user))
            .exclude(kind__in=["break", "opening", "closing"]).select_related("event").order_by("-start")
        )
        self.fields["origin_session"].label_from_instance = lambda s: f"{s.event.title} — {s.title}"

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        if value not in self.pairs:
            raise forms.ValidationError(_("Choose one of your organisations."))
        return self.pairs[value]

    def practice_data(self) -> dict:
        d = self.cleaned_data
        project, organisation = d["owner"]
        return {
            "project": project, "organisation": organisation,
            "title_en": d["title"].strip(), "summary_en": d["summary"].strip(), "description_en": d["description"],
            "kind": d["kind"], "approach": d["approach"], "deliverables": d["deliverables"],
            "evidence": d["evidence"], "sustainability": d["sustainability"], "scope": d["scope"],
            "start_date": d["start_date"], "country": d["country"] or organisation.country,
            "contact": d["contact"], "language": d["language"], "languages": d["languages"],
            "origin_session": d["origin_session"], "visibility": d["visibility"],
        }

    @classmethod
    def initial_for(cls, practice: Practice) -> dict:
        return {
            "owner": f"{practice.project_id}:{practice.organisation_id}", "title": practice.title_en,
            "summary": practice.summary_en, "description": practice.description_en, "kind": practice.kind,
            "approach": practice.approach, "topics": list(practice.topics.all()),
            "audiences": practice.audience_codes(), "deliverables": practice.deliverables,
            "evidence": practice.evidence, "sustainability": practice.sustainability, "scope": practice.scope,
            "start_date": practice.start_date, "country": practice.country.code, "contact": practice.contact,
            "language": practice.language, "languages": ", ".join(practice.languages or []),
            "origin_session": practice.origin_session_id, "visibility": practice.visibility,
        }


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1950, max_value=2100)
    language = forms.ChoiceField(label=_("Language"), choices=CONTENT_LANGUAGES)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, PPTX, ODT, PNG or JPEG."))

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["project"] = ModelChoiceField(label=_("Project"), queryset=projects)
            self.order_fields(["project"])

    def resource_data(self) -> dict:
        d = self.cleaned_data
        data = {"title_en": d["title"].strip(), "kind": d["kind"], "description_en": d["description"],
                "year": d["year"], "language": d["language"], "visibility": d["visibility"]}
        if "project" in d:
            data["project"] = d["project"]
        return data


class SendBackForm(forms.Form):
    comment = forms.CharField(label=_("What should the editors change?"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
