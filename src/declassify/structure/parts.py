"""What the anatomy readers produce: the parts of a document and the small helpers they share."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

import regex

from ..dates import DateValue
from ..document import Node
from ..model import Anno, Layout
from ..resources import data_path
from .freetext import FreeText

RULE = "structure.anatomy"
# A block with this many words of prose ends the head of a document.
PROSE_WORDS = 12
TIME = regex.compile(r"(?i)\b(?P<h>[01]?\d)[:.](?P<m>[0-5]\d)\s*(?P<ap>[ap])\.?\s*m\b\.?")
# A sentence ends at . ! ? (an initial's full stop, 'F. Kennedy', ends none).
SENTENCE_END = regex.compile(r"(?<!\b\p{Lu})[.!?][\"'\u201d\u2019)]?\s+")
# A telegram is signed with the surname of the official who sent it, in capitals ('RUSK').
SURNAME_SIGNATURE = regex.compile(r"^\p{Lu}{3,20}\.?$")
SALUTE_NAME = regex.compile(r"(?i)(?:my\s+)?dear\s+(?P<name>[^:;,\n]+?)\s*[:;,]")
INSIDE_ADDRESS = regex.compile(
    r"(?i)^(?:the\s+honou?rable|his\s+excellency|mr\.|mrs\.|dr\.|general|admiral|ambassador)\s"
)


@dataclass(slots=True)
class Field:
    kind: str  # to | from | subject | reference | date | time | place | distribution | participants
    label: tuple[int, int]
    value: tuple[int, int]
    text: str


@dataclass(slots=True)
class Anatomy:
    nodes: list[Node] = field(default_factory=list)
    annos: list[Anno] = field(default_factory=list)
    number: str | None = None
    heading_kind: str | None = None  # the edition's word for the document ('Letter')
    heading_text: str | None = None
    heading_from: str | None = None
    heading_to: str | None = None
    title: str | None = None
    date: DateValue | None = None
    place: str | None = None
    salute: str | None = None
    signer: str | None = None
    signer_span: tuple[int, int] | None = None
    addressee_lines: list[str] = field(default_factory=list)
    letterhead: str | None = None
    fields: list[Field] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    inner: "Anatomy | None" = None  # a document quoted whole inside this one


@cache
def group_labels() -> frozenset[str]:
    data = json.loads(data_path("memo.json").read_text(encoding="utf-8"))
    return frozenset(label.upper() for label in data["group_labels"])


def lines_of(layout: Layout, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Raw ranges of the non-blank lines in span, split at run-together-field breaks too."""
    ft = FreeText(layout, span[0], span[1])
    return [ft.raw_span(lo, hi) for lo, hi in ft.lines()]


def leaf(tag: str, span: tuple[int, int], **attrs: str) -> Node:
    return Node(tag, span[0], span[1], attrs=dict(attrs))


def date_with_time(date: DateValue, rest: str) -> DateValue:
    """A heading's date with the time typed beside it ('12:45 P.M.')."""
    match = TIME.search(rest)
    if not match or date.precision != "day":
        return date
    hour = int(match.group("h")) % 12 + (12 if match.group("ap").lower() == "p" else 0)
    return DateValue(f"{date.when}T{hour:02d}:{match.group('m')}:00", "time", date.start, date.end, date.text)
