"""What the keyboard, phone and reflow tests measure in the page: where the focus is and whether it shows, how big
the things a finger taps are, whether the page scrolls sideways. Only keys move the keyboard tests along."""

# The focused element, and whether a sighted keyboard user sees where the focus is: it matches :focus-visible (or
# is a field whose focus is inside it, e.g. a date's calendar button) and draws an outline of at least 2 px, or a
# box shadow.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  const state = e.matches(":focus-visible") || (e.tagName === "INPUT" && e.matches(":focus-within"));
  return {tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute("href") || "",
          text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " "),
          focusVisible: state && (outline || s.boxShadow !== "none"),
          style: `${e.matches(":focus-visible") ? "" : "not "}:focus-visible, outline ${s.outlineStyle} `
                 + `${s.outlineWidth}, box-shadow ${s.boxShadow}`};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, selector: str, text: str = "", limit: int = 150, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focus is on an element matching ``selector`` whose text contains
    ``text``; every stop on the way must show its focus. Returns the focused element's description."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if now is None:
            continue
        assert now["focusVisible"], f"no visible focus indicator on {now}"
        stops.append(now["text"][:40] or now["href"] or now["id"])
        if page.evaluate("s => document.activeElement.matches(s)", selector) and text in now["text"]:
            return now
    raise AssertionError(f"no Tab stop {selector!r} with {text!r} among {stops}")


def follow(page, key: str = "Enter") -> None:
    """Press ``key`` on the focused link or button and wait for the page it loads."""
    with page.expect_navigation():
        page.keyboard.press(key)


def skip_to_main(page) -> None:
    """The first Tab stop of a freshly loaded page is the skip link, and it moves the focus to <main>."""
    page.keyboard.press("Tab")
    first = focused(page)
    assert (first["tag"], first["href"], first["focusVisible"]) == ("a", "#main", True), first
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def select_by_keys(page, label: str, limit: int = 300) -> None:
    """Move a focused <select> to the option ``label`` with the arrow keys."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement.selectedOptions[0].textContent.trim()") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label!r}")


# The interactive elements a finger taps that are smaller than 24 x 24 CSS px (WCAG 2.2 target size, minimum),
# skipping those not shown and the links inside a sentence (the criterion's inline exception).
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]"))
  .filter(e => {
    const r = e.getBoundingClientRect();
    if (!e.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) return false;
    if (e.closest(".visually-hidden") || e.classList.contains("skip-link")) return false;
    if (e.tagName === "A" && e.closest("p, li") && getComputedStyle(e).display === "inline"
        && e.closest("p, li").innerText.trim() !== e.innerText.trim()) return false;
    return r.width < 24 || r.height < 24;
  })
  .map(e => `${e.tagName.toLowerCase()}.${e.className} "${(e.innerText || e.value || "").trim().slice(0, 30)}" `
            + `${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`)"""

# The elements that stick out to the right of the viewport (what makes the page scroll sideways).
OVERFLOWING = """() => Array.from(document.querySelectorAll("body *"))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`)"""


def horizontal_overflow(page) -> tuple[int, int, list[str]]:
    """(scrollWidth, clientWidth, what sticks out): the page scrolls sideways when the first exceeds the second."""
    width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return width, client, (page.evaluate(OVERFLOWING) if width > client + 1 else [])
