"""A document's type, weighed from cues (``data/doctype_cues.json``).

No single signal types an archive's documents: a CIA cable carries a
'MEMORANDUM FOR' heading when it relays a memorandum, an FBI airtel has
TO/FROM lines like a telegram, a routing slip heads the memorandum it
covers.  So every cue that fires adds its weight to its type, and the
heaviest type wins once it reaches the threshold; the cues that made it
are the evidence.  Cues are patterns over a scope of the document (its
heading lines, its first reading text, its raw head with the form's
printed matter, its catalogue entry) or named structural signals that the
analysis computes.  The vocabulary is data, validated by
``schemas/doctype_cues.schema.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import jsonschema
import regex

from ..resources import data_path, schema_path

SCOPES = ("heading", "head", "raw_head", "body", "catalogue_type", "catalogue_title")
SIGNALS = ("routing-form", "salutation", "valediction", "state-addressing", "acp-addressing", "line-numbers")
HEAD_CHARS = 2000
RAW_HEAD_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    type: str
    weight: float
    scope: str | None
    signal: str | None
    pattern: regex.Pattern | None
    min_count: int
    # A heading cue is tried on every heading line at once: the lines joined, '^' and '$' at each.
    line_pattern: regex.Pattern | None
    # A heading cue in the standard library's engine, where it compiles there: its patterns are
    # anchored at line starts, which that engine skips between twice as fast over the joined
    # heading lines (measured; over the head and raw head, unanchored patterns gain nothing or
    # lose).  None for other cues and where a pattern needs the regex module (\p{..}, fuzzy).
    fast: "re.Pattern | None"
    justification: str

    def describe(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class CueTable:
    threshold: float
    priority: tuple[str, ...]
    cues: tuple[Cue, ...]


def _standard(pattern: str, flags: int) -> "re.Pattern | None":
    """``pattern`` compiled by the standard library, or None where its syntax is the regex module's own."""
    try:
        return re.compile(pattern, flags)
    except re.error:
        return None


@cache
def cue_table() -> CueTable:
    data = json.loads(data_path("doctype_cues.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path("doctype_cues.schema.json").read_text(encoding="utf-8")))
    cues = tuple(
        Cue(
            id=c["id"],
            type=c["type"],
            weight=float(c["weight"]),
            scope=c.get("scope"),
            signal=c.get("signal"),
            pattern=regex.compile(c["pattern"]) if "pattern" in c else None,
            min_count=c.get("min_count", 1),
            line_pattern=regex.compile(c["pattern"], regex.MULTILINE) if c.get("scope") == "heading" else None,
            justification=c["justification"],
            fast=_standard(c["pattern"], re.MULTILINE) if c.get("scope") == "heading" else None,
        )
        for c in data["cues"]
    )
    return CueTable(float(data["threshold"]), tuple(data["priority"]), cues)


@dataclass(slots=True)
class Evidence:
    """What the analysis can show the cues: texts by scope and the structural signals present."""

    heading_lines: list[str]
    head: str
    raw_head: str
    body: str
    catalogue_type: str | None = None
    catalogue_title: str | None = None
    signals: frozenset[str] = frozenset()

    def texts(self, scope: str) -> list[str]:
        if scope == "heading":
            return ["\n".join(self.heading_lines)] if self.heading_lines else []
        value = getattr(self, scope)
        return [value] if value else []


@dataclass(frozen=True, slots=True)
class Verdict:
    type: str | None  # None: no type reached the threshold
    score: float
    fired: tuple[tuple[Cue, str], ...]  # each cue that fired, with what it matched

    def evidence(self) -> str:
        parts = [f"{cue.describe()} {matched!r}" if matched else cue.describe() for cue, matched in self.fired if cue.type == self.type]
        return "; ".join(parts[:4])


MATCH_TIMEOUT = 1.0


def _fires(cue: Cue, evidence: Evidence) -> str | None:
    """What the cue matched ('' for a signal), or None if it does not fire."""
    if cue.signal is not None:
        return "" if cue.signal in evidence.signals else None
    count = 0
    pattern = cue.line_pattern or cue.pattern
    for text in evidence.texts(cue.scope):
        try:
            matches = cue.fast.finditer(text) if cue.fast is not None else pattern.finditer(text, timeout=MATCH_TIMEOUT)
            for match in matches:
                count += 1
                if count >= cue.min_count:
                    return " ".join(match.group().split())[:60]
                if cue.min_count == 1:
                    break
        except TimeoutError:
            return None
    return None


def weigh(evidence: Evidence, table: CueTable | None = None) -> Verdict:
    """The type the cues give the evidence, with the cues that fired."""
    table = table or cue_table()
    scores: dict[str, float] = {}
    fired: list[tuple[Cue, str]] = []
    for cue in table.cues:
        matched = _fires(cue, evidence)
        if matched is None:
            continue
        fired.append((cue, matched))
        scores[cue.type] = scores.get(cue.type, 0.0) + cue.weight
    if not scores:
        return Verdict(None, 0.0, ())
    rank: Callable[[str], tuple] = lambda t: (-scores[t], table.priority.index(t) if t in table.priority else len(table.priority))  # noqa: E731
    best = min(scores, key=rank)
    if scores[best] < table.threshold:
        return Verdict(None, scores[best], tuple(fired))
    return Verdict(best, scores[best], tuple(fired))
