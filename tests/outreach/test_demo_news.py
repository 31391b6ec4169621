import pytest

from liaise.demo import loader
from liaise.outreach.models import Post

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_launch_and_a_dozen_more_in_five_languages():
    posts = Post.objects.filter(is_demo=True)
    assert posts.count() == 15
    assert set(posts.values_list("language", flat=True)) == {"en", "fr", "es", "de", "it"}
    launch = posts.get(slug="liaise-2-launched-in-bordeaux")
    assert (launch.project.slug, launch.organisation.slug, launch.is_live) == ("liaise-2", "efus", True)
    assert "28 European partners" in launch.lead and "Grand Théâtre de Bordeaux" in launch.body
    assert posts.filter(visibility="partners").count() == 3
    assert posts.filter(project__isnull=True).count() == 2
    assert [p.slug for p in posts.filter(status="draft")] == ["draft-newsletter-summary"]
    assert [p.slug for p in posts.filter(status="published") if not p.is_live] == ["next-call-for-pilots"]


def test_loading_the_news_twice_changes_nothing_and_reset_removes_them():
    before = list(Post.objects.filter(is_demo=True).order_by("slug").values_list("slug", "title", "status"))
    loader.load(with_accounts=True)
    assert list(Post.objects.filter(is_demo=True).order_by("slug").values_list("slug", "title", "status")) == before
    loader.reset()
    assert not Post.objects.filter(is_demo=True).exists()
