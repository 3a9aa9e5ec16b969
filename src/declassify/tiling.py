"""Standoff claims over a raw text: who decided what each character is.

Every stage that removes, moves or rewrites raw text does so by *claiming* a
range of it with a :class:`Mark`.  Claims never overlap, so at any moment each
character of the raw file is either claimed by exactly one mark or still free;
free characters are reading text.  This is what makes the ledger possible: the
claims plus the free ranges tile the raw text exactly, and each piece names the
rule that decided it.

Zero-width marks (a page break inferred from a page number, say) sit between
characters and claim nothing; they may stand at a free position or at the
boundary of another mark, never inside one.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterator


class Disposition(StrEnum):
    """What became of a piece of the raw text (the ledger's vocabulary)."""

    TEXT = "text"  # in the reading text
    FORME = "forme-work"  # kept in the file as pb/fw/stamp/gap, out of the reading text
    HEADER = "header"  # harvested into the header, not in the text
    DROPPED = "dropped"  # removed: layout whitespace, control characters, OCR artefacts


@dataclass(frozen=True, slots=True)
class Mark:
    """A claim on raw[start:end].

    ``kind`` tells the encoder what to make of it: ``fw`` (forme work),
    ``pb`` (page break), ``gap`` (redaction), ``join`` (a break removed by a
    repair; the encoder writes ``lb``/``pb`` with ``break="no"``), ``fix`` (text
    replaced by ``out``), ``header`` (harvested) or ``drop`` (removed).
    ``attrs`` carries kind-specific details as sorted pairs, so marks stay
    hashable and serialise deterministically.
    """

    start: int
    end: int
    disposition: Disposition
    rule: str
    kind: str
    attrs: tuple[tuple[str, str], ...] = ()
    out: str = ""

    def attr(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    @property
    def width(self) -> int:
        return self.end - self.start


def make_attrs(**values: object) -> tuple[tuple[str, str], ...]:
    """Sorted, stringified attribute pairs, dropping None values."""
    return tuple(sorted((k, str(v)) for k, v in values.items() if v is not None))


class Tiling:
    """Non-overlapping marks over a text of known length, kept sorted."""

    # _keys orders the marks (start, then end: a zero-width mark before the
    # mark that begins where it stands); _starts, the same starts as plain
    # integers, is what lookups bisect (faster than tuples, and "the first
    # mark starting at or after p" needs no more).
    __slots__ = ("length", "_keys", "_starts", "_marks")

    def __init__(self, length: int, marks: list[Mark] | None = None):
        self.length = length
        self._keys: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._marks: list[Mark] = []
        for mark in marks or ():
            if not self.add(mark):
                raise ValueError(f"overlapping mark {mark}")

    def copy(self) -> "Tiling":
        clone = Tiling(self.length)
        clone._keys = list(self._keys)
        clone._starts = list(self._starts)
        clone._marks = list(self._marks)
        return clone

    def __iter__(self) -> Iterator[Mark]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)

    def can_claim(self, start: int, end: int) -> bool:
        """True if [start, end) touches no existing claim."""
        if not 0 <= start <= end <= self.length:
            return False
        i = bisect.bisect_left(self._starts, start)
        # The mark before may reach into the range.
        if i > 0:
            prev = self._marks[i - 1]
            if prev.end > start and prev.width > 0:
                return False
        while i < len(self._marks):
            mark = self._marks[i]
            if mark.start >= end and not (mark.start == end == start):
                break
            if start == end:
                # A zero-width mark may sit at a boundary, never strictly inside.
                if mark.start < start < mark.end:
                    return False
            elif mark.width > 0 and mark.start < end and mark.end > start:
                return False
            elif mark.width == 0 and start < mark.start < end:
                return False
            i += 1
        return True

    def add(self, mark: Mark) -> bool:
        """Claim ``mark``; return False (and change nothing) if it overlaps a claim."""
        if not self.can_claim(mark.start, mark.end):
            return False
        key = (mark.start, mark.end)
        i = bisect.bisect_right(self._keys, key)
        self._keys.insert(i, key)
        self._starts.insert(i, mark.start)
        self._marks.insert(i, mark)
        return True

    def remove(self, mark: Mark) -> None:
        i = bisect.bisect_left(self._keys, (mark.start, mark.end))
        while i < len(self._marks):
            if self._marks[i] is mark or self._marks[i] == mark:
                del self._keys[i]
                del self._starts[i]
                del self._marks[i]
                return
            i += 1
        raise KeyError(mark)

    def is_free(self, start: int, end: int) -> bool:
        """True if no positive-width claim touches [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        if i > 0 and self._marks[i - 1].end > start and self._marks[i - 1].width > 0:
            return False
        while i < len(self._marks) and self._marks[i].start < end:
            if self._marks[i].width > 0:
                return False
            i += 1
        return True

    def marks_in(self, start: int, end: int) -> list[Mark]:
        """Marks overlapping [start, end), and zero-width marks within it."""
        i = bisect.bisect_left(self._starts, start)
        found: list[Mark] = []
        if i > 0 and self._marks[i - 1].end > start:
            found.append(self._marks[i - 1])
        while i < len(self._marks):
            mark = self._marks[i]
            if mark.start >= end and not (mark.width == 0 and mark.start == end == start):
                break
            found.append(mark)
            i += 1
        return found

    def has_free_text(self, text: str, start: int, end: int) -> bool:
        """True if some unclaimed character of text[start:end] is not white space.

        The same as asking whether any of ``free_ranges(start, end)`` has
        non-blank text, without building the ranges: the strip stage asks it
        of every line, several times over.
        """
        marks = self._marks
        i = bisect.bisect_left(self._starts, start)
        cursor = start
        if i > 0 and marks[i - 1].end > cursor:
            cursor = marks[i - 1].end
        count = len(marks)
        while i < count and cursor < end:
            mark = marks[i]
            if mark.start >= end:
                break
            if mark.start > cursor and not text[cursor : mark.start].isspace():
                return True
            if mark.end > cursor:
                cursor = mark.end
            i += 1
        return cursor < end and not text[cursor:end].isspace()

    def mark_at(self, pos: int) -> Mark | None:
        """The positive-width mark covering raw position ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos)
        while i > 0:
            mark = self._marks[i - 1]
            if mark.width > 0:
                return mark if mark.start <= pos < mark.end else None
            i -= 1
        return None

    def free_ranges(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Maximal unclaimed sub-ranges of [start, end), in order."""
        end = self.length if end is None else end
        cursor = start
        for mark in self.marks_in(start, end):
            if mark.width == 0:
                continue
            if mark.start > cursor:
                yield cursor, min(mark.start, end)
            cursor = max(cursor, mark.end)
            if cursor >= end:
                return
        if cursor < end:
            yield cursor, end

    def pieces(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, Mark | None]]:
        """Walk [start, end) in order: marks (zero-width ones too) and free runs (mark None).

        A mark that straddles ``start`` or ``end`` is yielded once, with the
        bounds clipped to the range.
        """
        end = self.length if end is None else end
        cursor = start
        for mark in self.marks_in(start, end):
            if mark.width == 0:
                if mark.start > cursor:
                    yield cursor, mark.start, None
                    cursor = mark.start
                yield mark.start, mark.start, mark
                continue
            if mark.start > cursor:
                yield cursor, mark.start, None
            lo, hi = max(mark.start, start), min(mark.end, end)
            yield lo, hi, mark
            cursor = hi
        if cursor < end:
            yield cursor, end, None
