"""Words hyphenated across a line break inside a paragraph.

'identifica-' + 'tion' becomes 'identification': the hyphen and the break
are claimed together and written as ``<lb break="no"/>``.  A real hyphen is
kept when the next line starts with a capital or a digit ('Soviet-' +
'American') or when the same file writes the compound with its hyphen
elsewhere ('long-term'); then only the break is claimed.  In text typed in
capitals (cables, telegrams) a capital says nothing: there the hyphen is
real only if the file writes the compound, or writes both halves as words
of their own ('SOVIET-' + 'AMERICAN'); 'ATMOS-' + 'PHERE' is joined.  Where a converter
joined the lines, the break survives as a space ('identifica- tion') and is
joined the same way.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from ..model import Layout
from ..tiling import Disposition, Mark, make_attrs

STAGE = "repair"
DROP_RULE = "repair.dehyphenate"
KEEP_RULE = "repair.join-kept-hyphen"

# A hyphen at the end of a line; one blank line may follow it in double-spaced OCR.
_LINE_END_HYPHEN = regex.compile(r"(?<=\p{L})-[ \t]*\n(?:[ \t]*\n)?[ \t]*")
# A line break that a converter turned into a space: 'identifica- tion'.  A
# suspended hyphen ('pre- and post-war') is followed by a conjunction and kept.
_INLINE_HYPHEN = regex.compile(r"(?<=\p{Ll})-[ ](?!(?:and|or|nor|to)\b)(?=\p{Ll})")
_COMPOUND = regex.compile(r"\b(\p{L}+)-(\p{L}+)\b")
_WORD_BEFORE = regex.compile(r"\p{L}+$")
_WORD_AFTER = regex.compile(r"^\p{L}+")


def _compounds(text: str) -> set[str]:
    """Hyphenated words the file writes inside a line: evidence that the hyphen is real."""
    return {m.group().lower() for m in _COMPOUND.finditer(text)}


# The standard library's engine counts a file's words several times faster; letters
# outside ASCII only split a word, and a split word is not a capital's half.
_ASCII_WORD = re.compile(r"[a-z]+")


def _capitals_hyphen_is_real(left: str, right: str, compounds: set[str], words: Counter) -> bool:
    """A hyphen between two words in capitals: real if the compound or both its halves stand elsewhere.

    ``words`` counts the file's words, the two halves of this break among them: elsewhere is a second time."""
    if f"{left}-{right}".lower() in compounds:
        return True
    return words[left.lower()] > 1 and words[right.lower()] > 1


def dehyphenate(layout: Layout) -> None:
    text = layout.text
    compounds = _compounds(text)
    words: Counter | None = None  # the file's words, counted once where capitals need them
    for block in layout.blocks:
        matches = list(_LINE_END_HYPHEN.finditer(text, block.start, block.end))
        matches += list(_INLINE_HYPHEN.finditer(text, block.start, block.end))
        for match in sorted(matches, key=lambda m: m.start()):
            start, end = match.span()
            if not layout.tiling.is_free(start, end):
                continue
            resume, numbered = _resume(layout, end, block.end)
            left = _WORD_BEFORE.search(text, max(block.start, start - 40), start)
            right = _WORD_AFTER.search(text[resume : resume + 40]) if resume is not None else None
            if not left or not right:
                continue
            following = right.group()
            if left.group().isupper() and following.isupper() and len(left.group()) > 1:
                if words is None:
                    words = Counter(_ASCII_WORD.findall(text.lower()))
                real = _capitals_hyphen_is_real(left.group(), following, compounds, words)
            else:
                real = not following[0].islower() or f"{left.group()}-{following}".lower() in compounds
            if numbered is not None:
                # The next line opens with a stenographer's line number: it carries the break.
                layout.tiling.remove(numbered)
                layout.tiling.add(_with_break_no(numbered))
                if not real:
                    layout.claim(Mark(start, start + 1, Disposition.DROPPED, DROP_RULE, "drop"), STAGE, "hyphen dropped")
                for lo, hi in list(layout.tiling.free_ranges(start + 1, resume)):
                    layout.claim(Mark(lo, hi, Disposition.DROPPED, KEEP_RULE if real else DROP_RULE, "drop"), STAGE, "break closed")
                continue
            if real:
                mark = Mark(start + 1, end, Disposition.DROPPED, KEEP_RULE, "join", make_attrs(**{"break": "no"}))
            else:
                mark = Mark(start, end, Disposition.DROPPED, DROP_RULE, "join", make_attrs(**{"break": "no"}))
            layout.claim(mark, STAGE, "hyphenation joined")


def _resume(layout: Layout, after: int, limit: int) -> tuple[int | None, Mark | None]:
    """Where the next line's text resumes, and the line-number claim in the way, if any."""
    numbered = None
    for lo, hi, mark in layout.tiling.pieces(after, limit):
        if mark is not None:
            if mark.kind == "lb":
                numbered = mark
                continue
            return None, None
        chunk = layout.text[lo:hi]
        stripped = len(chunk) - len(chunk.lstrip())
        if stripped < len(chunk):
            return lo + stripped, numbered
    return None, None


def _with_break_no(mark: Mark) -> Mark:
    return Mark(mark.start, mark.end, mark.disposition, mark.rule, mark.kind, make_attrs(**{**dict(mark.attrs), "break": "no"}), mark.out)
