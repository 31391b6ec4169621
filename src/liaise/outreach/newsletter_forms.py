"""Forms of the newsletter pages: subscribing, and composing an issue."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from liaise.core.fields import ModelMultipleChoiceField

from . import newsletters

OFFERED = newsletters.OFFERED


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.CONTENT_LANGUAGES)
    projects = ModelMultipleChoiceField(
        label=_("Projects"), required=False, queryset=newsletters.subscribable_projects(),
        widget=forms.CheckboxSelectMultiple, help_text=_("None chosen: the newsletters of every public project."))
    topics = ModelMultipleChoiceField(
        label=_("Topics"), required=False, queryset=newsletters.subscribable_topics(),
        widget=forms.CheckboxSelectMultiple, help_text=_("None chosen: every topic."))
    consent = forms.BooleanField(label=newsletters.CONSENT_TEXT, required=True,
                                 error_messages={"required": _("Tick the box to agree to receive the newsletter.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = newsletters.subscribable_projects()
        self.fields["topics"].queryset = newsletters.subscribable_topics()


class IssueForm(forms.Form):
    """A new issue: its project (or the whole network), subject and introduction."""

    project = forms.ChoiceField(label=_("Newsletter of"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("A few words above the news and events (plain text)."))

    def __init__(self, *args, projects=(), network_wide=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {str(p.pk): p for p in projects}
        choices = [(pk, p.acronym) for pk, p in self.projects.items()]
        if network_wide:
            choices.insert(0, ("network", _("The whole network")))
        self.fields["project"].choices = choices

    def chosen_project(self):
        value = self.cleaned_data["project"]
        return None if value == "network" else self.projects[value]


class IssueEditForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("A few words above the news and events (plain text)."))
    posts = ModelMultipleChoiceField(label=_("News"), required=False, queryset=None,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text=_("Public news of the last 90 days."))
    events = ModelMultipleChoiceField(label=_("Upcoming events"), required=False, queryset=None,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Public events that are not over."))

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("initial", {"subject": issue.subject, "intro": issue.intro,
                                      "posts": list(issue.posts.all()), "events": list(issue.events.all())})
        super().__init__(*args, **kwargs)
        posts = newsletters.offered_posts(issue.project)
        events = newsletters.offered_events(issue.project)
        # (a sliced queryset cannot be filtered when the form checks the choice: the first ids instead)
        self.fields["posts"].queryset = posts.filter(pk__in=list(posts.values_list("pk", flat=True)[:OFFERED]))
        self.fields["events"].queryset = events.filter(pk__in=list(events.values_list("pk", flat=True)[:OFFERED]))
        self.fields["posts"].label_from_instance = lambda p: f"{p.title} ({short_date(p.published_at)})"
        self.fields["events"].label_from_instance = lambda e: f"{e.title} ({short_date(e.start)})"


def short_date(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")
