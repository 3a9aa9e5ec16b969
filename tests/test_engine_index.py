"""The rule engine's line index: scanning a hint over the whole text finds every line a per-line search would."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.noise.engine import _LineIndex, hint_windows
from declassify.noise.packs import load_packs
from helpers import layout_after

HINTS = sorted({rule.hint for pack in load_packs() for rule in pack.rules if rule.hint is not None}, key=lambda h: h.pattern)
# Anchored hints of the shapes a pack may write, scanned over the joined lines.
ANCHORED = [regex.compile(p, regex.IGNORECASE) for p in (
    r"^\s*\S{1,2}\s*$", r"^\s+x", r"x$", r"^x|7$", r"(?:^|-)\d", r"^$", r"\s$", r"^[^\n]{0,3}$", r"^(?:page|of)\s*\d",
)]

# Pieces that the pack hints look for, and the white space and breaks around them.
PIECES = ["page 2", "Page", "\n", "\r\n", "\f", "  ", "\t", "-", "25X1", "(b)(3)", "DocId: 3", "12 jan", "v9", "0", "7",
          "cy", "CY ", "act 1", "---", "release under", "Release\nunder", "of", "x", "STAT", "approved for", "W 12345", "\u00a0"]


def lines_with_hint(index: _LineIndex, hint, trimmed: bool = True) -> list[int]:
    """What a per-line search finds: each line (trimmed, as line rules read it, or whole) on its own."""
    bounds = index.trimmed if trimmed else [(line.start, line.end) for line in index.lines]
    return [i for i, (start, end) in enumerate(bounds) if hint.search(index.text[start:end])]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join))
def test_candidates_include_every_line_holding_the_hint(text):
    if not text.strip():
        return
    index = _LineIndex(layout_after(text, "normalise"))
    for hint in HINTS + ANCHORED:
        for trimmed in (True, False):
            candidates = list(index.candidates(hint, trimmed=trimmed))
            assert candidates == sorted(set(candidates))
            assert set(lines_with_hint(index, hint, trimmed)) <= set(candidates), (hint.pattern, trimmed)


def test_trimmed_bounds_leave_out_white_space():
    index = _LineIndex(layout_after("  one \n\n\t two\t\n", "normalise"))
    assert [index.text[a:b] for a, b in index.trimmed] == ["one", "", "two", ""][: len(index.trimmed)]


@pytest.mark.parametrize(
    "reach, expected",
    [
        (10_000, [(0, 4_010)]),  # the whole text lies within reach
        (5, [(1_990, 2_019)]),  # the hint's line and the lines 5 characters reach into, whole
    ],
)
def test_hint_windows_follow_the_rules_reach(reach, expected):
    text = ("x" * 9 + "\n") * 200 + "objection\n" + ("y" * 9 + "\n") * 200
    hint = regex.compile("objection", regex.IGNORECASE)
    assert hint_windows(text, hint, reach) == expected


def windows_by_whole_lines(text: str, hint, reach: int) -> list[tuple[int, int]]:
    """The windows as defined: each occurrence's reach widened to whole lines, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for match in hint.finditer(text):
        lo = text.rfind("\n", 0, max(0, match.start() - reach)) + 1
        hi = text.find("\n", min(len(text), match.end() + reach))
        hi = len(text) if hi < 0 else hi
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
        else:
            windows.append((lo, hi))
    return windows


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "x", "\n", " ", "\n\n", "yyyy"]), max_size=60).map("".join), st.integers(0, 12))
def test_hint_windows_are_whole_lines_around_each_occurrence(text, reach):
    """Line ends looked for only as far as needed: the same windows as searching from scratch each time."""
    hint = regex.compile("ab|x")
    assert hint_windows(text, hint, reach) == windows_by_whole_lines(text, hint, reach)


def test_hint_windows_of_one_long_line():
    """A flattened file with the hint every few characters is one window (make bench --pathological times it)."""
    text = "abc " * 250_000
    hint = regex.compile("abc")
    assert hint_windows(text, hint, 10) == [(0, len(text))]
