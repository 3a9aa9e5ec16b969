"""Printed forms with typed or handwritten entries: routing slips, record sheets.

On a CIA routing slip the grid (ACTION, DIRECT REPLY ... FOLD HERE TO RETURN
TO SENDER), the column heads and the row numbers are printed matter; the
addressees, remarks, dates and initials are the document.  A form region
starts a few lines above the form's title (never across a stamp or page
break) and runs to the end of its page.  In it, the title and every line or
tab-separated cell that is printed vocabulary (``data/forms.json``), as
printed or as OCR garbled it, becomes ``fw type="form"``; everything else
stays text.  The title is printed matter too: the document is typed by the
claim (the ``routing-form`` signal), and an editor prints what was written
on the slip, never its form's name.  The classification boxes
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


FUZZY_MIN_CHARS = 16  # a shorter cell ('TO', 'DATE', 'FILE') is printed only as spelled: one error makes another word
FUZZY_CHARS_PER_ERROR = 5


@cache
def _fuzzy_cells() -> tuple[tuple[int, regex.Pattern], ...]:
    """The long printed cells (column heads, instructions), each with its length, as patterns
    that forgive OCR's errors, one per five characters."""
    patterns = []
    for cell in sorted(_cells()):
        if len(cell) >= FUZZY_MIN_CHARS:
            errors = len(cell) // FUZZY_CHARS_PER_ERROR
            patterns.append((len(cell), regex.compile(f"(?:{regex.escape(cell)}){{e<={errors}}}", regex.BESTMATCH)))
    return tuple(patterns)


@cache
def _long_cell_words() -> frozenset[str]:
    """The words of the long printed cells: the words a piece of a printed instruction is made of."""
    return frozenset(w for cell in _cells() if len(cell) >= FUZZY_MIN_CHARS for w in _WORD.findall(cell))


_WORD = regex.compile(r"[A-Z]{3,}")
MATCH_TIMEOUT = 0.05
GARBLE_REACH_CHARS = 2000  # characters from the title in which the printed grid may stand garbled
MAX_GARBLED_CHARS = 160
MIN_PIECE_WORDS = 3
PIECE_SHARE = 0.6  # of a piece's words that are the instructions' own
MIN_SHARED_WORD = 5


def _garbled_cell(folded: str) -> bool:
    """A long printed cell as OCR read it ('TO: (Officer desigation, rocm nunber, and bulding)'),
    or a piece of one that OCR put on a line of its own ('to whom. Draw a lime across colunm after')."""
    if not FUZZY_MIN_CHARS <= len(folded) <= MAX_GARBLED_CHARS:
        return False
    words = _WORD.findall(folded)
    if len(words) >= MIN_PIECE_WORDS and sum(w in _long_cell_words() for w in words) >= PIECE_SHARE * len(words):
        return True
    if not any(len(w) >= MIN_SHARED_WORD and w in _long_cell_words() for w in words):
        return False  # not one long word of the printed instructions survived: not a garbled cell
    for length, pattern in _fuzzy_cells():
        if abs(len(folded) - length) > length // FUZZY_CHARS_PER_ERROR:
            continue  # more characters apart than the errors allowed: cannot match
        try:
            if pattern.fullmatch(folded, timeout=MATCH_TIMEOUT):
                return True
        except TimeoutError:
            continue
    return False


_ROW_NUMBER = regex.compile(r"\d{1,2}\.?")
_CHECKBOX = regex.compile(r"[\u2610\u2611\u2612\u25a1\u25a0\[\]()_|~-]*")


def is_printed(cell: str, garbled: bool = False) -> bool:
    """Is this cell (or line) printed matter of the form: a label, a row number, a box option?

    With ``garbled``, a long label or instruction as OCR garbled it counts too."""
    folded = _fold(cell)
    if not folded or _CHECKBOX.fullmatch(cell.strip()):
        return bool(cell.strip())
    if folded in _cells() or _ROW_NUMBER.fullmatch(folded):
        return True
    if len(folded) >= MIN_PREFIX and any(c.startswith(folded) for c in _cells()):
        return True  # the head of a long printed instruction that OCR cut off ('FOLD HE')
    if garbled and _garbled_cell(folded):
        return True
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


@cache
def _region_ends() -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in _vocabulary()["region_ends"]), regex.MULTILINE)


def covered_heading(line: str) -> bool:
    """A line that heads the document a form covers ('MEMORANDUM FOR: ...', 'MINUTES OF ...')."""
    return bool(_region_ends().match(line))


def _region(layout: Layout, title: Line) -> tuple[int, int]:
    """Line indices of the form: from a few non-blank lines above its title to its page's end,
    or to the line before a covered document's heading."""
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
    ends = _region_ends()
    for i in range(title.index + 1, len(lines)):
        marks = layout.tiling.marks_in(lines[i].start, lines[i].next)
        if any(m.kind == "pb" or m.attr("page") == "end" for m in marks):
            last = i
            break
        if ends.match(layout.text, lines[i].start, lines[i].end):
            last = i - 1
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
                _claim_title(layout, line)
                continue
            near = abs(inner.start - line.start) <= GARBLE_REACH_CHARS
            for start, end in _cells_of(text, inner):
                if layout.tiling.is_free(start, end) and is_printed(text[start:end], garbled=near):
                    mark = Mark(start, end, Disposition.FORME, RULE, "fw", make_attrs(type="form"))
                    layout.claim(mark, STAGE, "form")


def _claim_title(layout: Layout, line: Line) -> None:
    """The form's printed title, with what the same line prints beside it ('ROUTING AND RECORD SHEET')."""
    text = layout.text
    for start, end in _cells_of(text, line):
        folded = _fold(text[start:end])
        if any(title in folded for title in _titles()) and len(folded) <= 2 * max(len(t) for t in _titles() if t in folded):
            if layout.tiling.is_free(start, end):
                layout.claim(Mark(start, end, Disposition.FORME, RULE, "fw", make_attrs(type="form")), STAGE, "form title")
