"""The typed values that flow from one pipeline stage to the next.

``read`` makes a :class:`Source`; ``normalise`` turns it into a
:class:`Layout` (the raw text cut into lines, with a :class:`Tiling` of
claims); ``strip`` and ``repair`` return new layouts with more claims, facts
and finally blocks; ``segment`` cuts the layout into :class:`ItemDraft`
ranges.  Everything keeps raw offsets, so any character, removal or
harvested fact can be traced back to its source span.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .tiling import Mark, Tiling

# Normalise's claims that a claim over whole lines may swallow (see Layout.absorbable).
ABSORBABLE_RULES = frozenset({"normalise.crlf", "normalise.line-separator", "normalise.invisible-character"})


@dataclass(frozen=True, slots=True)
class Source:
    """One raw input file, decoded.

    ``text`` is the decoded file; offsets everywhere in the pipeline are code
    point offsets into it.  ``fallback`` lists the offsets of characters that
    were decoded with the fallback codec (an undecodable UTF-8 byte read as
    Windows-1252), so that ``text`` can be encoded back to ``data`` exactly.
    """

    name: str
    stem: str
    data: bytes
    text: str
    encoding: str
    sha256: str
    fallback: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """raw[start:end] is the line's content; raw[end:next] its line terminator."""

    index: int
    start: int
    end: int
    next: int


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the noise told us, harvested for the header.

    ``scope`` is ``file`` for facts about the archival unit as a whole (an
    archive identifier, a release stamp) and ``item`` for facts about the
    document they stand in (its classification banner, a receipt stamp).
    ``verbatim`` says the value is a stamp's whole text as OCR read it
    (which differs from page to page), not a value read out of it (a
    registry number, a date).  ``unit`` says the value names the archival
    unit it is printed on (a record or document number, not a case number
    shared by many): see ``fact_scope``.
    """

    name: str
    value: str
    start: int
    end: int
    rule: str
    scope: str = "item"
    attrs: tuple[tuple[str, str], ...] = ()
    verbatim: bool = False
    unit: bool = False

    def attr(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True)
class Anno:
    """Inline markup over raw[start:end] of the reading text (hi, del, persName ...)."""

    start: int
    end: int
    tag: str
    rule: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a stage did, for ``declassify clean --explain``."""

    stage: str
    rule: str
    start: int
    end: int
    note: str


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of reading text: raw[start:end], claims inside it included.

    A block spans forme work when a repair joined a paragraph across a page
    break; the encoder writes that forme work inline.
    """

    start: int
    end: int
    first_line: int
    last_line: int


@dataclass(slots=True)
class Layout:
    """The raw text, its lines, and everything the stages have decided about it."""

    source: Source
    lines: tuple[Line, ...]
    tiling: Tiling
    facts: list[Fact] = field(default_factory=list)
    annos: list[Anno] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    traits: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.source.text

    def evolve(self) -> "Layout":
        """A copy whose containers can be changed without touching this layout."""
        return replace(
            self,
            tiling=self.tiling.copy(),
            facts=list(self.facts),
            annos=list(self.annos),
            blocks=list(self.blocks),
            changes=list(self.changes),
            traits=dict(self.traits),
        )

    def line_text(self, line: Line) -> str:
        return self.source.text[line.start : line.end]

    def absorbable(self, start: int, end: int) -> list[Mark]:
        """Claims inside [start, end) that a wider claim may swallow, or None if any other is there.

        Line breaks already claimed by normalise (the CR of a CRLF, a
        vertical tab) and invisible characters belong to whatever claims the
        lines around them; any other claim blocks the wider one.
        """
        inside = [m for m in self.tiling.marks_in(start, end) if m.width]
        for mark in inside:
            if not (start <= mark.start and mark.end <= end and mark.rule in ABSORBABLE_RULES):
                return None
        return inside

    def can_claim(self, start: int, end: int) -> bool:
        return self.absorbable(start, end) is not None

    def claim(self, mark: Mark, stage: str, note: str = "") -> bool:
        """Claim ``mark`` if it is free, recording the change; False if it is taken."""
        if not self.tiling.add(mark):
            swallowed = self.absorbable(mark.start, mark.end) if mark.width else None
            if not swallowed:
                return False
            for inner in swallowed:
                self.tiling.remove(inner)
            if not self.tiling.add(mark):
                for inner in swallowed:
                    self.tiling.add(inner)
                return False
        if mark.width or mark.kind == "pb":
            self.changes.append(Change(stage, mark.rule, mark.start, mark.end, note or mark.kind))
        return True

    def free_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The unclaimed non-blank runs of raw[start:end], each trimmed of white space.

        What is left of a line once claims cut things out of it: line rules,
        banners and the garbage test read these pieces joined, as a reader
        (and a second cleaning) reads them.
        """
        text = self.source.text
        pieces = []
        for lo, hi in self.tiling.free_ranges(start, end):
            content = text[lo:hi]
            stripped = content.strip()
            if stripped:
                lo += len(content) - len(content.lstrip())
                pieces.append((lo, lo + len(stripped)))
        return pieces

    def has_free_text(self, start: int, end: int) -> bool:
        """True if raw[start:end] still holds unclaimed text that is not white space."""
        return self.tiling.has_free_text(self.source.text, start, end)

    def free_text(self, start: int, end: int) -> str:
        """The unclaimed characters of raw[start:end], concatenated."""
        text = self.source.text
        return "".join(text[a:b] for a, b in self.tiling.free_ranges(start, end))

    def line_starts(self) -> list[int]:
        """The raw start of every line, in order, for bisecting an offset to its line.

        Made once per tuple of lines (lines never change once read): the analysis
        asks it for every document of a file."""
        global _LINE_STARTS
        if _LINE_STARTS[0] is not self.lines:
            _LINE_STARTS = (self.lines, [line.start for line in self.lines])
        return _LINE_STARTS[1]


# The lines last asked for their starts, and those starts: one file is analysed at a time.
_LINE_STARTS: tuple[tuple | None, list[int]] = (None, [])


@dataclass(slots=True)
class ItemDraft:
    """One document of a file, as segmentation found it: a contiguous raw range."""

    ordinal: int
    start: int
    end: int
    blocks: list[Block]
    evidence: list[str] = field(default_factory=list)

    @property
    def item_id_suffix(self) -> str:
        return f"{self.ordinal:02d}"


@dataclass(slots=True)
class Segmented:
    layout: Layout
    items: list[ItemDraft]
