"""Stage 4, repair: build paragraphs from what the noise left, and mend what it broke.

Blocks (paragraph-level units) come first; the repairs then work on blocks,
each a small function that claims what it removes (a hyphen, the white
space of a break) or inserts (a split between run-together fields) under its
own rule, so the ledger shows every join.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Layout
from ..noise.garbage import claim_garbage_paragraphs
from ..repairs.blocks import build_blocks
from ..repairs.fields import split_fields
from ..repairs.homoglyphs import replace_homoglyphs
from ..repairs.hyphens import dehyphenate
from ..repairs.joins import join_paragraphs
from ..repairs.turns import split_turns
from ..settings import DEFAULT, Settings


def paragraphs(layout: Layout, settings: Settings) -> None:
    """Cut the free text into blocks."""
    layout.blocks = build_blocks(layout)


def turns(layout: Layout, settings: Settings) -> None:
    """Cut paragraphs that run speakers' turns together where a turn begins."""
    split_turns(layout)


def junk_paragraphs(layout: Layout, settings: Settings) -> None:
    """Drop short paragraphs that, read as one line, are OCR garbage."""
    claim_garbage_paragraphs(layout)


def page_joins(layout: Layout, settings: Settings) -> None:
    """Join paragraphs split by page breaks, column breaks and captions."""
    join_paragraphs(layout)


def line_hyphens(layout: Layout, settings: Settings) -> None:
    """Join words hyphenated across line breaks inside a paragraph."""
    dehyphenate(layout)


def run_together_fields(layout: Layout, settings: Settings) -> None:
    """Split heading fields that OCR glued together ('ViennaSUBJECT:')."""
    split_fields(layout)


def homoglyphs(layout: Layout, settings: Settings) -> None:
    """Read Cyrillic and Greek look-alike letters inside Latin words as Latin."""
    replace_homoglyphs(layout)


REPAIRS: tuple[Callable[[Layout, Settings], None], ...] = (
    paragraphs,
    turns,
    junk_paragraphs,
    page_joins,
    line_hyphens,
    run_together_fields,
    homoglyphs,
)


def repair(layout: Layout, settings: Settings = DEFAULT) -> Layout:
    """Return a new layout with blocks built and breaks mended."""
    result = layout.evolve()
    for step in REPAIRS:
        step(result, settings)
    return result
