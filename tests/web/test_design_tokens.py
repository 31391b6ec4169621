"""The design tokens (liaise.css's :root): each text/background pair meets WCAG 2.1 AA, and the three stylesheets
draw with the tokens only (no colour written anywhere else, no token used that is not defined)."""

import re
from pathlib import Path

import pytest

from liaise.web import design_tokens
from liaise.web.design_tokens import PAIRS, checked_pairs, contrast, parse, resolve

STATIC = Path(design_tokens.__file__).parent.parent
STYLESHEETS = [STATIC / "web/static/liaise/liaise.css", STATIC / "live/static/live/live.css",
               STATIC / "library/static/library/library.css"]
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")


def _without_root(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return re.sub(r":root\s*\{[^}]*\}", "", css)


def test_contrast_follows_wcag():
    assert round(contrast("#000", "#fff"), 2) == 21.0
    assert round(contrast("#fff", "#fff"), 2) == 1.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the well-known lightest AA grey on white


def test_tokens_are_read_and_resolved_from_the_root_block():
    css = "/* --not: #000; */ :root { --a: #123456; --b: var(--a); --size: .8rem; } .x { --c: #fff; }"
    tokens = parse(css)
    assert tokens == {"--a": "#123456", "--b": "var(--a)", "--size": ".8rem"}
    assert resolve(tokens, "--b") == "#123456"


def test_a_pair_under_its_minimum_is_caught():
    lighter = {**design_tokens.tokens(), "--muted": "#777777"}
    failing = [(c.pair.foreground, c.pair.background, c.ratio) for c in checked_pairs(lighter) if not c.passes]
    assert failing == [("--muted", "--bg", 4.17), ("--muted", "--card", 4.47), ("--muted", "--surface-neutral", 3.95)]


@pytest.mark.parametrize("checked", checked_pairs(), ids=lambda c: f"{c.pair.foreground} on {c.pair.background}")
def test_each_pair_meets_aa(checked):
    assert checked.ratio >= checked.pair.minimum, (
        f"{checked.pair.foreground} {checked.foreground} on {checked.pair.background} {checked.background}: "
        f"{checked.ratio}:1, under {checked.pair.minimum}:1 ({checked.pair.use})")


def test_every_pair_names_colour_tokens():
    tokens = design_tokens.tokens()
    names = {name for pair in PAIRS for name in (pair.foreground, pair.background)}
    assert sorted(n for n in names if not design_tokens.is_colour(tokens.get(n, ""))) == []


def test_every_colour_token_is_in_a_pair_or_decorative():
    """A colour token that no pair checks is a border or a tint that carries no information by itself."""
    colours = {name for name, value in design_tokens.tokens().items() if design_tokens.is_colour(value)}
    paired = {name for pair in PAIRS for name in (pair.foreground, pair.background)}
    assert sorted(colours - paired - design_tokens.DECORATIVE) == []


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheets_draw_colours_with_tokens_only(path):
    css = _without_root(path.read_text(encoding="utf-8"))
    lines = [line.strip() for line in css.splitlines() if COLOUR.search(line)]
    assert lines == []


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheets_use_defined_tokens(path):
    defined = set(design_tokens.tokens())
    used = set(re.findall(r"var\((--[\w-]+)", path.read_text(encoding="utf-8")))
    assert sorted(used - defined) == []
