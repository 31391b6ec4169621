"""The printable programme: the Bordeaux conference's page printed by Chromium (page.pdf(), the print media) has
every session with its times and time zone, speakers and rooms, the full address of its links, and none of the
site's navigation, footer or buttons; a session never breaks across two pages. And the design-system page."""

import subprocess
from pathlib import Path

from playwright.sync_api import expect

PROGRAMME = "/events/bordeaux-2016/"


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_the_programme_prints_with_its_sessions_and_without_the_site_around_it(page, live_url, screenshot_dir,
                                                                             tmp_path):
    page.goto(live_url + PROGRAMME)
    button = page.get_by_role("button", name="Print the programme")
    expect(button).to_be_visible()  # print.js showed it
    titles = [t.strip() for t in page.locator(".session h4").all_inner_texts()]
    speakers = sorted({s.strip() for s in page.locator(".speakers li strong").all_inner_texts()})
    rooms = sorted({r.split("·")[-1].strip() for r in page.locator(".session .eyebrow").all_inner_texts()
                    if "·" in r})
    assert len(titles) > 5 and speakers and rooms
    live_link = page.locator(".session-link a").first
    expect(live_link).to_have_attribute("data-print-url", live_url + live_link.get_attribute("href"))

    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".breadcrumb", "[data-print]", ".actions"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".session-time .print-only").first).to_be_visible()
    assert page.locator(".session").first.evaluate("s => getComputedStyle(s).breakInside") == "avoid"

    pdf = tmp_path / "programme.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = " ".join(_pdf_text(pdf).split())  # the layout's line breaks and columns, as single spaces
    for title in titles:
        assert " ".join(title.split()) in text, title
    for name in [*speakers, *rooms]:
        assert name in text, name
    assert "Times in Europe/Paris" in text
    assert f"{live_url}/live/" in text  # the full address of the live Q&A's link
    assert f"This programme online: {live_url}{PROGRAMME}" in text
    for absent in ("Skip to content", "Sign in", "Add to calendar", "Print the programme", "JSON API"):
        assert absent not in text, absent
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                    str(screenshot_dir / "programme-print")], check=True)


def test_no_session_is_split_across_two_pages(page, live_url, tmp_path):
    page.goto(live_url + PROGRAMME)
    sessions = page.locator(".session").evaluate_all(
        "ss => ss.map(s => [s.querySelector('h4').innerText, [...s.querySelectorAll('.speakers strong')]"
        ".map(n => n.innerText)])")
    page.emulate_media(media="print")
    pdf = tmp_path / "programme.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = [" ".join(p.split()) for p in _pdf_text(pdf).split("\f") if p.strip()]
    assert len(pages) > 1
    titles = [" ".join(title.split()) for title, _names in sessions]
    checked = 0
    for title, names in sessions:
        title = " ".join(title.split())
        if titles.count(title) > 1 or not names:
            continue
        [on_page] = [p for p in pages if title in p]  # the title on one page, and its speakers with it
        assert [n for n in names if n.strip() not in on_page] == [], title
        checked += 1
    assert checked > 3


def test_the_design_system_page_shows_its_components(page, live_url, screenshot_dir):
    response = page.goto(live_url + "/design-system/")
    assert response.headers["x-robots-tag"] == "noindex"
    expect(page.locator("h1")).to_have_text("Design system")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    expect(page.locator("#ds-contrast .badge-danger")).to_have_count(0)  # no pair under its minimum
    # a field of the sample form is drawn with the tokens: its border is the control border token
    border = page.locator("#sample-name").evaluate("e => getComputedStyle(e).borderTopColor")
    assert border == "rgb(128, 137, 152)"  # --control-border: #808998
    page.screenshot(path=str(screenshot_dir / "design-system.png"), full_page=True)
