"""Joining paragraphs that a page break, a column break or a caption split.

A block that does not end a sentence continues in the next block that
starts in lower case; blocks in between, if short, are captions or credits
that a reprint dropped into the text (they become ``fw type="caption"``).
Across a page break, a block that stops mid-sentence continues even into a
capitalised word ('the East' / 'Germans alone'); so does one that ends with
initials ('continues N.S.' / 'Khrushchev, would ...').  A hyphen at the end
of the first block joins the word without a space and is dropped, and the
break becomes ``lb``/``pb`` with ``break="no"``.
"""

from __future__ import annotations

import regex

from ..model import Block, Change, Layout
from ..structure.vocabulary import vocabulary
from ..tiling import Disposition, Mark, make_attrs
from .text import (
    block_text,
    ends_in_name_prefix,
    ends_sentence,
    first_free_char,
    is_closing_formula,
    last_free_char,
    starts_lowercase,
)

STAGE = "repair"
MAX_CAPTION_BLOCKS = 3
MAX_CAPTION_CHARS = 400
MAX_CREDIT_WORDS = 8
MIN_PROSE_WORDS = 12
# Words that open a new sentence far more often than they continue one after a break.
SENTENCE_OPENERS = frozenset(
    "the a an in on at it he she we they i this that these those there his her its our their "
    "however but and so if when while after before as for from to with by of mr mrs ms dr".split()
)
_HEADING = regex.compile(r"\(?\d{1,3}[.)]\s+\p{Lu}")
JOIN_RULE = "repair.join-paragraph"
HYPHEN_RULE = "repair.join-hyphenated"
CAPTION_RULE = "repair.caption"


def _break_between(layout: Layout, start: int, end: int) -> bool:
    """Is there a page break, or page furniture, between two blocks?"""
    for mark in layout.tiling.marks_in(start, end):
        if mark.kind == "pb" or mark.attr("page") in ("start", "end"):
            return True
        if mark.kind == "fw" and mark.attr("type") in ("pageNum", "header", "footer", "catch", "banner"):
            return True
    return False


def _continuation(layout: Layout, first: Block, blocks: list[Block], j: int, text: str) -> int | None:
    """Index of the block that continues ``first`` (whose text is ``text``), looking from ``j``, or None."""
    if not text or is_closing_formula(text):
        return None
    name_prefix = ends_in_name_prefix(text)
    if ends_sentence(text) and not name_prefix:
        return None
    hyphen = ends_hyphenated(text)
    # Only running prose broken mid-sentence may skip over captions; a heading may not.
    may_skip = len(text.split()) >= MIN_PROSE_WORDS and not _HEADING.match(text)
    for k in range(j, min(j + MAX_CAPTION_BLOCKS + 1, len(blocks))):
        candidate = blocks[k]
        following = block_text(layout, candidate)
        if not following:
            continue
        if starts_lowercase(following):
            return k
        if k == j and not hyphen and _continues_capitalised(layout, text, following, name_prefix, first, candidate):
            return k
        if not may_skip or not _caption_like(following) or not _set_apart(layout, first, candidate):
            return None
    return None


def _set_apart(layout: Layout, first: Block, caption: Block) -> bool:
    """A caption is set apart from the text it interrupts: two blank lines or a page break before it.

    OCR that writes a blank line after every line (Apple Vision) would
    otherwise make every short line a caption.
    """
    gap = layout.text[first.end : caption.start]
    return gap.count("\n") >= 3 or _break_between(layout, first.end, caption.start)


def _continues_capitalised(layout: Layout, text: str, following: str, name_prefix: bool, first: Block, candidate: Block) -> bool:
    """Does running prose broken mid-sentence go on with a capitalised word?

    Only across a page break (or after initials that a surname must
    follow), only when the broken block is prose that stops on a word, and
    never into a heading in capitals or a word that opens sentences.
    """
    words = following.split()
    if not words or not following[0].isupper() or words[0].isupper() and len(words[0]) > 1:
        return False
    if len(text.split()) < MIN_PROSE_WORDS or not text[-1].isalpha() and not name_prefix:
        return False
    if words[0].strip(",.;:").lower() in SENTENCE_OPENERS:
        return False
    return name_prefix or _break_between(layout, first.end, candidate.start)


def ends_hyphenated(text: str) -> bool:
    """A word broken at the end of a block ('in-'), not a dash standing alone ('Ordaz, -')."""
    return text.endswith("-") and len(text) > 1 and text[-2].isalpha()


def _caption_like(text: str) -> bool:
    """A caption or credit: short, a complete sentence or a few words, and saying it is one.

    The cue (structure.json 'captions': a picture's date, a lender's
    collection, 'pictured') keeps a typescript's own short lines (a list, a
    date-time group, a name between two pages) from being taken for captions
    and hidden as forme work.
    """
    if len(text) > MAX_CAPTION_CHARS or not (ends_sentence(text) or len(text.split()) <= MAX_CREDIT_WORDS):
        return False
    return bool(vocabulary().caption.match(" ".join(text.split()), timeout=1.0))


def _claim_captions(layout: Layout, captions: list[Block]) -> None:
    text = layout.text
    for block in captions:
        for lo, hi in list(layout.tiling.free_ranges(block.start, block.end)):
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            if hi > lo:
                mark = Mark(lo, hi, Disposition.FORME, CAPTION_RULE, "fw", make_attrs(type="caption"))
                layout.claim(mark, STAGE, "caption")


def _join_hyphenated(layout: Layout, hyphen: int, resume: int) -> None:
    """Drop the hyphen and every space between the two halves; breaks in between get break="no"."""
    text = layout.text
    breaks = [m for m in layout.tiling.marks_in(hyphen + 1, resume) if m.kind == "pb"]
    for old in breaks:
        layout.tiling.remove(old)
        layout.tiling.add(Mark(old.start, old.end, old.disposition, old.rule, old.kind, make_attrs(**{**dict(old.attrs), "break": "no"}), old.out))
    via = "pb" if breaks else None
    layout.claim(Mark(hyphen, hyphen + 1, Disposition.DROPPED, HYPHEN_RULE, "join", make_attrs(**{"break": "no", "via": via})), STAGE, "hyphen dropped")
    for lo, hi in list(layout.tiling.free_ranges(hyphen + 1, resume)):
        if not text[lo:hi].strip():
            layout.claim(Mark(lo, hi, Disposition.DROPPED, HYPHEN_RULE, "drop"), STAGE, "break closed")


# How much of a joined paragraph's text the join decisions read: its start
# (a heading?), its end (a sentence end, a hyphen, an initial) and enough
# words to tell prose.  Keeping only these ends keeps a chain of a thousand
# joined pages linear, not quadratic.
ENDS_WINDOW = 600


def _ends_of(text: str) -> str:
    if len(text) <= 2 * ENDS_WINDOW:
        return text
    return text[:ENDS_WINDOW] + "\n" + text[-ENDS_WINDOW:]


def join_paragraphs(layout: Layout) -> None:
    blocks = layout.blocks
    joined: list[Block] = []
    i = 0
    while i < len(blocks):
        current = blocks[i]
        last_piece = current
        text = block_text(layout, current)
        j = i + 1
        while j < len(blocks):
            k = _continuation(layout, current, blocks, j, text)
            if k is None:
                break
            _claim_captions(layout, blocks[j:k])
            nxt = blocks[k]
            last = last_free_char(layout, last_piece)
            if last is None:
                last = last_free_char(layout, current)
            resume = first_free_char(layout, nxt)
            if last is not None and resume is not None and ends_hyphenated(text):
                _join_hyphenated(layout, last, resume)
            else:
                layout.changes.append(Change(STAGE, JOIN_RULE, current.end, nxt.start, "paragraph continued"))
            current = Block(current.start, nxt.end, current.first_line, nxt.last_line)
            last_piece = nxt
            text = _ends_of(text + "\n" + block_text(layout, nxt))
            j = k + 1
        joined.append(current)
        i = j
    layout.blocks = joined
