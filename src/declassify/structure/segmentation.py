"""Where one document ends and the next begins.

A file is read block by block. A new document begins:

- at an edition's numbered document heading ('7. Letter From ...'), once
  the current document has text;
- at a printed form (a routing slip) that follows text, and after a form,
  at the next page or at the first opening (a memorandum heading under a
  slip's remarks, where the text layer lost the page break);
- once the current document has closed (a complimentary close, a typed
  signature, an 'Enclosure:' line), at the next opening: a dateline, a
  salutation, a memorandum or telegram heading, or a new page.

A document that runs across pages with none of these stays one. Every cut
records the signal that made it, for the manifest and ``--explain``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..model import Block, Layout
from ..noise.pages import boundary_offsets
from . import cues
from .freetext import FreeText
from .vocabulary import vocabulary


def free_text_of(layout: Layout, start: int, end: int) -> str:
    return FreeText(layout, start, end).text

FORM_RULE_PREFIX = "form."
# Words of reading text a document needs before a signal can end it: the
# stray words of a wrapper or a stamp above a form are not a document.
MIN_WORDS = 12
# How many blocks after a dateline may hold the salutation or heading that
# makes it a letter's opening rather than a date written under a signature.
OPENING_REACH = 3


@dataclass(frozen=True, slots=True)
class Cut:
    offset: int
    evidence: str


def _line_start(layout: Layout, offset: int) -> int:
    return layout.text.rfind("\n", 0, offset) + 1


def _with_banners(layout: Layout, offset: int, floor: int) -> int:
    """Move a cut back over the classification banners that head the new document's first page."""
    text = layout.text
    cut = offset
    for mark in reversed(layout.tiling.marks_in(floor, offset)):
        if mark.attr("type") != "banner" or text[mark.end : cut].strip():
            break
        cut = _line_start(layout, mark.start)
    return cut


def _page_break_between(boundaries: list[int], start: int, end: int) -> int | None:
    """Offset of the last page boundary between two blocks, if any."""
    i = bisect_right(boundaries, end) - 1
    return boundaries[i] if i >= 0 and boundaries[i] > start else None


def _form_start(layout: Layout, start: int, end: int) -> int | None:
    """Where a printed form begins between two offsets (its first claimed line)."""
    for mark in layout.tiling.marks_in(start, end):
        if mark.rule.startswith(FORM_RULE_PREFIX):
            return mark.start
    return None


def _opening(texts: list[str], i: int) -> bool:
    """Block i opens a document: a heading, a salutation, or a dateline that a salutation or heading follows."""
    text = texts[i]
    if cues.memo_heading(text) or cues.telegram_direction(text) or cues.salutation(text):
        return True
    if not cues.dateline(text):
        return False
    if any(cues.salutation(line) for line in text.split("\n")[1:]):
        return True
    following = [t for t in texts[i + 1 : i + 1 + OPENING_REACH] if t.strip()]
    return any(cues.salutation(t) or cues.memo_heading(t) for t in following)


def _page_foot_stamp(layout: Layout, start: int, end: int) -> int | None:
    """End of the last release or declassification stamp between two blocks.

    Such stamps stand at a page's head or foot (CREST prints 'Approved For
    Release' on every page), so where no page break is known they mark one.
    """
    ends = [m.end for m in layout.tiling.marks_in(start, end) if m.attr("stamp") in ("release", "declassification")]
    return ends[-1] if ends else None


CARD_LOOKAHEAD = 600  # characters of a page in which a card says it continues


def _new_card(layout: Layout, page_at: int, text: str) -> bool:
    """A page that opens with an index card's first field, and does not say it continues a card."""
    vocab = vocabulary()
    head = "\n".join(text.split("\n")[:4])
    if not vocab.card_first_field.search(head):
        return False
    page_text = free_text_of(layout, page_at, min(len(layout.text), page_at + CARD_LOOKAHEAD))
    return not vocab.card_continuation.search(page_text)


CONTINUATION_BLOCKS = 3  # blocks at a page's head in which its continuation head may stand, after debris


def _continues(texts: list[str], i: int) -> bool:
    """The page that block i opens continues the document before it ('Memo to Mr. Belmont' / 'Re: ...')."""
    head = vocabulary().continuation_head
    return any(head.match(t.lstrip()) for t in texts[i : i + CONTINUATION_BLOCKS] if t.strip())


def find_cuts(layout: Layout, blocks: list[Block]) -> list[Cut]:
    boundaries = [offset for offset, _ in boundary_offsets(layout)]
    texts = [FreeText(layout, b.start, b.end).text for b in blocks]
    cuts: list[Cut] = []
    words = 0
    closed = False
    in_form = False
    previous_end = 0
    for i, block in enumerate(blocks):
        text = texts[i]
        if not text.strip():
            continue
        has_text = words >= MIN_WORDS
        cut: Cut | None = None
        form_at = _form_start(layout, previous_end, block.end)
        page_at = _page_break_between(boundaries, previous_end, block.start)
        if has_text and form_at is not None and not in_form:
            cut = Cut(_line_start(layout, form_at), "a printed form begins")
        elif has_text and (heading := cues.numbered_heading(text)):
            cut = Cut(_line_start(layout, block.start), f"numbered document heading {heading.group('number')}.")
        elif has_text and in_form and form_at is None and page_at is not None:
            cut = Cut(page_at, "a new page after a form")
        elif has_text and in_form and form_at is None and (stamp_end := _page_foot_stamp(layout, previous_end, block.start)):
            cut = Cut(stamp_end, "a page-foot stamp after a form")
        elif has_text and in_form and form_at is None and _opening(texts, i):
            # What is written on a slip is remarks: a memorandum heading or a salutation under it
            # opens the document the slip covers, also where the text layer lost the page break.
            cut = Cut(_line_start(layout, block.start), "an opening after a form")
        elif has_text and page_at is not None and _new_card(layout, page_at, text):
            cut = Cut(page_at, "an index card begins on a new page")
        elif has_text and closed:
            if page_at is not None and not _continues(texts, i):
                cut = Cut(page_at, "a new page after the close of a document")
            elif _opening(texts, i):
                cut = Cut(_with_banners(layout, _line_start(layout, block.start), previous_end), "an opening after the close of a document")
        if cut is not None and (not cuts or cut.offset > cuts[-1].offset) and cut.offset > 0:
            cuts.append(cut)
            closed = False
            in_form = False
            words = 0
        if form_at is not None:
            in_form = True
        words += len(text.split())
        if cues.valediction(text) or cues.closing_label(text):
            closed = True
        previous_end = block.end
    return cuts
