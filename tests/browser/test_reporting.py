"""The demo's project coordinator, as a new user would: from the project page to the work plan, adds a deliverable
(a month outside the project is refused next to the field), approves a partner's submitted value, sees it count on
the results page, and downloads the period-1 report as PDF and XLSX — without the admin."""

import io
import zipfile

from playwright.sync_api import expect
from pypdf import PdfReader


def sign_in(page, live_url, email):
    page.goto(live_url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".user-menu summary")).to_be_visible()


def test_a_coordinator_fills_in_the_work_plan_approves_a_value_and_downloads_the_report(page, live_url,
                                                                                         screenshot_dir):
    sign_in(page, live_url, "coordinator@efus.example")
    page.goto(live_url + "/projects/liaise-2/")
    page.get_by_role("link", name="Work plan and reporting").click()
    expect(page.locator("h1")).to_contain_text("Work plan")
    deliverables = page.locator("section[aria-labelledby=deliverables]")
    expect(deliverables).to_contain_text("Late")

    # a new deliverable: a month outside the 24-month project is refused next to its field
    page.get_by_role("link", name="Add a deliverable").click()
    wp2 = page.locator("#id_work_package option", has_text="WP2").get_attribute("value")
    page.select_option("#id_work_package", value=wp2)
    page.fill("#id_number", "9")
    page.fill("#id_title", "Leaflet of the round tables")
    page.select_option("#id_lead", label="Bordeaux")
    page.fill("#id_due_month", "30")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field-error")).to_contain_text("outside the project")
    page.fill("#id_due_month", "8")
    page.get_by_role("button", name="Save").click()
    expect(deliverables).to_contain_text("D2.9")
    expect(deliverables).to_contain_text("Leaflet of the round tables")

    # Augsburg's submitted value of KPI11 does not count until approved
    page.goto(live_url + "/projects/liaise-2/results/")
    kpi11 = page.locator("article", has_text="KPI11")
    expect(kpi11).to_contain_text("1 value awaiting approval")
    page.goto(live_url + "/projects/liaise-2/indicators/KPI11/")
    augsburg = page.locator("section[aria-labelledby=reported] article", has_text="Augsburg")
    augsburg.get_by_role("link", name="Approve").click()
    expect(page.locator("h1")).to_have_text("Approve a reported value")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("section[aria-labelledby=reported] article", has_text="Augsburg")).to_contain_text(
        "Approved")
    page.goto(live_url + "/projects/liaise-2/results/")
    expect(page.locator("article", has_text="KPI11")).not_to_contain_text("awaiting approval")
    page.screenshot(path=str(screenshot_dir / "results.png"), full_page=True)

    # the period-1 report
    page.goto(live_url + "/projects/liaise-2/report/?period=1")
    page.get_by_role("link", name="Report (PDF)").click()  # the worker draws it; the page waits for it
    expect(page.get_by_role("status")).to_contain_text("being prepared")
    with page.expect_download(timeout=90_000) as pdf_download:
        pass  # the page reloads itself until the PDF is there, then downloads it
    pdf = PdfReader(pdf_download.value.path())
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert pdf_download.value.suggested_filename == "LIAISE-2_RP1_periodic-report.pdf"
    for code in ("D1.1", "D2.1", "D2.9", "MS1", "KPI11"):
        assert code in text, code
    assert "Funded by the European Union" in text
    page.get_by_role("link", name="Back to the report").click()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Tables (XLSX)").click()
    with open(xlsx_download.value.path(), "rb") as f:
        workbook = zipfile.ZipFile(io.BytesIO(f.read()))
    assert "xl/workbook.xml" in workbook.namelist()
    page.screenshot(path=str(screenshot_dir / "report-page.png"), full_page=True)
