"""Literal hints found with str.find give exactly the pattern's own matches."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.noise.hints import hint_spans, literal_words, lowered
from declassify.noise.packs import load_packs

PACK_HINTS = sorted({rule.hint for pack in load_packs() for rule in pack.rules if rule.hint is not None}, key=lambda h: h.pattern)
LITERAL_HINTS = [hint for hint in PACK_HINTS if literal_words(hint.pattern, hint.flags) is not None]
# Alternations whose words overlap or share a start, where which match wins matters.
OVERLAPPING = [regex.compile(p, regex.IGNORECASE) for p in ("ab|abc", "abc|ab", "aa", "b|ab|a", r"\(b\)|b")]

# Pieces of the words the hints look for, in other cases, and the characters
# whose case folding differs from lower-casing.
PIECES = ["objection", "OBJECTION", "Obj", "ection", "group", "GrOuP", "page", "PAGE", "library", "stat", "STAT", "(b)", "(B)",
          "[R]", "cy", "Cy", "a", "b", "c", "ab", "abc", "A", " ", "\n", "é", "É", "\u017f", "\u0130", "\u212a", "s", "k", "K"]


def pattern_spans(hint: regex.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in hint.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_literal_hints_find_what_their_pattern_finds(text):
    lower = lowered(text)
    for hint in LITERAL_HINTS + OVERLAPPING:
        assert list(hint_spans(hint, text, lower)) == pattern_spans(hint, text), hint.pattern


def test_most_pack_hints_are_literal():
    """If this drops, a pack hint lost the fast path (see noise/hints.py)."""
    assert len(LITERAL_HINTS) >= 15


@pytest.mark.parametrize(
    "pattern, flags, words",
    [
        ("objection|criection", regex.IGNORECASE, ("objection", "criection")),
        (r"restricted|\[R\]", regex.IGNORECASE, ("restricted", "[r]")),
        ("Page", 0, None),  # case-sensitive: the pattern decides
        (r"release\s+under", regex.IGNORECASE, None),
        ("a|", regex.IGNORECASE, None),
        ("[DB]oc", regex.IGNORECASE, None),
    ],
)
def test_literal_words(pattern, flags, words):
    assert literal_words(pattern, flags) == words


@pytest.mark.parametrize("text", ["Gro\u017fs", "\u0130stanbul"])
def test_texts_whose_folding_differs_are_left_to_the_pattern(text):
    assert lowered(text) is None
