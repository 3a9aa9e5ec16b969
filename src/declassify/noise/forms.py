"""Printed forms with typed or handwritten entries: routing slips, record sheets.

On a CIA routing slip the grid (ACTION, DIRECT REPLY ... FOLD HERE TO RETURN
TO SENDER), the column heads and the row numbers are printed matter; the
addressees, remarks, dates and initials are the document.  A form region
starts a few lines above the form's title (never across a stamp or page
break) and runs to the end of its page.  In it, every line or tab-separated
cell that is printed vocabulary (``data/forms.json``) becomes
``fw type="form"``; everything else stays text.  The classification boxes
of such forms ('UNCLASSIFIED CONFIDENTIAL SECRET') are options, not the
document's marking, so forms run before banners.
"""

from __future__ import annotations

import json
from functools import cache

import regex

from ..classification import read_marking
from ..model import Layout, Line
from ..resources import data_path
from ..tiling import Disposition, Mark, make_attrs

STAGE = "strip"
RULE = "form.routing-slip"
LOOKBACK_LINES = 8
MIN_PREFIX = 6


@cache
def _vocabulary() -> dict:
    return json.loads(data_path("forms.json").read_text(encoding="utf-8"))["routing_slip"]


_NOT_FORM_TEXT = regex.compile(r"[^\w/,'.()&]+")


def _fold(text: str) -> str:
    return " ".join(_NOT_FORM_TEXT.sub(" ", text).replace(" .", ".").strip(" .:;,").upper().split())


@cache
def _titles() -> tuple[str, ...]:
    return tuple(_fold(t) for t in _vocabulary()["titles"])


@cache
def _cells() -> frozenset[str]:
    return frozenset(_fold(c) for c in _vocabulary()["cells"])


_ROW_NUMBER = regex.compile(r"\d{1,2}\.?")
_CHECKBOX = regex.compile(r"[\u2610\u2611\u2612\u25a1\u25a0\[\]()_|~-]*")


def is_printed(cell: str) -> bool:
    """Is this cell (or line) printed matter of the form: a label, a row number, a box option?"""
    folded = _fold(cell)
    if not folded or _CHECKBOX.fullmatch(cell.strip()):
        return bool(cell.strip())
    if folded in _cells() or _ROW_NUMBER.fullmatch(folded):
        return True
    if len(folded) >= MIN_PREFIX and any(c.startswith(folded) for c in _cells()):
        return True  # the head of a long printed instruction that OCR cut off ('FOLD HE')
    marking = read_marking(cell)
    return marking is not None and marking.caveat is None


@cache
def _title_words() -> frozenset[str]:
    """The longest word of each title: a line holding a title holds it, as typed."""
    return frozenset(max(title.split(), key=len) for title in _titles())


def _title_line(layout: Layout, line: Line) -> bool:
    content = layout.text[line.start : line.end]
    # Folding keeps a title's letters as they stand: a line without one of
    # these words cannot hold a title, and most lines are spared the fold.
    upper = content.upper()
    if not any(word in upper for word in _title_words()):
        return False
    folded = _fold(content)
    return any(title in folded for title in _titles())


def _region(layout: Layout, title: Line) -> tuple[int, int]:
    """Line indices of the form: from a few non-blank lines above its title to its page's end."""
    lines = layout.lines
    first = title.index
    seen = 0
    for i in range(title.index - 1, -1, -1):
        line = lines[i]
        if not layout.text[line.start : line.end].strip():
            continue
        if not layout.has_free_text(line.start, line.end) or seen == LOOKBACK_LINES:
            break  # a stamp or banner closes the previous document's page
        seen += 1
        first = i
    last = len(lines) - 1
    for i in range(title.index + 1, len(lines)):
        marks = layout.tiling.marks_in(lines[i].start, lines[i].next)
        if any(m.kind == "pb" or m.attr("page") == "end" for m in marks):
            last = i
            break
    return first, last


def _cells_of(text: str, line: Line) -> list[tuple[int, int]]:
    """Tab-separated cells of a line as raw ranges (the whole line when it has no tabs)."""
    cells = []
    cursor = line.start
    for part in text[line.start : line.end].split("\t"):
        start, end = cursor, cursor + len(part)
        cursor = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            cells.append((start, end))
    return cells


def claim_forms(layout: Layout) -> None:
    text = layout.text
    done = -1
    for line in layout.lines:
        if line.index <= done or not layout.has_free_text(line.start, line.end) or not _title_line(layout, line):
            continue
        first, last = _region(layout, line)
        done = last
        for inner in layout.lines[first : last + 1]:
            if inner.index == line.index:
                continue  # the form's title names the document: it stays text
            for start, end in _cells_of(text, inner):
                if layout.tiling.is_free(start, end) and is_printed(text[start:end]):
                    mark = Mark(start, end, Disposition.FORME, RULE, "fw", make_attrs(type="form"))
                    layout.claim(mark, STAGE, "form")
