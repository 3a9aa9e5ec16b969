"""Stage 4, repair: build paragraphs from what the noise left, and mend what it broke.

Blocks (paragraph-level units) are runs of lines with free text, separated
by blank lines or by lines that are wholly noise.  The repairs then work on
blocks: each is a small function that claims what it removes (a hyphen, the
white space of a break) with its own rule, so the ledger shows every join.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Block, Layout, Line
from ..settings import DEFAULT, Settings

STAGE = "repair"


def _has_free_text(layout: Layout, line: Line) -> bool:
    text = layout.text
    for lo, hi in layout.tiling.free_ranges(line.start, line.end):
        if text[lo:hi].strip():
            return True
    return False


def _is_blank(layout: Layout, line: Line) -> bool:
    return not layout.text[line.start : line.end].strip()


def _content_bounds(layout: Layout, first: Line, last: Line) -> tuple[int, int]:
    """From the first non-space character of ``first`` to the last one of ``last``."""
    text = layout.text
    start, end = first.start, last.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def build_blocks(layout: Layout) -> list[Block]:
    """Group lines with free text into blocks.

    A blank line ends a block (two blank lines, when the file is double
    spaced); so does a line that holds only claimed noise.
    """
    double = layout.traits.get("spacing") == "double"
    blocks: list[Block] = []
    run: list[Line] = []
    blanks = 0

    def close() -> None:
        if run:
            start, end = _content_bounds(layout, run[0], run[-1])
            blocks.append(Block(start, end, run[0].index, run[-1].index))
            run.clear()

    for line in layout.lines:
        if _is_blank(layout, line):
            blanks += 1
            if not double or blanks >= 2:
                close()
            continue
        if not _has_free_text(layout, line):
            close()
            blanks = 0
            continue
        if double and blanks == 1 and run:
            pass  # one blank line in a double-spaced file is only a line break
        blanks = 0
        run.append(line)
    close()
    return blocks


def paragraphs(layout: Layout, settings: Settings) -> None:
    """Cut the free text into blocks."""
    layout.blocks = build_blocks(layout)


REPAIRS: tuple[Callable[[Layout, Settings], None], ...] = (paragraphs,)


def repair(layout: Layout, settings: Settings = DEFAULT) -> Layout:
    """Return a new layout with blocks built and breaks mended."""
    result = layout.evolve()
    for step in REPAIRS:
        step(result, settings)
    return result
