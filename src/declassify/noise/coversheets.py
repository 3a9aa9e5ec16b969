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
from .forms import covered_heading
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


MAX_BARE_LABEL_CHARS = 48  # a label without its colon, with its decoration: a longer line is none


def _label_of(line: str) -> str | None:
    # A field needs its colon (or the semicolon OCR makes of it): most lines have none.
    match = _FIELD.match(line) if (":" in line or ";" in line) else None
    if match is None and len(line) > MAX_BARE_LABEL_CHARS:
        return None  # most lines of a page: prose, never a bare label
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
    (with a little slack), at the first line of running prose, or at the
    heading of the record it covers (where no page break tells).
    """
    region = []
    owed = 0
    labels = valued = 0  # labels seen, and those with their value on their own line
    since_label = 0
    for line in lines:
        content = text[line.start : line.end]
        if _is_prose(content):
            break  # the record itself starts on the same page
        label = _label_of(content)
        if label or _fold(content) in _titles():
            match = _FIELD.match(content)
            if label:
                labels += 1
                if match and match.group("value"):
                    valued += 1
                else:
                    owed += 1
            since_label = 0
        else:
            # A form OCR read row by row ('FROM: Bissell') holds its values beside their labels,
            # so a heading under it is the covered record's ('MEMORANDUM FOR: ...'); read in two
            # columns, the values follow the labels, and a title value may read like a heading.
            row_by_row = 2 * valued >= labels
            if covered_heading(content) and (row_by_row or since_label >= owed):
                break
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
        layout.facts.extend(form_facts(text, region))


# Labels whose value is typed in the form's second column and that
# alignment may assign: the record's originator, sender, recipient, title.
_PARTY_LABELS = ("originator", "from", "to", "title")
_LEVEL_WORDS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "RESTRICTED")


def _value_date(value: str) -> bool:
    """A form's DATE value: mm/dd/yy(yy), with 00 for what is unknown."""
    return bool(regex.fullmatch(r"[0-3]?\d/[0-3]?\d/(?:19|20)?\d\d", value.strip(" .,")))


def form_facts(text: str, region: list) -> list:
    """The facts of an identification form's fields, as far as they are certain.

    OCR of the two-column form gives either 'LABEL : value' lines, which are
    read as they stand, or a run of labels and then a run of values.  Values
    of a separated run are assigned only where the form's shape makes it
    certain, as NARA's own catalogue parser does: the record's DATE is the
    first date value after the DATE label that follows the document labels
    (the printout's 'Date:' heads the form, the review date follows the
    classification); the CLASSIFICATION is a level word among the values;
    originator, sender, recipient and title only when exactly as many
    values stand between the labels and the date as there are labels.
    """
    entries = []  # (kind, label, value, start, end): kind is 'field', 'label', 'title' or 'value'
    for line in region:
        content = text[line.start : line.end]
        label = _label_of(content)
        match = _FIELD.match(text, line.start, line.end)
        if label and match and match.group("value"):
            entries.append(("field", label, match.group("value"), *match.span("value")))
        elif label:
            entries.append(("label", label, "", line.start, line.end))
        elif _fold(content) in _titles():
            entries.append(("title", None, "", line.start, line.end))
        elif sum(c.isalnum() for c in content) >= 2:
            stripped = content.strip()
            lead = content.find(stripped)
            entries.append(("value", None, stripped, line.start + lead, line.start + lead + len(stripped)))
    facts = []
    document_at = next((k for k, e in enumerate(entries) if e[0] != "value" and e[1] in _PARTY_LABELS), None)
    for k, (kind, label, value, start, end) in enumerate(entries):
        if kind != "field":
            continue
        if label == "date" and (document_at is None or k < document_at or _printout(entries, k)):
            continue  # the printout's 'Date: 10/06/93 Page: 1', not the record's
        fact = field_fact(label, value, start, end, RULE) if _plausible(label, value) else None
        if fact is not None:
            facts.append(fact)
    if document_at is None:
        return facts
    have = {f.attr("field") or f.name for f in facts}
    # A label with its value on the next line ('FROM:' / 'DIRECTOR' / 'TO : JMWAVE'):
    # the value stands alone between that label and the next one.
    for k, (kind, label, _, _, _) in enumerate(entries):
        if kind != "label" or k + 1 >= len(entries) or entries[k + 1][0] != "value" or label in have:
            continue
        if k + 2 < len(entries) and entries[k + 2][0] == "value":
            continue
        if k > 0 and entries[k - 1][0] == "label":
            continue  # a run of bare labels: their values stand somewhere after them all
        if label == "date" and (k < document_at or not _value_date(entries[k + 1][2]) or _printout(entries, k + 1)):
            continue
        entry = entries[k + 1]
        fact = field_fact(label, entry[2], entry[3], entry[4], RULE) if _plausible(label, entry[2]) else None
        if fact is not None:
            facts.append(fact)
            have.add(fact.attr("field") or fact.name)
    labels = [(k, e) for k, e in enumerate(entries) if e[0] == "label"]
    date_label = next((k for k, e in labels if e[1] == "date" and k > document_at), None)
    values = [(k, e) for k, e in enumerate(entries) if e[0] == "value" and k > document_at]
    level_at = next((k for k, e in values if e[2].upper().strip(" .") in _LEVEL_WORDS), None)
    date_at = None
    if date_label is not None and "date" not in have:
        for k, entry in values:
            if k > date_label and (level_at is None or k < level_at) and _value_date(entry[2]) and not _printout(entries, k):
                date_at = k
                fact = field_fact("date", entry[2], entry[3], entry[4], RULE)
                if fact is not None:
                    facts.append(fact)
                break
    if level_at is not None and "original-classification" not in have:
        entry = entries[level_at]
        fact = field_fact("classification", entry[2], entry[3], entry[4], RULE)
        if fact is not None:
            facts.append(fact)
    if date_at is not None:
        party = [(k, e[1]) for k, e in labels if k >= document_at and e[1] in _PARTY_LABELS and k < date_at]
        # A separated run: every value after every label (and after the form's
        # 'Document Information' title, which OCR may put between the runs).
        last_label = max([k for k, _ in party] + [date_label or 0])
        last_title = max([k for k, e in enumerate(entries[:date_at]) if e[0] == "title"], default=-1)
        party_labels = [label for _, label in party]
        party_values = [e for k, e in values if max(last_label, last_title) < k < date_at]
        if party_labels and len(party_values) == len(party_labels):
            for label, entry in zip(party_labels, party_values):
                if label in have or not _plausible(label, entry[2]):
                    continue
                fact = field_fact(label, entry[2], entry[3], entry[4], RULE)
                if fact is not None:
                    facts.append(fact)
    return facts


def _plausible(label: str, value: str) -> bool:
    """A value OCR read for ``label`` that can be its value: a date for DATE, words for a party.

    A value holding another field's label ('66000 Date: 11-04-2021') is two
    fields run together, and a value of fewer than four letters for a
    title or party is debris of the form ('www', '10 :').
    """
    if label == "date":
        return _value_date(value)
    if label in _PARTY_LABELS:
        if _FIELD.match(value) and _label_of(value):
            return False
        return sum(c.isalpha() for c in value) >= (4 if label == "title" else 2) and not regex.search(r"(?i)\bdate\s*:", value)
    return True


def _printout(entries: list, k: int) -> bool:
    """The entry is followed by the printout's 'Page:' label (the form's own print date)."""
    return any(e[1] == "page" for e in entries[k + 1 : k + 3] if e[0] != "value")
