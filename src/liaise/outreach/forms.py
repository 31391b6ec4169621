from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from liaise.core.fields import DateTimeField, ModelChoiceField, ModelMultipleChoiceField
from liaise.core.filters import MAX_SLUG_LENGTH, FilterForm
from liaise.network.models import Topic

from .models import Post
from .queries import NewsFilters, PostingChoices, news_filters
from .services import TRANSLATED, Action


class NewsFilterForm(FilterForm):
    """The news list's filters, parsed by ``queries.news_filters``; a refused value is an error next to its field."""

    project = forms.CharField(label=_("Project"), required=False, max_length=MAX_SLUG_LENGTH)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=MAX_SLUG_LENGTH)

    def __init__(self, *args, user=None, projects=(), topics=(), **kwargs):
        super().__init__(*args, filter_set=news_filters(user), **kwargs)
        self.fields["project"].widget = forms.Select(
            choices=[("", _("All projects"))] + [(p.slug, p.acronym) for p in projects])
        self.fields["topic"].widget = forms.Select(choices=[("", _("All topics"))] + [(t.slug, t.name) for t in topics])

    def filters(self) -> NewsFilters:
        return NewsFilters.of(self.values())


ACTIONS = [
    (Action.DRAFT, _("Save as a draft (only editors see it)")),
    (Action.PUBLISH, _("Publish now")),
    (Action.SCHEDULE, _("Schedule the publication")),
]


class PostForm(forms.Form):
    project = ModelChoiceField(label=_("Project"), queryset=None, required=False,
                               empty_label=_("The whole network"),
                               help_text=_("Leave “The whole network” for news of the network itself."))
    organisation = ModelChoiceField(label=_("Published by"), queryset=None)
    language = forms.ChoiceField(label=_("Language of the post"), choices=settings.CONTENT_LANGUAGES, initial="en")
    title = forms.CharField(label=_("Title"), max_length=200)
    lead = forms.CharField(label=_("Lead"), max_length=600, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("One or two sentences shown in lists and feeds."))
    body = forms.CharField(label=_("Text"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists, ## headings."))
    image = forms.ImageField(label=_("Image (optional)"), required=False, help_text=_("PNG or JPEG."))
    image_alt = forms.CharField(label=_("Image description"), max_length=250, required=False,
                                help_text=_("What the image shows, for people who cannot see it. Needed with an "
                                            "image."))
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)
    topics = ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.order_by("position"),
                                      required=False, widget=forms.CheckboxSelectMultiple)
    visibility = forms.ChoiceField(label=_("Who reads it"), choices=Post.VISIBILITIES, initial="public",
                                   help_text=_("Partners only: people with a role in the project (network-wide: in "
                                               "any project). Public feeds never hold it."))
    action = forms.ChoiceField(label=_("Publication"), choices=ACTIONS, initial=Action.DRAFT,
                               widget=forms.RadioSelect)
    published_at = DateTimeField(
        label=_("Publication time (for a scheduled post)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("In the site's time zone."))

    def __init__(self, *args, choices: PostingChoices, post: Post | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = choices.projects
        self.fields["project"].label_from_instance = lambda p: f"{p.acronym} — {p.name}"
        if not choices.network_wide:
            self.fields["project"].required = True
            self.fields["project"].empty_label = None
            self.fields["project"].help_text = ""
        self.fields["organisation"].queryset = choices.organisations
        if post is None or not post.image:
            del self.fields["remove_image"]

    @staticmethod
    def initial_for(post: Post | None, organisation=None) -> dict:
        if post is None:
            return {"organisation": organisation}
        initial = {name: getattr(post, f"{name}_{post.language}") or "" for name in TRANSLATED}
        initial.update(project=post.project, organisation=post.organisation, language=post.language,
                       visibility=post.visibility, topics=list(post.topics.all()))
        if post.status == Post.Status.DRAFT:
            initial["action"] = Action.DRAFT
        elif post.is_live:
            initial["action"] = Action.PUBLISH
        else:
            initial.update(action=Action.SCHEDULE, published_at=post.published_at)
        return initial

    def clean(self):
        data = super().clean()
        if data.get("action") == Action.SCHEDULE and not data.get("published_at") and "published_at" not in self.errors:
            self.add_error("published_at", _("Give the date and time of publication."))
        return data
