"""Classification banners: a line that is only a security marking.

Banners repeat at the top and bottom of every page; they are forme work
(``fw type="banner"``), and each one is harvested as a ``classification``
fact (level, whether it was struck through, any handling caveat) for the
header of the document it stands in.  A line that is only a handling
caveat ('EYES ONLY AMBASSADOR') is a banner too, harvested as ``handling``.
"""

from __future__ import annotations

from functools import cache

import regex

from ..classification import levels as levels_vocabulary
from ..classification import read_caveat, read_marking
from ..model import Fact, Layout
from ..tiling import Disposition, Mark, make_attrs

STAGE = "strip"
RULE = "banner.classification"


def claim_banners(layout: Layout) -> None:
    """Claim classification banners: a line whose free text is a marking or a handling caveat.

    The free part of a line counts: a banner that OCR ran onto a footer
    ('NW 88608 Docld:... Page 3 SECRET-NO FOREIGN DISSIM') is what the
    footer leaves.  A banner that a control character split ('0\x08SECRET')
    is read in pieces joined, as a reader reads it.
    """
    text = layout.text
    for line in layout.lines:
        pieces = layout.free_pieces(line.start, line.end)
        if not pieces:
            continue
        start, end = pieces[0][0], pieces[-1][1]
        if end - start > 80:
            continue
        stripped = text[start:end] if len(pieces) == 1 else layout.free_text(start, end)
        marking = read_marking(stripped)
        if marking is None:
            caveat = read_caveat(stripped)
            if caveat is None:
                continue
            if _claim_pieces(layout, pieces, f"caveat {caveat}"):
                layout.facts.append(Fact("handling", caveat, start, end, RULE, "item"))
            continue
        if _claim_pieces(layout, pieces, f"banner {marking.level.label}"):
            attrs = make_attrs(
                level=marking.level.id,
                struck="true" if marking.struck else "false",
                caveat=marking.caveat,
            )
            layout.facts.append(Fact("classification", marking.level.label, start, end, RULE, "item", attrs))


def _claim_pieces(layout: Layout, pieces: list[tuple[int, int]], note: str) -> bool:
    """Claim every piece as the banner, or none of them."""
    if not all(layout.can_claim(a, b) for a, b in pieces):
        return False
    for a, b in pieces:
        layout.claim(Mark(a, b, Disposition.FORME, RULE, "fw", make_attrs(type="banner")), STAGE, note)
    return True


_STRUCK_LEVEL = regex.compile(r"~~\s*(?P<level>[A-Z][A-Z ]{4,24}?)\s*~~")
_INLINE_PAGE_NUMBER = regex.compile(r"(?<=\s)[-~\u2013\u2014]\s?(?P<n>\d{1,3})\s?[-~\u2013\u2014](?=\s)")


@cache
def _bare_levels() -> regex.Pattern:
    """A level's label standing alone, longest labels first (compiled once)."""
    levels = "|".join(sorted((regex.escape(level.label) for level in levels_vocabulary()), key=len, reverse=True))
    return regex.compile(rf"(?<![\w~])(?:{levels})(?![\w~])")


def claim_inline_banners(layout: Layout) -> None:
    """Banners and page numbers that a flattened text (no line breaks) runs into its sentences.

    A struck-through level ('~~SECRET~~') is a banner wherever it stands.
    In a flattened file, a level in capitals that recurs between words, and a
    '-2-' between words, are the banners and page numbers of page joins.
    """
    text = layout.text
    flattened = layout.traits.get("flattened") == "yes"
    candidates = [(m, "banner") for m in _STRUCK_LEVEL.finditer(text)]
    if flattened:
        candidates += [(m, "pageNum") for m in _INLINE_PAGE_NUMBER.finditer(text)]
        bare = list(_bare_levels().finditer(text))
        # A banner is printed on every page: a level standing once in running
        # text is the document's own marking line or a word, not a page join.
        repeated = {m.group() for m in bare if sum(1 for other in bare if other.group() == m.group()) >= 2}
        candidates += [(m, "banner") for m in bare if m.group() in repeated]
    for match, kind in sorted(candidates, key=lambda c: c[0].start()):
        start, end = match.span()
        if not layout.tiling.is_free(start, end):
            continue
        if kind == "pageNum":
            attrs = make_attrs(type="pageNum", place="inline", page="start", page_n=match.group("n"))
            layout.claim(Mark(start, end, Disposition.FORME, "page.inline-number", "fw", attrs), STAGE, "page number")
            continue
        marking = read_marking(match.group())
        if marking is None:
            continue
        mark = Mark(start, end, Disposition.FORME, RULE, "fw", make_attrs(type="banner", place="inline"))
        if layout.claim(mark, STAGE, f"banner {marking.level.label}"):
            attrs = make_attrs(level=marking.level.id, struck="true" if marking.struck else "false")
            layout.facts.append(Fact("classification", marking.level.label, start, end, RULE, "item", attrs))
