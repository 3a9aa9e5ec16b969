"""The reading text of a raw range as one string, with a map back to raw offsets.

Analysis matches patterns against what a reader reads: claimed noise left
out, a homoglyph fix read as its replacement, two run-together fields read
with a line break between them. Every character of that string knows the
raw offset it came from, so that a match becomes a raw range (a node, an
annotation) again.
"""

from __future__ import annotations

from bisect import bisect_right

from ..model import Layout


class FreeText:
    """Reading text of raw[start:end]; ``raw_start(i)`` / ``raw_end(j)`` map string indices back."""

    __slots__ = ("text", "_text_at", "_raw_at", "_raw_hi", "_virtual", "start", "end")

    def __init__(self, layout: Layout, start: int, end: int):
        parts: list[str] = []
        self._text_at: list[int] = []
        self._raw_at: list[int] = []
        self._raw_hi: list[int] = []
        self._virtual: list[bool] = []
        self.start, self.end = start, end
        length = 0
        source = layout.text
        for lo, hi, mark in layout.tiling.pieces(start, end):
            if mark is None:
                piece, virtual = source[lo:hi], False
            elif mark.kind == "split":
                piece, virtual = "\n", True
            elif mark.kind == "fix" and mark.out:
                piece, virtual = mark.out, True
            else:
                continue
            if not piece:
                continue
            self._text_at.append(length)
            self._raw_at.append(lo)
            self._raw_hi.append(hi)
            self._virtual.append(virtual)
            parts.append(piece)
            length += len(piece)
        self.text = "".join(parts)

    def _segment(self, index: int) -> int:
        return max(0, bisect_right(self._text_at, index) - 1)

    def raw_start(self, index: int) -> int:
        """The raw offset where the character at ``index`` begins."""
        if not self._text_at or index >= len(self.text):
            return self.end
        k = self._segment(index)
        if self._virtual[k]:
            return self._raw_at[k]
        return self._raw_at[k] + index - self._text_at[k]

    def raw_end(self, index: int) -> int:
        """The raw offset just after the character at ``index - 1`` (the end of a match ending at ``index``)."""
        if index <= 0 or not self._text_at:
            return self.start
        k = self._segment(index - 1)
        if self._virtual[k]:
            return self._raw_hi[k]
        return self._raw_at[k] + index - self._text_at[k]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw range of text[start:end], trimmed of the white space at either end."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start >= end:
            point = self.raw_start(start)
            return point, point
        return self.raw_start(start), self.raw_end(end)

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) string indices of the non-blank lines."""
        result, cursor = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                result.append((cursor, cursor + len(line)))
            cursor += len(line) + 1
        return result
