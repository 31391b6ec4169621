"""Charts are images with a name (role="img" and aria-label) and their figures in a data table next to them: the
results dashboard's indicator charts and work-plan timeline (pygal), and the pilots' indicator charts."""

import re

import pytest

pytestmark = pytest.mark.django_db
LABELLED_IMAGE = re.compile(r'role="img" aria-label="([^"]+)"')


def _blocks(page: str, opening: str, closing: str) -> list[str]:
    return [chunk.split(closing, 1)[0] for chunk in page.split(opening)[1:]]


def _assert_each_has_a_named_chart_and_a_table(blocks: list[str]) -> None:
    assert blocks
    for block in blocks:
        [label] = LABELLED_IMAGE.findall(block)
        assert label.startswith("Chart of ") or label.startswith("Timeline of ")
        assert "<table" in block and "<th scope=" in block


@pytest.mark.parametrize("role", ["anonymous", "project_coordinator"])
def test_the_results_dashboards_charts_are_named_images_beside_their_tables(login, role):
    page = login(role).get("/projects/liaise-2/results/").content.decode()
    _assert_each_has_a_named_chart_and_a_table(
        _blocks(page, '<article class="card results-indicator"', "</article>"))
    timeline = _blocks(page, '<section aria-labelledby="timeline-title">', "</section>")
    assert len(timeline) == (1 if role == "project_coordinator" else 0)  # the work plan: partners only
    if timeline:
        _assert_each_has_a_named_chart_and_a_table(timeline)


def test_a_pilots_indicator_charts_are_named_images_beside_their_tables(login):
    page = login("partner_coordinator").get("/pilots/bordeaux-young-voices-against-hate-speech/").content.decode()
    figures = _blocks(page, '<figure class="card indicator">', "</figure>")
    _assert_each_has_a_named_chart_and_a_table(figures)
    assert "aria-hidden" not in "".join(figures)
