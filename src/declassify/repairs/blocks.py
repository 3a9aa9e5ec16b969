"""Paragraph-level blocks: runs of lines with free text.

A blank line ends a block (two blank lines, when the file is double
spaced); so does a line that holds only claimed noise.
"""

from __future__ import annotations

from ..model import Block, Layout, Line


def _is_blank(layout: Layout, line: Line) -> bool:
    return not layout.text[line.start : line.end].strip()


def content_bounds(layout: Layout, first: Line, last: Line) -> tuple[int, int]:
    """From the first non-space character of ``first`` to the last one of ``last``."""
    text = layout.text
    start, end = first.start, last.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def build_blocks(layout: Layout) -> list[Block]:
    double = layout.traits.get("spacing") == "double"
    blocks: list[Block] = []
    run: list[Line] = []
    blanks = 0

    def close() -> None:
        if run:
            start, end = content_bounds(layout, run[0], run[-1])
            blocks.append(Block(start, end, run[0].index, run[-1].index))
            run.clear()

    for line in layout.lines:
        if _is_blank(layout, line):
            blanks += 1
            if not double or blanks >= 2:
                close()
            continue
        if not layout.has_free_text(line.start, line.end):
            close()
            blanks = 0
            continue
        blanks = 0
        run.append(line)
    close()
    return blocks
