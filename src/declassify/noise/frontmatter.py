"""YAML front matter that repositories of JFK-release OCR put at the head of each file.

The block (``---`` ... ``---``) is catalogue data, not document text: it is
claimed as header material and each non-empty field becomes a fact
(record number, release date, title, page count ...).
"""

from __future__ import annotations

import regex

from ..model import Layout
from ..tiling import Disposition, Mark
from .records import field_fact

STAGE = "strip"
RULE = "wrapper.yaml-front-matter"

_BLOCK = regex.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,200}?)---[ \t]*(?:\r?\n|\Z)")
_FIELD = regex.compile(r"^(?P<key>[A-Za-z_][\w -]{0,40}):[ \t]*(?P<value>[^\r\n]*?)[ \t]*\r?$", regex.MULTILINE)


def claim_front_matter(layout: Layout) -> None:
    text = layout.text
    match = _BLOCK.match(text)
    if not match:
        return
    body_start, body_end = match.span("body")
    fields = list(_FIELD.finditer(text, body_start, body_end))
    lines = [ln for ln in text[body_start:body_end].splitlines() if ln.strip()]
    if not fields or len(fields) < len(lines) * 0.8:
        return  # not key: value lines: a markdown rule, not front matter
    start = 1 if text.startswith("\ufeff") else 0
    end = match.end()
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    if not layout.can_claim(start, end):
        return
    layout.claim(Mark(start, end, Disposition.HEADER, RULE, "header"), STAGE, "front matter")
    for field in fields:
        fact = field_fact(field.group("key"), field.group("value"), *field.span("value"), RULE)
        if fact is not None:
            layout.facts.append(fact)
