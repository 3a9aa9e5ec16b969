"""Hints found with str.find give exactly the pattern's own matches."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.noise.hints import candidate_starts, has_plan, hint_spans, literal_words, lowered
from declassify.noise.packs import load_packs

PACK_HINTS = sorted({rule.hint for pack in load_packs() for rule in pack.rules if rule.hint is not None}, key=lambda h: h.pattern)
LITERAL_HINTS = [hint for hint in PACK_HINTS if literal_words(hint.pattern, hint.flags) is not None]
PLANNED_HINTS = [hint for hint in PACK_HINTS if has_plan(hint)]
# Alternations whose words overlap or share a start, where which match wins
# matters; words that only start a match; classes of letters.
OVERLAPPING = [regex.compile(p, regex.IGNORECASE) for p in (
    "ab|abc", "abc|ab", "aa", "b|ab|a", r"\(b\)|b", r"abc\s*\d|cab", r"abc+|ab", r"[ab]bc|abc\s", r"aab\s+ab|ab",
)]

# Pieces of the words the hints look for, in other cases, and the characters
# whose case folding differs from lower-casing.
PIECES = ["objection", "OBJECTION", "Obj", "ection", "group", "GrOuP", "page", "PAGE", "library", "stat", "STAT", "(b)", "(B)",
          "[R]", "cy", "Cy", "a", "b", "c", "ab", "abc", "A", " ", "\n", "é", "É", "\u017f", "\u0130", "\u212a", "s", "k", "K",
          "act", "ACT 1", "sec. 6", "SEC 6", "act9", "charge", "CHARGE TO", "collect", "DocId:", "B0c", "Dooo", "1", "9", "end of", "\t"]


def pattern_spans(hint: regex.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in hint.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_hints_find_what_their_pattern_finds(text):
    lower = lowered(text)
    for hint in PLANNED_HINTS + OVERLAPPING:
        assert list(hint_spans(hint, text, lower)) == pattern_spans(hint, text), hint.pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_every_match_starts_at_a_candidate(text):
    """Overlapping matches too: the line scan asks where a match may start, not only where finditer finds one."""
    lower = lowered(text)
    for hint in PLANNED_HINTS + OVERLAPPING:
        places = candidate_starts(hint, text, lower)
        if places is None:
            continue
        starts, exact = places
        candidates = {start for start, _ in starts}
        real = {p for p in range(len(text) + 1) if hint.match(text, p)}
        assert real <= candidates, hint.pattern
        if exact:
            assert candidates == real, hint.pattern


def test_most_pack_hints_have_a_plan():
    """If this drops, a pack hint lost the fast path (see noise/hints.py)."""
    assert len(LITERAL_HINTS) >= 15
    assert len(PLANNED_HINTS) >= 25


@pytest.mark.parametrize(
    "pattern, flags, words",
    [
        ("objection|criection", regex.IGNORECASE, ("objection", "criection")),
        (r"restricted|\[R\]", regex.IGNORECASE, ("restricted", "[r]")),
        ("Page", 0, ("Page",)),  # case-sensitive: looked for as written
        (r"release\s+under", regex.IGNORECASE, None),
        ("a|", regex.IGNORECASE, None),
        ("[DB]oc", regex.IGNORECASE, ("doc", "boc")),
        (r"charge\s+to", regex.IGNORECASE, None),  # words that only start a match
    ],
)
def test_literal_words(pattern, flags, words):
    assert literal_words(pattern, flags) == words


@pytest.mark.parametrize(
    "pattern, starts, exact",
    [
        (r"charge\s+to|indicate", ("charge", "indicate"), False),
        (r"act\s*\d|sec\.?\s*6", ("act", "sec"), False),
        ("[DB][o0][co]", ("doc", "doo", "d0c", "d0o", "boc", "boo", "b0c", "b0o"), True),
        (r"e\.?\s?r\.?\s*\d\d|[a-z]-\d{4}", None, None),  # 'e' alone: too short to look for
        (r"of\s+\d", None, None),
        (r"^v\s?9", None, None),  # anchors: the pattern decides
        (r"\d{3}\s?-", None, None),
        (r"(?:a|b)cd", None, None),
    ],
)
def test_plans(pattern, starts, exact):
    hint = regex.compile(pattern, regex.IGNORECASE)
    text = " ".join(word.upper() for word in starts) if starts else "x"
    places = candidate_starts(hint, text, lowered(text))
    if starts is None:
        assert places is None
        return
    offsets, at = [], 0
    for word in starts:
        offsets.append((at, at + len(word)))
        at += len(word) + 1
    assert places == (offsets, exact)
    assert literal_words(pattern, hint.flags) == (starts if exact else None)


@pytest.mark.parametrize("text", ["Gro\u017fs", "\u0130stanbul"])
def test_texts_whose_folding_differs_are_left_to_the_pattern(text):
    assert lowered(text) is None
