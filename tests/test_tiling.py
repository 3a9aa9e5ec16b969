"""The claims structure: no overlaps, zero-width marks at boundaries, ordered walks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.tiling import Disposition, Mark, Tiling


def mark(start, end, rule="r", kind="drop"):
    return Mark(start, end, Disposition.DROPPED, rule, kind)


def test_claims_never_overlap():
    tiling = Tiling(20)
    assert tiling.add(mark(5, 10))
    assert not tiling.add(mark(9, 12))
    assert not tiling.add(mark(0, 6))
    assert not tiling.add(mark(6, 7))
    assert tiling.add(mark(10, 12))
    assert tiling.add(mark(0, 5))
    assert [(m.start, m.end) for m in tiling] == [(0, 5), (5, 10), (10, 12)]


@pytest.mark.parametrize(
    "position, allowed",
    [(5, True), (7, False), (10, True), (15, True)],
)
def test_zero_width_marks_only_at_boundaries(position, allowed):
    tiling = Tiling(20, [mark(5, 10)])
    assert tiling.add(Mark(position, position, Disposition.FORME, "pb", "pb")) is allowed


def test_out_of_range_is_refused():
    tiling = Tiling(10)
    assert not tiling.add(mark(8, 12))
    assert not tiling.add(mark(-1, 2))


def test_free_ranges_and_pieces():
    tiling = Tiling(20, [mark(2, 4), mark(10, 12), Mark(15, 15, Disposition.FORME, "pb", "pb")])
    assert list(tiling.free_ranges()) == [(0, 2), (4, 10), (12, 20)]
    assert list(tiling.free_ranges(3, 11)) == [(4, 10)]
    pieces = [(a, b, m.kind if m else None) for a, b, m in tiling.pieces()]
    assert pieces == [(0, 2, None), (2, 4, "drop"), (4, 10, None), (10, 12, "drop"), (12, 15, None), (15, 15, "pb"), (15, 20, None)]


def test_pieces_clip_straddling_marks():
    tiling = Tiling(20, [mark(2, 8)])
    assert [(a, b) for a, b, _ in tiling.pieces(5, 10)] == [(5, 8), (8, 10)]


def test_mark_at_and_is_free():
    tiling = Tiling(20, [mark(2, 8)])
    assert tiling.mark_at(2).start == 2
    assert tiling.mark_at(7).end == 8
    assert tiling.mark_at(8) is None
    assert tiling.is_free(8, 20)
    assert not tiling.is_free(0, 3)


def test_copy_is_independent():
    tiling = Tiling(10, [mark(0, 2)])
    clone = tiling.copy()
    clone.add(mark(4, 6))
    assert len(tiling) == 1 and len(clone) == 2


@pytest.mark.parametrize(
    "text, claims, start, end, expected",
    [
        ("ab  cd", [], 0, 6, True),
        ("   \t ", [], 0, 5, False),
        ("ab  cd", [(0, 2), (4, 6)], 0, 6, False),  # only the blank middle is free
        ("ab  cd", [(0, 2)], 0, 6, True),
        ("ab  cd", [(0, 6)], 1, 5, False),  # a claim straddling the range
        ("ab  cd", [(2, 2), (0, 2)], 0, 4, False),  # a zero-width mark is no text
        ("ab  cd", [(3, 3)], 0, 3, True),
        ("ab  cd", [], 2, 2, False),
    ],
)
def test_has_free_text(text, claims, start, end, expected):
    tiling = Tiling(len(text), [mark(a, b) for a, b in claims])
    assert tiling.has_free_text(text, start, end) is expected


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.data())
def test_has_free_text_agrees_with_free_ranges(data):
    """The shortcut answers what reading the free ranges answers."""
    text = data.draw(st.text(alphabet="a \t\n", min_size=1, max_size=30))
    tiling = Tiling(len(text))
    for _ in range(data.draw(st.integers(0, 8))):
        a = data.draw(st.integers(0, len(text)))
        tiling.add(mark(a, data.draw(st.integers(a, len(text)))))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = any(text[a:b].strip() for a, b in tiling.free_ranges(start, end))
    assert tiling.has_free_text(text, start, end) is expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5), st.booleans()), max_size=30))
def test_lookups_agree_with_a_plain_scan(steps):
    """Adds and removals in any order; every lookup answers as a scan of all marks would."""
    tiling = Tiling(40)
    for start, width, remove in steps:
        added = mark(start, min(40, start + width))
        if tiling.add(added) and remove:
            tiling.remove(added)
    marks = list(tiling)
    for pos in range(41):
        covering = [m for m in marks if m.width and m.start <= pos < m.end]
        assert tiling.mark_at(pos) == (covering[0] if covering else None)
        for end in range(pos, min(41, pos + 6)):
            expected = [m for m in marks if (m.start < end and m.end > pos) or (m.width == 0 and pos <= m.start < end)]
            assert [m for m in tiling.marks_in(pos, end) if m.width] == [m for m in expected if m.width]
            assert tiling.is_free(pos, end) == (not any(m.width and m.start < end and m.end > pos for m in marks))
