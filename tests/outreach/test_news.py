"""News pages, the editors' pages (permissions, bad input, scheduling) and the news API."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liaise.network.models import Organisation, Project, Topic, Visibility
from liaise.outreach.models import Post

pytestmark = pytest.mark.django_db


def png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 3), "teal").save(out, "PNG")
    return out.getvalue()


PNG = png()


def slugs(response) -> set[str]:
    return {post.slug for post in response.context["page_obj"]} & {
        "test-public-post", "test-partners-post", "test-draft-post", "test-scheduled-post",
        "test-network-partners-post", "test-hidden-post"}


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", {"test-public-post"}),
    ("participant", {"test-public-post"}),
    ("partner_member", {"test-public-post", "test-partners-post", "test-network-partners-post"}),
    ("other_partner", {"test-public-post", "test-hidden-post", "test-network-partners-post"}),
    ("staff", {"test-public-post", "test-partners-post", "test-network-partners-post", "test-hidden-post"}),
])
def test_the_list_holds_the_live_posts_each_role_may_read(login, role, expected):
    response = login(role).get("/news/?project=&topic=")
    assert response.status_code == 200
    # (only the first page: the demo's own posts are there too, the fixtures' are the newest but one)
    assert slugs(response) == expected


def test_the_list_filters_by_project_and_topic(client, liaise2):
    post = Post.objects.get(slug="test-public-post")
    post.topics.set([Topic.objects.get(slug="family-support")])
    response = client.get("/news/?topic=family-support")
    assert [p.slug for p in response.context["page_obj"]] == [
        p.slug for p in Post.objects.live().filter(topics__slug="family-support", visibility="public")
        .exclude(project__visibility="partners").order_by("-published_at", "-pk")]
    assert "test-public-post" in [p.slug for p in response.context["page_obj"]]
    response = client.get("/news/?project=liaise-2")
    assert all(p.project_id == liaise2.pk for p in response.context["page_obj"])


def test_an_unknown_filter_is_a_message_next_to_its_field(client):
    response = client.get("/news/?project=hidden-network")
    assert response.status_code == 400
    assert response.context["form"].errors == {"project": ["Unknown project “hidden-network”."]}


def test_the_list_announces_its_feeds(client):
    html = client.get("/news/?project=liaise-2&topic=family-support").content.decode()
    head = html.split("</head>")[0]
    for url, mime in (("/feeds/news.atom", "atom"), ("/feeds/news.rss", "rss"),
                      ("/feeds/projects/liaise-2/news.atom", "atom"), ("/feeds/topics/family-support/news.rss", "rss")):
        link = next(tag for tag in head.split("<link")[1:] if f'href="{url}"' in tag)
        assert f'rel="alternate" type="application/{mime}+xml"' in link


def test_the_list_costs_the_same_queries_whatever_its_length(client, liaise2):
    efus = Organisation.objects.get(slug="efus")
    topics = list(Topic.objects.all()[:2])

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/news/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(15):
        post = Post.objects.create(slug=f"bulk-{n}", project=liaise2, organisation=efus, title_en=f"Bulk {n}",
                                   lead_en="Bulk.", status="published",
                                   published_at=timezone.now() - timedelta(minutes=n + 1))
        post.topics.set(topics)
    assert count() == before


def test_a_post_page_shows_its_body_sanitised_image_topics_and_facts(client, liaise2):
    post = Post.objects.get(slug="test-public-post")
    post.body_en = "Some **bold** text <script>alert(1)</script> [x](javascript:alert(1))"
    post.image = SimpleUploadedFile("a.png", PNG)
    post.image_alt_en = "The partners on the stairs of the town hall"
    post.save()
    post.topics.set([Topic.objects.get(slug="family-support")])
    html = client.get("/news/test-public-post/").content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script>alert" not in html and 'href="javascript' not in html and "&lt;script&gt;" in html
    assert 'alt="The partners on the stairs of the town hall"' in html
    assert "Family support" in html and "European Forum for Urban Security" in html and "LIAISE 2" in html
    assert "Language: English" in html


@pytest.mark.parametrize(("slug", "allowed", "refused"), [
    ("test-draft-post", ["partner_coordinator", "project_coordinator", "staff"], ["anonymous", "partner_member"]),
    ("test-scheduled-post", ["partner_coordinator", "project_coordinator", "staff"], ["anonymous", "expert"]),
    ("test-partners-post", ["partner_member", "expert"], ["anonymous", "participant", "other_partner"]),
    ("test-hidden-post", ["other_partner", "staff"], ["anonymous", "project_coordinator"]),
])
def test_a_post_page_answers_404_to_whoever_may_not_read_it(login, slug, allowed, refused):
    assert [login(role).get(f"/news/{slug}/").status_code for role in allowed] == [200] * len(allowed)
    assert [login(role).get(f"/news/{slug}/").status_code for role in refused] == [404] * len(refused)


# --- the editors ---------------------------------------------------------------------------------------------


def form(**values):
    data = {"project": "", "organisation": "", "language": "en", "title": "Our training in Augsburg",
            "lead": "Twenty professionals trained.", "body": "## What we did\n\nA day of *exercises*.",
            "visibility": "public", "action": "publish", "image_alt": "", "published_at": ""}
    data.update(values)
    return data


def test_a_project_coordinator_publishes_a_post_for_the_project(login, liaise2):
    efus = Organisation.objects.get(slug="efus")
    topic = Topic.objects.get(slug="training-professionals")
    response = login("project_coordinator").post("/news/new/", form(
        project=liaise2.pk, organisation=efus.pk, topics=[topic.pk], image=SimpleUploadedFile("a.png", PNG),
        image_alt="Trainees at work"))
    post = Post.objects.get(title_en="Our training in Augsburg")
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert (post.project, post.organisation, post.status, post.is_live, post.slug) == (
        liaise2, efus, "published", True, "our-training-in-augsburg")
    assert list(post.topics.all()) == [topic]
    assert post.image.name.startswith("news/") and post.image_alt == "Trainees at work"
    assert post.author.email == "coordinator@efus.example"


def test_a_post_in_french_is_written_and_shown_in_french(login, liaise2):
    efus = Organisation.objects.get(slug="efus")
    login("project_coordinator").post("/news/new/", form(project=liaise2.pk, organisation=efus.pk, language="fr",
                                                         title="Formation à Augsbourg"))
    post = Post.objects.get(title_fr="Formation à Augsbourg")
    assert (post.title_en, post.language) in {("", "fr"), (None, "fr")}
    assert "Formation à Augsbourg" in login("anonymous").get(post.get_absolute_url()).content.decode()


def test_network_wide_news(login):
    # (a project coordinator posts network-wide for the organisation of their role; the demo's has none)
    efus = Organisation.objects.get(slug="efus")
    response = login("staff").post("/news/new/", form(organisation=efus.pk,
                                                                    visibility="partners"))
    assert response.status_code == 302
    post = Post.objects.get(title_en="Our training in Augsburg")
    assert (post.project, post.visibility) == (None, "partners")


def test_a_partner_coordinator_posts_only_for_their_organisation(login, liaise2):
    client = login("partner_coordinator")
    bordeaux, efus = Organisation.objects.get(slug="bordeaux"), Organisation.objects.get(slug="efus")
    page = client.get("/news/new/")
    assert list(page.context["form"].fields["organisation"].queryset) == [bordeaux]
    assert list(page.context["form"].fields["project"].queryset) == [liaise2]
    refused = client.post("/news/new/", form(project=liaise2.pk, organisation=efus.pk))
    assert refused.status_code == 400
    assert "organisation" in refused.context["form"].errors
    # network-wide is for project coordinators: the field is required for a partner coordinator
    refused = client.post("/news/new/", form(organisation=bordeaux.pk))
    assert refused.status_code == 400 and "project" in refused.context["form"].errors
    assert client.post("/news/new/", form(project=liaise2.pk, organisation=bordeaux.pk)).status_code == 302
    assert Post.objects.filter(title_en="Our training in Augsburg", organisation=bordeaux).count() == 1
    assert not Post.objects.filter(organisation=efus, title_en="Our training in Augsburg").exists()


@pytest.mark.parametrize("role", ["anonymous", "participant", "partner_member", "expert", "other_partner"])
def test_who_may_not_post_gets_no_editor(login, role):
    expected = 302 if role == "anonymous" else 404
    assert login(role).get("/news/new/").status_code == expected
    assert login(role).get("/news/test-draft-post/edit/").status_code == 404
    assert login(role).post("/news/test-public-post/delete/").status_code == 404
    assert Post.objects.filter(slug="test-public-post").exists()


def test_a_partner_coordinator_edits_their_organisations_post_but_not_the_lead_partners(login):
    client = login("partner_coordinator")
    assert client.get("/news/test-draft-post/edit/").status_code == 200
    assert client.get("/news/test-public-post/edit/").status_code == 404


def test_a_schedule_in_the_past_is_a_message_next_to_the_field(login, liaise2):
    bordeaux = Organisation.objects.get(slug="bordeaux")
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = login("partner_coordinator").post("/news/new/", form(project=liaise2.pk, organisation=bordeaux.pk,
                                                                    action="schedule", published_at=past))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "published_at": ["This time is in the past: choose a later time, or publish now."]}
    page = response.content.decode()
    # the error summary (focused, announced) links to the field; the message is next to the field too
    assert '<a href="#id_published_at">Publication time (for a scheduled post): This time is in the past' in page
    assert '<div id="id_published_at_error"><p class="error">This time is in the past' in page
    missing = login("partner_coordinator").post("/news/new/", form(project=liaise2.pk, organisation=bordeaux.pk,
                                                                   action="schedule"))
    assert missing.context["form"].errors == {"published_at": ["Give the date and time of publication."]}
    assert not Post.objects.filter(title_en="Our training in Augsburg").exists()


def test_a_scheduled_post_appears_when_its_time_comes(login, client, liaise2):
    bordeaux = Organisation.objects.get(slug="bordeaux")
    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    login("partner_coordinator").post("/news/new/", form(project=liaise2.pk, organisation=bordeaux.pk,
                                                         action="schedule", published_at=later))
    post = Post.objects.get(title_en="Our training in Augsburg")
    assert (post.status, post.is_live) == ("published", False)
    assert client.get(post.get_absolute_url()).status_code == 404
    assert post.slug not in [p["slug"] for p in client.get("/api/v1/news?limit=100").json()["items"]]
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(post.get_absolute_url()).status_code == 200


def test_bad_input_is_refused_next_to_its_field(login, liaise2):
    efus = Organisation.objects.get(slug="efus")
    client = login("project_coordinator")
    blank = client.post("/news/new/", form(project=liaise2.pk, organisation=efus.pk, title="", lead=""))
    assert blank.status_code == 400 and set(blank.context["form"].errors) == {"title", "lead"}
    no_alt = client.post("/news/new/", form(project=liaise2.pk, organisation=efus.pk,
                                            image=SimpleUploadedFile("a.png", PNG)))
    assert no_alt.context["form"].errors == {"image_alt": ["Describe the image for people who cannot see it."]}
    not_image = client.post("/news/new/", form(project=liaise2.pk, organisation=efus.pk, image_alt="x",
                                               image=SimpleUploadedFile("a.png", b"<html>not an image</html>")))
    assert not_image.status_code == 400 and list(not_image.context["form"].errors) == ["image"]
    hidden = client.post("/news/new/", form(project=Project.objects.get(slug="hidden-network").pk,
                                            organisation=efus.pk))
    assert hidden.status_code == 400 and list(hidden.context["form"].errors) == ["project"]
    assert not Post.objects.filter(title_en="Our training in Augsburg").exists()


def test_editing_a_live_post_keeps_its_date_and_a_draft_unpublishes(login):
    post = Post.objects.get(slug="test-public-post")
    published_at = post.published_at
    client = login("project_coordinator")
    data = form(project=post.project_id, organisation=post.organisation_id, title="Public news, corrected")
    assert client.post("/news/test-public-post/edit/", data).status_code == 302
    post.refresh_from_db()
    assert (post.title, post.published_at, post.slug) == ("Public news, corrected", published_at, "test-public-post")
    client.post("/news/test-public-post/edit/", {**data, "action": "draft"})
    post.refresh_from_db()
    assert (post.status, post.published_at) == ("draft", None)


def test_delete_asks_then_deletes(login):
    client = login("project_coordinator")
    assert client.get("/news/test-partners-post/delete/").status_code == 200
    response = client.post("/news/test-partners-post/delete/")
    assert response.status_code == 302 and response["Location"] == "/news/mine/"
    assert not Post.objects.filter(slug="test-partners-post").exists()


def test_my_posts_lists_what_one_edits(login):
    page = login("partner_coordinator").get("/news/mine/")
    mine = {p.slug for p in page.context["page_obj"]}
    assert {"test-draft-post", "test-scheduled-post"} <= mine
    assert "test-public-post" not in mine  # (Efus's)


def test_news_on_the_home_and_project_pages(client, liaise2):
    Post.objects.filter(slug="test-public-post").update(published_at=timezone.now() - timedelta(seconds=5))
    home = client.get("/")
    assert "test-public-post" in [p.slug for p in home.context["news"]]
    assert 1 <= len(home.context["news"]) <= 3
    assert "test-partners-post" not in home.content.decode()
    page = client.get("/projects/liaise-2/").content.decode()
    assert "/news/test-public-post/" in page and "/news/test-partners-post/" not in page


# --- the API -------------------------------------------------------------------------------------------------


def test_api_lists_what_the_page_lists(login):
    for role in ("anonymous", "partner_member", "other_partner"):
        client = login(role)
        api = client.get("/api/v1/news?limit=100").json()
        page = client.get("/news/")
        assert api["count"] == page.context["page_obj"].paginator.count
        assert [p["slug"] for p in api["items"][:12]] == [p.slug for p in page.context["page_obj"]]


def test_api_filters_and_one_post(client):
    Post.objects.get(slug="test-public-post").topics.set([Topic.objects.get(slug="family-support")])
    body = client.get("/api/v1/news?project=liaise-2&topic=family-support").json()
    assert "test-public-post" in [p["slug"] for p in body["items"]]
    post = client.get("/api/v1/news/test-public-post").json()
    assert (post["project"], post["organisation"]["slug"], post["topics"], post["visibility"], post["language"]) == (
        "liaise-2", "efus", ["family-support"], "public", "en")
    assert post["url"] == "/news/test-public-post/"


@pytest.mark.parametrize("slug", ["test-partners-post", "test-draft-post", "test-hidden-post", "nope"])
def test_api_answers_404_with_a_detail_for_what_one_may_not_read(client, slug):
    response = client.get(f"/api/v1/news/{slug}")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_api_refuses_an_unknown_filter_with_a_detail(client):
    response = client.get("/api/v1/news?project=hidden-network")
    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown project “hidden-network”."


def test_api_list_query_count_is_fixed(client, liaise2):
    efus = Organisation.objects.get(slug="efus")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/news?limit=100").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(10):
        Post.objects.create(slug=f"api-bulk-{n}", project=liaise2, organisation=efus, title_en=f"Bulk {n}",
                            lead_en="Bulk.", status="published", published_at=timezone.now(),
                            visibility=Visibility.PUBLIC).topics.set(Topic.objects.all()[:2])
    assert count() == before


def test_a_project_post_speaks_only_for_a_partner_of_the_project(db):
    from django.contrib.auth import get_user_model

    from liaise.network.models import Organisation, Project
    from liaise.outreach import services
    from tests.conftest import ROLE_EMAILS

    coordinator = get_user_model().objects.get(email=ROLE_EMAILS["project_coordinator"])
    liaise2 = Project.objects.get(slug="liaise-2")
    outsider = Organisation.objects.exclude(partnerships__project=liaise2).first()
    data = services.PostData(organisation=outsider, title="Not ours", lead="A lead.", language="en",
                             visibility="public", action="draft", project=liaise2)
    with pytest.raises(services.PostError, match="You cannot post for this organisation in this project"):
        services.save_post(None, data, coordinator)
    assert not Post.objects.filter(title_en="Not ours").exists()
