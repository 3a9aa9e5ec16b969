"""Cover sheets: pages that describe a record rather than being part of it.

NARA's JFK identification form is the model: a page of catalogue fields
(AGENCY, RECORD NUMBER, TITLE, DATE ...) that precedes every record of the
collection.  A page is a cover sheet when it carries the form's title or
enough of its field labels (vocabulary in ``data/forms.json``).  Its free
text is claimed as header material, and fields OCR kept on one line
('TITLE : NSA MONITORING') are harvested.
"""

from __future__ import annotations

import json
from functools import cache

import regex

from ..model import Layout
from ..resources import data_path
from ..tiling import Disposition, Mark
from .pages import page_lines, pages
from .records import field_fact

STAGE = "strip"
RULE = "cover.identification-form"
VALUE_SLACK = 8


@cache
def _form() -> dict:
    return json.loads(data_path("forms.json").read_text(encoding="utf-8"))["identification_form"]


_DECORATION = regex.compile(r"[#*•.:;|_]+")


def _fold(text: str) -> str:
    return " ".join(_DECORATION.sub(" ", text).lower().split())


@cache
def _titles() -> frozenset[str]:
    return frozenset(_fold(t) for t in _form()["titles"])


@cache
def _labels() -> frozenset[str]:
    return frozenset(_form()["labels"])


_FIELD = regex.compile(r"[\s#*•.]*(?P<label>[A-Za-z][A-Za-z ]{1,30}?)\s*[:;]\s*(?P<value>.*?)\s*$")


def _label_of(line: str) -> str | None:
    # A field needs its colon (or the semicolon OCR makes of it): most lines have none.
    match = _FIELD.match(line) if (":" in line or ";" in line) else None
    candidate = match.group("label") if match else line
    folded = _fold(candidate)
    return folded if folded in _labels() else None


MIN_TITLED_LABELS = 3


def is_cover_page(lines: list[str]) -> bool:
    """A title of the form and three of its labels, or ``min_labels`` labels without one."""
    labels = {label for line in lines if (label := _label_of(line))}
    if len(labels) >= _form()["min_labels"]:
        return True
    return len(labels) >= MIN_TITLED_LABELS and any(_fold(line) in _titles() for line in lines)


def _is_prose(line: str) -> bool:
    """Running text, which a cover sheet never holds (a field's long value starts with its label)."""
    letters = [c for c in line if c.isalpha()]
    if len(line) < 50 or len(line.split()) < 8 or not letters:
        return False
    if _label_of(line):
        return False
    return sum(c.islower() for c in letters) >= 0.5 * len(letters)


def _form_region(text: str, lines: list) -> list:
    """The lines of the form, from its first label or title.

    A label without its value on the same line owes one value line, which
    OCR of the two-column form may put after all the labels; the form ends
    when more lines have passed since its last label than it owes values
    (with a little slack), or at the first line of running prose.
    """
    region = []
    owed = 0
    since_label = 0
    for line in lines:
        content = text[line.start : line.end]
        if _is_prose(content):
            break  # the record itself starts on the same page
        label = _label_of(content)
        if label or _fold(content) in _titles():
            match = _FIELD.match(content)
            if label and not (match and match.group("value")):
                owed += 1
            since_label = 0
        else:
            since_label += 1
            if since_label > owed + VALUE_SLACK:
                break
        region.append(line)
    return region


def claim_cover_sheets(layout: Layout) -> None:
    text = layout.text
    for page in pages(layout):
        lines = [ln for ln in page_lines(layout, page) if layout.has_free_text(ln.start, ln.end)]
        if not lines or not is_cover_page([text[ln.start : ln.end] for ln in lines]):
            continue
        first = next(i for i, ln in enumerate(lines) if _label_of(text[ln.start : ln.end]) or _fold(text[ln.start : ln.end]) in _titles())
        region = _form_region(text, lines[first:])
        start = lines[first].start
        end = region[-1].end
        for lo, hi in list(layout.tiling.free_ranges(start, end)):
            if text[lo:hi].strip():
                a, b = lo, hi
                while text[a].isspace():
                    a += 1
                while text[b - 1].isspace():
                    b -= 1
                layout.claim(Mark(a, b, Disposition.HEADER, RULE, "header"), STAGE, "cover sheet")
        for line in region:
            match = _FIELD.match(text, line.start, line.end)
            if not match or not match.group("value"):
                continue
            fact = field_fact(match.group("label"), match.group("value"), *match.span("value"), RULE)
            if fact is not None:
                layout.facts.append(fact)
