"""The design tokens of liaise.css (its ``:root`` block of CSS custom properties), read from the stylesheet itself,
and the colour pairs the interface draws text or controls with, each with the WCAG 2.1 contrast it must reach.

One source: the design-system page (``/design-system/``) shows these tokens and ratios, and
``tests/web/test_design_tokens.py`` fails when a pair falls under its minimum (AA: 4.5:1 for text, 3:1 for large
text and for the parts of controls — borders of fields, focus rings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STYLESHEET = Path(__file__).parent / "static" / "liaise" / "liaise.css"
TEXT, UI = 4.5, 3.0  # WCAG 2.1 AA: 1.4.3 (text), 1.4.11 (non-text: controls, focus) and 1.4.3 (large text)

_ROOT = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
_DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")
_VAR = re.compile(r"var\((--[\w-]+)\)")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class Pair:
    """A foreground token on a background token, where the interface uses them together."""

    foreground: str
    background: str
    minimum: float
    use: str | Promise


# Every text/background (and control/background) combination of the three stylesheets, by token name.
PAIRS: tuple[Pair, ...] = (
    Pair("--ink", "--bg", TEXT, _("body text on the page")),
    Pair("--ink", "--card", TEXT, _("body text in cards, tables, fields")),
    Pair("--ink", "--surface-sunken", TEXT, _("text over a chart's area")),
    Pair("--ink", "--mark", TEXT, _("search terms highlighted in a snippet")),
    Pair("--muted", "--bg", TEXT, _("secondary text (meta, help) on the page")),
    Pair("--muted", "--card", TEXT, _("secondary text in cards and tables")),
    Pair("--muted", "--surface-neutral", TEXT, _("neutral badges, upcoming stages")),
    Pair("--brand", "--bg", TEXT, _("links on the page")),
    Pair("--brand", "--card", TEXT, _("links and secondary buttons in cards")),
    Pair("--brand-dark", "--card", TEXT, _("hovered links")),
    Pair("--brand-dark", "--surface-tag", TEXT, _("tags")),
    Pair("--brand-dark", "--surface-info", TEXT, _("information notices and status badges")),
    Pair("--brand-dark", "--surface-selected", TEXT, _("completed stages")),
    Pair("--on-fill", "--brand", TEXT, _("primary buttons, current stage, counts")),
    Pair("--on-fill", "--brand-dark", TEXT, _("hovered primary buttons")),
    Pair("--on-fill", "--ink", TEXT, _("skip link, current language")),
    Pair("--on-fill", "--err", TEXT, _("danger buttons")),
    Pair("--on-fill", "--err-dark", TEXT, _("hovered danger buttons")),
    Pair("--on-fill", "--accent", TEXT, _("pending count on the moderation page")),
    Pair("--err", "--card", TEXT, _("error messages next to fields")),
    Pair("--err", "--surface-danger", TEXT, _("late and warning badges, error notices")),
    Pair("--ok", "--card", TEXT, _("success text")),
    Pair("--ok", "--surface-success", TEXT, _("success badges and notices")),
    Pair("--warn", "--surface-warning", TEXT, _("warning badges and notices")),
    Pair("--accent", "--card", TEXT, _("accent text")),
    Pair("--disabled", "--surface-neutral", TEXT, _("disabled buttons")),
    Pair("--control-border", "--card", UI, _("borders of fields")),
    Pair("--control-border", "--bg", UI, _("borders of fields on the page")),
    Pair("--accent", "--bg", UI, _("focus ring on the page")),
    Pair("--accent", "--card", UI, _("focus ring in cards; highlighted question")),
    Pair("--brand", "--card", UI, _("border of secondary buttons and vote buttons")),
    Pair("--err", "--card", UI, _("border of a field in error")),
    Pair("--screen-text", "--screen-bg", TEXT, _("the hall's screen: questions")),
    Pair("--screen-muted", "--screen-bg", TEXT, _("the hall's screen: event, how to join")),
    Pair("--screen-subtle", "--screen-bg", TEXT, _("the hall's screen: addressees, status")),
    Pair("--screen-votes", "--screen-bg", TEXT, _("the hall's screen: vote counts")),
    Pair("--screen-card-text", "--screen-card", TEXT, _("the hall's screen: highlighted question")),
    Pair("--screen-card-muted", "--screen-card", TEXT, _("the hall's screen: its addressee")),
    Pair("--screen-label", "--screen-card", TEXT, _("the hall's screen: its label")),
)

# Colour tokens no pair needs to check: borders and tints that carry no information by themselves.
DECORATIVE = frozenset({"--line", "--border-info", "--border-success", "--border-danger", "--border-warning",
                        "--accent-soft"})


def parse(css: str) -> dict[str, str]:
    """The custom properties of the first ``:root`` block of ``css``, by name, as written (``var()`` kept)."""
    match = _ROOT.search(re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL))
    if match is None:
        return {}
    return {name: " ".join(value.split()) for name, value in _DECLARATION.findall(match["body"])}


def resolve(tokens: dict[str, str], name: str, seen: frozenset[str] = frozenset()) -> str:
    """A token's value with every ``var(--…)`` replaced by what it stands for."""
    if name in seen:
        raise ValueError(f"{name} refers to itself")
    value = tokens[name]
    return _VAR.sub(lambda m: resolve(tokens, m[1], seen | {name}), value)


@cache
def tokens() -> dict[str, str]:
    """liaise.css's tokens, resolved (read once per process: the file only changes with a release)."""
    raw = parse(STYLESHEET.read_text(encoding="utf-8"))
    return {name: resolve(raw, name) for name in raw}


def is_colour(value: str) -> bool:
    return _HEX.fullmatch(value.strip()) is not None


def luminance(colour: str) -> float:
    """The relative luminance of a #rgb or #rrggbb colour (WCAG 2.1's definition)."""
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class CheckedPair:
    pair: Pair
    foreground: str
    background: str
    ratio: float

    @property
    def passes(self) -> bool:
        return self.ratio >= self.pair.minimum


def checked_pairs(values: dict[str, str] | None = None) -> list[CheckedPair]:
    """Each pair with its colours and contrast ratio (rounded down to two decimals, as checkers show it)."""
    values = tokens() if values is None else values
    result = []
    for pair in PAIRS:
        fg, bg = values[pair.foreground], values[pair.background]
        ratio = int(contrast(fg, bg) * 100) / 100
        result.append(CheckedPair(pair, fg, bg, ratio))
    return result


def groups(values: dict[str, str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """The tokens by kind, for the design-system page: colours, type scale, spacing, the rest."""
    values = tokens() if values is None else values
    kinds: dict[str, list[tuple[str, str]]] = {"colour": [], "type": [], "space": [], "other": []}
    for name, value in values.items():
        if is_colour(value):
            kinds["colour"].append((name, value))
        elif name.startswith("--text-"):
            kinds["type"].append((name, value))
        elif name.startswith("--space-"):
            kinds["space"].append((name, value))
        else:
            kinds["other"].append((name, value))
    return kinds
