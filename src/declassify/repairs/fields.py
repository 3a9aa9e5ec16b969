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
    text = layout.text
    for block in layout.blocks:
        for lo, hi in list(layout.tiling.free_ranges(block.start, block.end)):
            positions = set()
            for pattern in _patterns():
                positions.update(m.start() for m in pattern.finditer(text, lo, hi))
            for position in sorted(positions):
                if lo < position < hi:
                    layout.claim(Mark(position, position, Disposition.TEXT, RULE, "split"), STAGE, "field split")
