"""Pages OCR'd twice: a scan that holds the same sheet two times.

Publishers of scanned files sometimes run the same sheet through the
scanner twice (a re-scan, a second copy of an index card filed with the
first). The later copy adds nothing to the reading text but doubles it, so
its free text is dropped (listed in the ledger under ``wrapper.duplicate-page``).

Two pages are the same sheet when most of the later page's word trigrams
occur on an earlier page: OCR of two scans differs in a few words, so an
exact comparison would miss them, and trigrams of a few hundred words do
not collide by chance. Only a window of earlier pages is compared, so the
cost stays linear in the number of pages.
"""

from __future__ import annotations

from collections import deque

import regex

from ..model import Layout
from ..tiling import Disposition, Mark, make_attrs
from .pages import pages

STAGE = "strip"
RULE = "wrapper.duplicate-page"
_WORD = regex.compile(r"\p{L}+|\d+")
# A page needs this many words before it can be called a copy: short pages
# (a signature block, a 'Page 3' alone) repeat by nature.
MIN_WORDS = 60
# Share of the later page's trigrams found on one earlier page.
MIN_CONTAINMENT = 0.75
WINDOW = 12


def _trigrams(text: str) -> tuple[set[tuple[str, ...]], int]:
    words = _WORD.findall(text.lower())
    return set(zip(words, words[1:], words[2:])), len(words)


def claim_duplicate_pages(layout: Layout) -> None:
    """Drop the free text of a page whose words are (nearly all) on an earlier page."""
    # Only the last WINDOW pages are compared, so only they are kept: memory
    # stays flat however long the file.
    seen: deque[tuple[set[tuple[str, ...]], int]] = deque(maxlen=WINDOW)
    for page in pages(layout):
        grams, words = _trigrams(layout.free_text(page.start, page.end))
        original = None
        if words >= MIN_WORDS:
            for earlier, start in reversed(seen):
                if len(grams & earlier) >= MIN_CONTAINMENT * len(grams):
                    original = start
                    break
        if original is None:
            seen.append((grams, page.start))
            continue
        # The copy points at the offset where the page it repeats begins:
        # page numbers are often missing on exactly these pages.
        for start, end in list(layout.tiling.free_ranges(page.start, page.end)):
            if layout.text[start:end].strip():
                mark = Mark(start, end, Disposition.DROPPED, RULE, "drop", make_attrs(copy_of=original))
                layout.claim(mark, STAGE, f"text at {page.start} repeats the page at {original}")
