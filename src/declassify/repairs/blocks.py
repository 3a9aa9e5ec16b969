"""Paragraph-level blocks: runs of lines with free text.

A blank line ends a block (two blank lines, when the file is double
spaced); so does a line that holds only claimed noise.

A double-spaced file whose engine marks no paragraph at all (a blank line
after every line) gets its paragraphs back from the shape of its lines, as
a reader finds them on the page: a paragraph begins with a number or a
heading label, after a heading, or after a line that ends a sentence well
short of the margin.
"""

from __future__ import annotations

import regex

from ..model import Block, Layout, Line
from ..structure.cues import memo_heading
from ..structure.vocabulary import vocabulary

# '1.', 'a.', '(2)', 'IV.' opening a line: a numbered paragraph or item.
_ENUMERATOR = regex.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|\(\w{1,3}\))\s+\S")
_SENTENCE_END = tuple('.!?:"\u201d')
SHORT_LINE = 0.7  # of the page's typical line: a sentence ending there ends its paragraph
HEADING_WORDS = 8
TYPICAL_QUANTILE = 0.8
MIN_TYPICAL = 30  # below this the 'page' is a form or a list: every line stands alone


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

    def close_double() -> None:
        if not run:
            return
        pieces = paragraphs_by_shape(layout, list(run))
        run.clear()
        for piece in pieces:
            run.extend(piece)
            close()

    for line in layout.lines:
        if _is_blank(layout, line):
            blanks += 1
            if not double:
                close()
            elif blanks >= 2:
                close_double()
            continue
        if not layout.has_free_text(line.start, line.end):
            close_double() if double else close()
            blanks = 0
            continue
        blanks = 0
        if run and not double and _opens_document(layout, run[-1], line):
            close()
        run.append(line)
    close_double() if double else close()
    return blocks


HEADING_PREFILTER = 40  # raw characters of a line in which a memorandum heading's first word stands


def _opens_document(layout: Layout, before: Line, line: Line) -> bool:
    """A memorandum's heading line ('MEMORANDUM FOR:') under a line that ends a sentence.

    Text layers that lost their page breaks and blank lines run a covering
    slip's remarks and the memorandum under it into one run of lines; the
    heading line begins a block of its own, where segmentation can see it.
    """
    raw = layout.text[line.start : min(line.end, line.start + HEADING_PREFILTER)].upper()
    if "MEMORANDUM" not in raw and "MINUTES" not in raw:
        return False  # nearly every line: no heading word, no need to read its free text
    text = layout.free_text(line.start, line.end).strip()
    if len(text.split()) > HEADING_WORDS or not memo_heading(text):
        return False
    return layout.free_text(before.start, before.end).rstrip().endswith(_SENTENCE_END)


def _is_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= HEADING_WORDS and text.upper() == text and any(c.isalpha() for c in text)


def paragraphs_by_shape(layout: Layout, lines: list[Line]) -> list[list[Line]]:
    """Cut a run of lines into paragraphs where the page's layout shows a break."""
    texts = [layout.free_text(ln.start, ln.end).strip() for ln in lines]
    lengths = sorted(len(t) for t in texts)
    typical = lengths[min(len(lengths) - 1, int(len(lengths) * TYPICAL_QUANTILE))]
    if typical < MIN_TYPICAL:
        return [[ln] for ln in lines]
    label = vocabulary().heading_label
    result: list[list[Line]] = [[lines[0]]]
    for k in range(1, len(lines)):
        before, text = texts[k - 1], texts[k]
        starts = (
            _ENUMERATOR.match(text)
            or label.match(text)
            or _is_heading(text)
            or _is_heading(before)
            or label.match(before) and len(before) < SHORT_LINE * typical
            or (before.endswith(_SENTENCE_END) and len(before) < SHORT_LINE * typical)
        )
        if starts:
            result.append([lines[k]])
        else:
            result[-1].append(lines[k])
    return result
