"""Fields that OCR ran together when it read a two-column heading row by row.

'Residence of the American Ambassador, ViennaSUBJECT: ...' is a place in
the left column and a subject field in the right one.  A zero-width split
is claimed where a known field label ('SUBJECT:', 'PARTICIPANTS:') or a
participant-group label ('US', 'USSR') is glued to the word before it, and
after a group label glued to the name that follows it.  The encoder writes
a split as a line break; analysis reads fields across it.  Labels are data
(``data/memo.json``).
"""

from __future__ import annotations

import json
from functools import cache

import regex

from ..model import Layout
from ..resources import data_path
from ..structure.freetext import FreeText
from ..tiling import Disposition, Mark

STAGE = "repair"
RULE = "repair.split-run-together-field"


@cache
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    vocab = json.loads(data_path("memo.json").read_text(encoding="utf-8"))
    fields = "|".join(regex.escape(x) for x in sorted(vocab["field_labels"], key=len, reverse=True))
    groups = "|".join(regex.escape(x) for x in sorted(vocab["group_labels"], key=len, reverse=True))
    # Before a label glued to a lower-case word, a closing bracket or a full stop.
    before = regex.compile(rf"(?<=[\p{{Ll}}.)\]])(?=(?:(?:{fields})\s*:|(?:{groups})(?=\p{{Lu}})))")
    # After a group label glued to what follows it: a capitalised name or a field label.
    after = regex.compile(rf"(?<=(?<!\p{{L}})(?:{groups}))(?=\p{{Lu}}\p{{Ll}}|(?:{fields})\s*:)")
    return before, after


def split_fields(layout: Layout) -> None:
    """Claim a split where a label is glued to its neighbour in the reading text.

    Matched on what a reader reads (FreeText): a label glued to the word
    before it across a dropped control character or a cut-out stamp
    ('a\x1fDATE:') is as glued as 'aDATE:', and the cleaned text, cleaned
    again, must not find a split the first pass missed.
    """
    for block in layout.blocks:
        reading = FreeText(layout, block.start, block.end)
        positions = set()
        for pattern in _patterns():
            positions.update(m.start() for m in pattern.finditer(reading.text))
        for position in sorted(positions):
            if 0 < position < len(reading.text):
                raw = reading.raw_start(position)
                if block.start < raw < block.end:
                    layout.claim(Mark(raw, raw, Disposition.TEXT, RULE, "split"), STAGE, "field split")
