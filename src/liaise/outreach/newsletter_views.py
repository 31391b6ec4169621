"""Newsletter pages: subscribing (anyone), confirming and unsubscribing (by the links in the mails), and the
coordinators' pages to compose, preview, test and send an issue. Thin: parse → service → render."""

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaise.core import authz
from liaise.core.errors import LiaiseError, add_to_form

from . import newsletters
from .models import NewsletterIssue
from .newsletter_forms import IssueEditForm, IssueForm, SubscribeForm
from .rules import send_newsletter


def _problem(request, exc: LiaiseError, title: str):
    """A page that says what went wrong with a link, with its status (never a 500)."""
    return render(request, "outreach/newsletter/problem.html", {"title": title, "message": exc.message},
                  status=exc.status)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    language = (getattr(request, "LANGUAGE_CODE", "") or "en")[:2]
    form = SubscribeForm(request.POST or None, initial={"language": language})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                newsletters.subscribe(data["email"], language=data["language"], projects=data["projects"],
                                      topics=data["topics"], consent_text=str(form.fields["consent"].label),
                                      base_url=request.build_absolute_uri("/"))
            except LiaiseError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                return render(request, "outreach/newsletter/check_mailbox.html", {"email": data["email"]})
        else:
            status = 400
    return render(request, "outreach/newsletter/subscribe.html", {
        "form": form, "can_compose": request.user.is_authenticated and _may_compose(request.user)}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners open links on their own); POST confirms."""
    try:
        consent = newsletters.consent_from_token(token)
        if request.method == "POST":
            subscriber = newsletters.confirm(token)
            return render(request, "outreach/newsletter/confirmed.html", {"subscriber": subscriber})
    except LiaiseError as exc:
        return _problem(request, exc, _("Subscription not confirmed"))
    return render(request, "outreach/newsletter/confirm.html", {"consent": consent})


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no cookie; the token is the secret
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = newsletters.subscriber_from_token(token)
        if request.method == "POST":
            one_click = request.POST.get("List-Unsubscribe") == "One-Click"
            newsletters.unsubscribe(subscriber, how="one-click" if one_click else "page")
            return render(request, "outreach/newsletter/unsubscribed.html", {"subscriber": subscriber})
        if subscriber.confirmed_at is None:
            newsletters.unsubscribe(subscriber)  # (refused: never confirmed, with the message that says so)
    except LiaiseError as exc:
        return _problem(request, exc, _("Unsubscribe"))
    return render(request, "outreach/newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token})


# --- the coordinators' pages ------------------------------------------------------------------------------------

def _may_compose(user) -> bool:
    return newsletters.may_compose_network_wide(user) or newsletters.composable_projects(user).exists()


def _issue_or_404(request, pk) -> NewsletterIssue:
    return authz.get_or_404(request.user, send_newsletter, NewsletterIssue.objects.select_related("project"), pk=pk)


@require_GET
def issues(request):
    if not _may_compose(request.user):
        raise Http404
    return render(request, "outreach/newsletter/issues.html", {
        "issues": list(newsletters.issues_for(request.user)), "counts": newsletters.subscriber_counts()})


@require_http_methods(["GET", "POST"])
def issue_new(request):
    if not _may_compose(request.user):
        raise Http404
    form = IssueForm(request.POST or None, projects=newsletters.composable_projects(request.user),
                     network_wide=newsletters.may_compose_network_wide(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issue = newsletters.create_issue(request.user, form.chosen_project(), form.cleaned_data["subject"],
                                                 form.cleaned_data["intro"])
            except LiaiseError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Draft saved: choose its news and events, preview it, then send it."))
                return redirect("newsletter:issue_edit", pk=issue.pk)
        else:
            status = 400
    return render(request, "outreach/newsletter/issue_new.html", {"form": form}, status=status)


@require_GET
def issue(request, pk):
    issue = _issue_or_404(request, pk)
    posts, events = newsletters.issue_content(issue)
    draft = issue.status == NewsletterIssue.Status.DRAFT
    return render(request, "outreach/newsletter/issue.html", {
        "issue": issue, "posts": posts, "events": events, "progress": newsletters.progress(issue),
        "recipients": newsletters.recipients(issue).count() if draft else None})


@require_http_methods(["GET", "POST"])
def issue_edit(request, pk):
    issue = _issue_or_404(request, pk)
    if issue.status != NewsletterIssue.Status.DRAFT:
        messages.error(request, _("This issue has been sent: it can no longer be changed."))
        return redirect(issue)
    form = IssueEditForm(request.POST or None, issue=issue)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                newsletters.update_issue(issue, subject=data["subject"], intro=data["intro"], posts=data["posts"],
                                         events=data["events"])
            except LiaiseError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Issue saved."))
                return redirect(issue)
        else:
            status = 400
    return render(request, "outreach/newsletter/issue_edit.html", {"issue": issue, "form": form}, status=status)


@require_GET
@csp_update({"style-src": ["'unsafe-inline'"]})  # a mail's HTML carries its styles inline (mail clients want them)
def issue_preview(request, pk):
    """The issue's HTML part exactly as a subscriber receives it (in the page's language, or ``?lang=``)."""
    issue = _issue_or_404(request, pk)
    language = request.GET.get("lang") or (getattr(request, "LANGUAGE_CODE", "") or "en")[:2]
    if language not in dict(settings.CONTENT_LANGUAGES):
        language = "en"
    rendered = newsletters.preview(issue, language, request.build_absolute_uri("/"), request.user.email)
    if request.GET.get("part") == "text":
        return HttpResponse(rendered["text"], content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered["html"])


@require_POST
def issue_test(request, pk):
    issue = _issue_or_404(request, pk)
    newsletters.send_test(issue, request.user, request.build_absolute_uri("/"))
    messages.success(request, _("A test copy is on its way to %(email)s.") % {"email": request.user.email})
    return redirect(issue)


@require_POST
def issue_send(request, pk):
    issue = _issue_or_404(request, pk)
    try:
        n = newsletters.start_sending(issue, request.user, request.build_absolute_uri("/"))
    except LiaiseError as exc:
        messages.error(request, exc.message)
        return redirect(issue)
    messages.success(request, _("Sending to %(n)d subscribers: the progress is shown below.") % {"n": n})
    return redirect(issue)
