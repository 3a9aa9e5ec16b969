"""Small readers of block text shared by the repairs: how a block ends, how it begins."""

from __future__ import annotations

import regex

from ..model import Block, Layout

# Sentence ends; a closing quote or bracket after one still ends the sentence.
_TERMINALS = ".!?:"
_CLOSERS = "\"'\u201d\u2019)]"
# Initials and honorifics end with a period that does not end a sentence ('continues N.S.').
_ABBREVIATION = regex.compile(
    r"(?:\b[A-Z]\.(?:\s?[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Gen|Adm|Sen|Rep|Amb|Gov|St|Col|Capt|Lt|Sgt|Prof|Rev|Hon|No|Nos|Art|Sec|Vol|Ch|cf|vs|e\.g|i\.e)\.)$"
)
# The pattern is anchored at the end, and whenever it matches, its last
# initial or its honorific alone (at most five characters) matches too:
# searching the last few characters answers for the whole text.  The
# search still sees the character before, for the word boundary.
_ABBREVIATION_TAIL = 8
_LIST_MARKER = regex.compile(r"^(?:\(?[a-z]{1,2}[.)]|\(?[ivx]{1,4}[.)])\s")


def block_text(layout: Layout, block: Block) -> str:
    return layout.free_text(block.start, block.end).strip()


def last_free_char(layout: Layout, block: Block) -> int | None:
    """Offset of the last non-space free character of ``block``."""
    text = layout.text
    for lo, hi in reversed(list(layout.tiling.free_ranges(block.start, block.end))):
        for i in range(hi - 1, lo - 1, -1):
            if not text[i].isspace():
                return i
    return None


def first_free_char(layout: Layout, block: Block) -> int | None:
    text = layout.text
    for lo, hi in layout.tiling.free_ranges(block.start, block.end):
        for i in range(lo, hi):
            if not text[i].isspace():
                return i
    return None


def ends_sentence(text: str) -> bool:
    """Does ``text`` end where a paragraph may end (a sentence end that is not an initial)?"""
    text = text.rstrip()
    return text.rstrip(_CLOSERS).endswith(tuple(_TERMINALS)) and not _ends_abbreviated(text)


def ends_in_name_prefix(text: str) -> bool:
    """Does ``text`` end with initials or an honorific, so that a name must follow?"""
    return _ends_abbreviated(text.rstrip())


def _ends_abbreviated(text: str) -> bool:
    return bool(_ABBREVIATION.search(text, max(0, len(text) - _ABBREVIATION_TAIL)))


def starts_lowercase(text: str) -> bool:
    stripped = text.lstrip("\"'\u201c\u2018([")
    return bool(stripped) and stripped[0].islower() and not _LIST_MARKER.match(stripped)


def is_closing_formula(text: str) -> bool:
    """'Sincerely,' 'Yours faithfully,': a short line ending in a comma that a signature follows."""
    words = text.split()
    return text.rstrip().endswith(",") and len(words) <= 3
