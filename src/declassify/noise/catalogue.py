"""Catalogue panels: the 'Label: value' fields a repository prints at the head of a record's page.

The CIA reading room is the model: a title, then 'Document Type:',
'Document Number (FOIA) /ESDN (CREST):', 'Original Classification:',
'Publication Date:' ... and 'Body:', after which the OCR text begins.  The
panel describes the record; it is not part of it.  It is claimed as header
material and each field with a value becomes a fact (``records.field_fact``),
which analysis weighs beside what the document itself says.

The panels are data (``data/catalogue.json``).  The reader is deliberately
shape-tolerant, because the same panel reaches us in several renderings: a
value on the label's line or the next one, labels ended by a no-break space,
the whole panel run into one line of a flattened page, an excerpt cut before
its last fields.  It is also bounded: the panel must open near the top of the
file, its labels come in the panel's order, and no value is longer than
``max_value_chars``; a run of fewer than ``min_labels`` labels is not a panel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import jsonschema
import regex

from ..dates import parse_date
from ..model import Fact, Layout
from ..resources import data_path, schema_path
from ..tiling import Disposition, Mark
from .records import field_fact

STAGE = "strip"
RULE_PREFIX = "catalogue."


@dataclass(frozen=True, slots=True)
class Panel:
    id: str
    repository: str | None
    labels: tuple[str, ...]
    body_label: str | None
    title_before: bool
    min_labels: int
    max_value_chars: int
    max_first_label_offset: int
    label_pattern: regex.Pattern

    @property
    def rule(self) -> str:
        return RULE_PREFIX + self.id


def _label_regex(labels: tuple[str, ...]) -> regex.Pattern:
    # Longest first, so 'Document Release Date' is not read as 'Document ...' of another.
    alternatives = []
    for label in sorted(labels, key=len, reverse=True):
        words = [regex.escape(w) for w in label.split()]
        alternatives.append(r"[^\S\n]*".join(words) if "/" in label else r"[^\S\n]+".join(words))
    # A label stands at a line start or after white space, and ends with its colon.
    return regex.compile(rf"(?i)(?<![^\s])(?P<label>{'|'.join(alternatives)})[^\S\n]*:")


@cache
def panels() -> tuple[Panel, ...]:
    data = json.loads(data_path("catalogue.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path("catalogue.schema.json").read_text(encoding="utf-8")))
    result = []
    for spec in data["panels"]:
        labels = tuple(spec["labels"])
        result.append(
            Panel(
                id=spec["id"],
                repository=spec.get("repository"),
                labels=labels,
                body_label=spec.get("body_label"),
                title_before=spec.get("title_before", False),
                min_labels=spec["min_labels"],
                max_value_chars=spec["max_value_chars"],
                max_first_label_offset=spec["max_first_label_offset"],
                label_pattern=_label_regex(labels),
            )
        )
    return tuple(result)


def _canonical(panel: Panel, found: str) -> str:
    folded = " ".join(found.split()).lower().replace(" /", "/").replace("/ ", "/")
    for label in panel.labels:
        if " ".join(label.split()).lower().replace(" /", "/").replace("/ ", "/") == folded:
            return label
    return found


@dataclass(frozen=True, slots=True)
class FieldAt:
    label: str
    label_start: int
    value_start: int
    value_end: int  # the value is text[value_start:value_end], trimmed by the reader


def read_panel(text: str, panel: Panel) -> tuple[int, int, list[FieldAt], tuple[int, int] | None] | None:
    """(start, end, fields, title span) of the panel at the head of ``text``, or None.

    ``start`` is where the claim begins (the title's line, when the panel
    has one), ``end`` where the body begins.
    """
    limit = panel.max_first_label_offset + panel.max_value_chars * (len(panel.labels) + 1)
    found = list(panel.label_pattern.finditer(text, 0, min(len(text), limit), timeout=1.0))
    if not found or found[0].start() > panel.max_first_label_offset:
        return None
    run: list[tuple[str, regex.Match]] = []
    order = -1
    for match in found:
        label = _canonical(panel, match.group("label"))
        index = panel.labels.index(label) if label in panel.labels else -1
        if index <= order:
            break  # labels come in the panel's order; a repeat is the body quoting one
        if run and match.start() - run[-1][1].end() > panel.max_value_chars:
            break
        run.append((label, match))
        order = index
        if label == panel.body_label:
            break
    if len({label for label, _ in run}) < panel.min_labels:
        return None
    fields = []
    for k, (label, match) in enumerate(run):
        value_end = run[k + 1][1].start() if k + 1 < len(run) else match.end()
        fields.append(FieldAt(label, match.start(), match.end(), value_end))
    last_label, last = run[-1]
    end = last.end()
    if last_label != panel.body_label:
        # No 'Body:' (an excerpt, a rendering without it): the last field's value is
        # the rest of its line, or the next line when the label ends its line.
        value_start, value_end = _last_value(text, end, last_label)
        fields[-1] = FieldAt(last_label, last.start(), value_start, value_end)
        end = value_end
    while end < len(text) and text[end] in " \t\u00a0":
        end += 1
    start = run[0][1].start()
    title = None
    if panel.title_before:
        # The record's title stands on the one line before the panel (or opens its line).
        lines = [ln for ln in text[:start].split("\n") if ln.strip()]
        if len(lines) == 1 and len(lines[0].strip()) <= panel.max_value_chars:
            lo = text.find(lines[0].strip(), 0, start)
            title = (lo, lo + len(lines[0].strip()))
            start = text.rfind("\n", 0, lo) + 1
    return start, end, fields, title


def _last_value(text: str, at: int, label: str) -> tuple[int, int]:
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    if text[at:line_end].strip():
        value = text[at:line_end]
        if "date" in label.lower():
            # A flattened page runs the body on after the date: keep only the date.
            date = _leading_date(value)
            if date is not None:
                return at, at + date
        return at, line_end if len(value) <= 80 else at
    next_end = text.find("\n", line_end + 1)
    next_end = len(text) if next_end < 0 else next_end
    candidate = text[line_end + 1 : next_end]
    if candidate.strip() and len(candidate.strip()) <= 80 and ("date" not in label.lower() or parse_date(candidate)):
        return line_end + 1, next_end
    return at, at


def _leading_date(value: str) -> int | None:
    """Length of the date that opens ``value`` ('September 19, 1958 Approved for ...'), if one does."""
    stripped = value.lstrip()
    lead = len(value) - len(stripped)
    words = stripped.split(" ")
    for n in (3, 2, 1):
        head = " ".join(words[:n])
        if parse_date(head) is not None:
            return lead + len(head)
    return None


def claim_catalogue_panels(layout: Layout) -> None:
    """Claim each catalogue panel at the head of the file as header material; harvest its fields."""
    text = layout.text
    for panel in panels():
        found = read_panel(text, panel)
        if found is None:
            continue
        start, end, fields, title = found
        pieces = [(lo, hi) for lo, hi in layout.tiling.free_ranges(start, end) if text[lo:hi].strip()]
        claimed = False
        for lo, hi in pieces:
            while text[lo].isspace():
                lo += 1
            while text[hi - 1].isspace():
                hi -= 1
            claimed |= layout.claim(Mark(lo, hi, Disposition.HEADER, panel.rule, "header"), STAGE, "catalogue panel")
        if not claimed:
            continue
        facts = []
        if title is not None:
            facts.append(Fact("record-field", " ".join(text[title[0] : title[1]].split()), title[0], title[1], panel.rule, "file", (("field", "title"),)))
        for field in fields:
            raw = text[field.value_start : field.value_end]
            stripped = raw.strip(" \t\n\u00a0")
            if not stripped:
                continue
            lo = field.value_start + raw.find(stripped)
            fact = field_fact(field.label, stripped, lo, lo + len(stripped), panel.rule)
            if fact is not None:
                facts.append(fact)
        if panel.repository:
            facts.append(Fact("repository", panel.repository, start, end, panel.rule, "file"))
        layout.facts.extend(facts)
