"""Paragraphs that run turns together, cut again where a turn begins.

Two kinds of OCR lose the paragraph breaks between speakers: engines that
read a transcript page without blank lines ('... mysterious, very' /
'MR. OLSEN: To use the house term ...'), and reading-room pages stored as
one flattened line ('... for the Director. Mr. Amory: Stated DD/P had
...'). A turn begins where a speaker label opens a line, and, in a
flattened text, where a sentence ends and the next one opens with a label,
a paragraph number or reported speech ('DD/I noted that ...'). The block
is cut there, so that the speakers step sees each turn as a paragraph; the
text itself is not touched.
"""

from __future__ import annotations

import bisect

import regex

from ..model import Block, Change, Layout
from ..people.speech import speech_in

STAGE = "repair"
RULE = "repair.split-turns"

# A speaker label opening a line: 'MR. OLSEN:', 'THE CHAIRMAN:', 'Q.', 'Mr. Scelso. Yes.'.
_LINE_LABEL = regex.compile(
    r"(?m)^[ \t]*(?:(?:MR|MRS|MS|DR|SENATOR|CHAIRMAN|THE CHAIRMAN|GENERAL|ADMIRAL|COLONEL)\.?[ \t]+[\p{Lu}][\p{Lu}'\u2019-]+(?:[ \t]+[\p{Lu}][\p{Lu}'\u2019-]+)?[ \t]*:"
    r"|(?:Mr|Mrs|Ms|Dr|Senator|Chairman|General)\.?[ \t]+\p{Lu}[\p{Ll}'\u2019-]+\.[ \t]+(?=\p{Lu})"
    r"|[QA]\.[ \t]+(?=\S)(?!\p{Lu}\.))"
)
# Labels count only in a text that holds a few of them: an outline's 'A. Interim financing'
# or a list's 'Mr. Smith.' is no transcript.
MIN_LINE_LABELS = 3
# In a flattened text, a sentence end and what may open a new turn after it.
_SENTENCE_BREAK = regex.compile(r"(?<=[.?!:)\"\u201d])[ \t]+(?=\S)")
_INLINE_LABEL = regex.compile(r"(?:Mr|Mrs|Ms|Dr|General|Colonel|Admiral|Senator|Chairman)[.,]?[ \t]+\p{Lu}[\p{Ll}'\u2019-]+[ \t]*:")
_INLINE_LABEL_ANYWHERE = regex.compile(r"(?<=\s)" + _INLINE_LABEL.pattern)
_PARAGRAPH_NUMBER = regex.compile(r"(?:\d{1,2}|[a-h])\.[ \t]+\p{Lu}")
LOOKAHEAD = 160  # characters after a sentence break read for what opens the next turn
MIN_PIECE = 40  # characters a cut piece keeps at least: a label is never cut off alone


def _cut_points(layout: Layout, block: Block, flattened: bool, labelled: bool) -> list[tuple[int, bool]]:
    """(offset, at a line start) of each place in the block where a turn begins."""
    text = layout.text
    points: dict[int, bool] = {}
    for match in _LINE_LABEL.finditer(text, block.start, block.end) if labelled else ():
        at = match.start() + len(match.group()) - len(match.group().lstrip())
        if at > block.start and layout.tiling.is_free(at, at + 1):
            points[at] = True
    if flattened:
        # A label is a label wherever it stands ('... Colonel Kirkpatrick, Mr, Dulles: a. Asked ...').
        for match in _INLINE_LABEL_ANYWHERE.finditer(text, block.start, block.end):
            if layout.tiling.is_free(match.start(), match.start() + 1):
                points.setdefault(match.start(), False)
        for match in _SENTENCE_BREAK.finditer(text, block.start, block.end):
            at = match.end()
            if at in points or not layout.tiling.is_free(at, at + 1):
                continue
            head = text[at : min(block.end, at + LOOKAHEAD)]
            if _INLINE_LABEL.match(head) or _PARAGRAPH_NUMBER.match(head) or speech_in(head) is not None:
                points[at] = False
    return sorted(points.items())


def split_turns(layout: Layout) -> None:
    """Cut blocks where a new turn begins (see the module's docstring).

    A cut at a line's label is always made (a turn may be one word: 'A.
    Yes.'); a cut inside a flattened line only where both pieces keep
    ``MIN_PIECE`` characters.
    """
    flattened = layout.traits.get("flattened") == "yes"
    # Counted in the raw text: claimed noise holds no speaker labels, and a copy of the text is not needed.
    labelled = _count(_LINE_LABEL, layout.text) >= MIN_LINE_LABELS
    if not labelled and not flattened:
        return
    starts = layout.line_starts()
    result: list[Block] = []
    for block in layout.blocks:
        lo = block.start
        pieces = []
        for point, line_start in _cut_points(layout, block, flattened, labelled):
            if line_start or (point - lo >= MIN_PIECE and block.end - point >= MIN_PIECE):
                pieces.append((lo, point))
                lo = point
        pieces.append((lo, block.end))
        if len(pieces) == 1:
            result.append(block)
            continue
        for a, b in pieces:
            while b > a and layout.text[b - 1].isspace():
                b -= 1
            if b <= a:
                continue
            first = bisect.bisect_right(starts, a) - 1
            last = bisect.bisect_right(starts, b - 1) - 1
            result.append(Block(a, b, first, last))
            if a != block.start:
                layout.changes.append(Change(STAGE, RULE, a, a, "a turn begins"))
    layout.blocks = result


def _count(pattern: regex.Pattern, text: str, enough: int = MIN_LINE_LABELS) -> int:
    """Matches of ``pattern`` in ``text``, counted up to ``enough``."""
    count = 0
    for _ in pattern.finditer(text):
        count += 1
        if count >= enough:
            break
    return count
