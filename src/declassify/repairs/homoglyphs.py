"""Letters of another script inside a Latin word, read as the Latin letter they look like.

Each replaced letter is claimed as a ``fix`` (the raw letter stays in the
ledger, with what replaced it).  A word wholly in another script is left
alone: a Russian word in a transliteration note is text.
"""

from __future__ import annotations

import json
from functools import cache

import regex

from ..model import Layout
from ..resources import data_path
from ..tiling import Disposition, Mark

STAGE = "repair"
RULE = "repair.homoglyph"

_WORD = regex.compile(r"\w+")


@cache
def _map() -> dict[str, str]:
    return json.loads(data_path("homoglyphs.json").read_text(encoding="utf-8"))["map"]


def _is_latin(char: str) -> bool:
    return char.isdigit() or ("a" <= char.lower() <= "z")


def replace_homoglyphs(layout: Layout) -> None:
    text = layout.text
    glyphs = _map()
    if not any(g in text for g in glyphs):
        return
    for block in layout.blocks:
        for lo, hi in list(layout.tiling.free_ranges(block.start, block.end)):
            for word in _WORD.finditer(text, lo, hi):
                chars = word.group()
                foreign = [i for i, c in enumerate(chars) if c in glyphs]
                if not foreign:
                    continue
                others = [c for i, c in enumerate(chars) if i not in foreign]
                if not others or not all(_is_latin(c) for c in others):
                    continue
                for i in foreign:
                    at = word.start() + i
                    layout.claim(Mark(at, at + 1, Disposition.TEXT, RULE, "fix", out=glyphs[chars[i]]), STAGE, "homoglyph")
