"""OCR debris that no pattern names: lines of symbol soup, and stenographers' line numbers.

A garbage line is one whose tokens are mostly not word-like ('4 ArM.-,...
-A C,..- (`IA or\\P')OA'), or that is mostly characters no typist used
(~ ` \\ | { } < > ^).  Such a line is dropped; a line with real words
among OCR errors is kept, since only a reader can tell.
"""

from __future__ import annotations

import bisect
import re

import regex

from ..model import Layout
from ..tiling import Disposition, Mark, make_attrs
from .pages import page_lines, pages

STAGE = "strip"
GARBAGE_RULE = "ocr.garbage-line"
GARBAGE_PARAGRAPH_RULE = "ocr.garbage-paragraph"
LINE_NUMBER_RULE = "furniture.line-number"

_WORDLIKE = regex.compile(
    r"(?:\p{Lu}?\p{Ll}+(?:['\u2019]\p{Ll}+)?|\p{Lu}+|\d+(?:[.,/:\-]\d+)*%?|\p{Lu}+[-/][\p{Lu}\d-]+|\p{Lu}\d+|\d+\p{L}{1,2}|(?:\p{Lu}\.)+|&|-{1,2})"
)
_STRIP = ".,;:()\"'!?[]\u201c\u201d\u2018\u2019*"
_ODD = set("~`\\|{}<>^@\u00ac")
MIN_WORDLIKE_SHARE = 0.4
MAX_ODD_SHARE = 0.25
MAX_GARBAGE_LENGTH = 120


def _is_wordlike(token: str) -> bool:
    """_WORDLIKE.fullmatch, with a fast path for a token of ASCII letters (most tokens), where the
    pattern's word shapes are exactly: all lower case, all capitals, or a capital and lower case."""
    if token.isascii() and token.isalpha():
        return token.islower() or token.isupper() or (token[0].isupper() and token[1:].islower())
    return _WORDLIKE.fullmatch(token) is not None


def is_garbage(line: str) -> bool:
    tokens = line.split()
    if len(line) > MAX_GARBAGE_LENGTH or not tokens:
        return False
    if len(tokens) == 1:
        # One token: garbage when it is mostly punctuation ('......I.', '-°“\\').
        alnum = sum(1 for c in line if c.isalnum())
        return len(line) >= 3 and alnum / len(line) < MIN_WORDLIKE_SHARE
    # Most lines hold no odd character at all: only the words decide.
    if not _ODD.isdisjoint(line) and sum(1 for c in line if c in _ODD) / len(line.replace(" ", "")) > MAX_ODD_SHARE:
        return True
    # Counting stops once enough tokens are word-like: a line of prose is
    # decided by its first few words.
    enough = MIN_WORDLIKE_SHARE * len(tokens)
    wordlike = 0
    for token in tokens:
        if _is_wordlike(token.strip(_STRIP) or "?"):
            wordlike += 1
            if wordlike >= enough:
                return False
    return True


def claim_garbage_lines(layout: Layout) -> None:
    text = layout.text
    for line in layout.lines:
        content = text[line.start : line.end]
        stripped = content.strip()
        if not stripped:
            continue
        start = line.start + len(content) - len(content.lstrip())
        end = start + len(stripped)
        if layout.tiling.is_free(start, end):
            runs = [(start, end)]
        else:
            # Judged on what is left once a control character or a stamp is out,
            # as the cleaned text will be judged if it is cleaned again.
            stripped = layout.free_text(line.start, line.end).strip()
            runs = layout.free_pieces(line.start, line.end)
        if stripped and is_garbage(stripped):
            for lo, hi in runs:
                layout.claim(Mark(lo, hi, Disposition.DROPPED, GARBAGE_RULE, "drop"), STAGE, "garbage line")


def claim_garbage_paragraphs(layout: Layout) -> None:
    """Drop a short paragraph that, read as one line, is garbage; and its block.

    Lines are judged one by one above, but a reader (and a second cleaning)
    reads a paragraph's lines as one: fragments left on two lines ('0{' and
    '0', around a cut stamp) pass alone and fail together.
    """
    kept = []
    for block in layout.blocks:
        reading = " ".join(layout.free_text(block.start, block.end).split())
        if reading and len(reading) <= MAX_GARBAGE_LENGTH and is_garbage(reading):
            for a, b in layout.free_pieces(block.start, block.end):
                layout.claim(Mark(a, b, Disposition.DROPPED, GARBAGE_PARAGRAPH_RULE, "drop"), "repair", "garbage paragraph")
            continue
        kept.append(block)
    layout.blocks = kept


_NUMBERED = regex.compile(r"[ \t]*(?P<n>\d{1,2})[ \t]+(?=\S)")
MIN_NUMBERED_LINES = 5
MAX_LINE_NUMBER = 30


_LONE_NUMBER = regex.compile(r"[ \t]*(?P<n>\d{1,2})[ \t]*")
MIN_LONE_NUMBERS = 8
# The standard library's engine: this plain pattern, scanned over every line of a file, is much faster there.
_LONE_NUMBER_LINES = re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]*$")
MIN_LONE_SPREAD = 12  # the numbers reach this far down the page: not a short list
LINES_PER_PAGE = 25


def _claim_lone_line_numbers(layout: Layout, page, lone_lines: list[int]) -> None:
    """A transcript page whose margin numbers OCR read as lines of their own ('5' / '6' / '7' ...).

    Engines that read the page in columns put the numbers on lines of their
    own, in any order; a page with at least eight such lines whose numbers
    are a page's line numbers (eight different ones at least, reaching 12, up to
    25, most of them different) has them
    claimed, each as ``lb n``.
    """
    text = layout.text
    if bisect.bisect_left(lone_lines, page.end) - bisect.bisect_left(lone_lines, page.start) < MIN_LONE_NUMBERS:
        return  # most pages: not enough number lines to look at each line
    lone = []
    for line in page_lines(layout, page):
        if not layout.has_free_text(line.start, line.end):
            continue
        match = _LONE_NUMBER.fullmatch(text, line.start, line.end)
        if match and layout.tiling.is_free(match.start("n"), match.end("n")) and int(match.group("n")) <= LINES_PER_PAGE:
            lone.append(match)
    values = [int(m.group("n")) for m in lone]
    if len(set(values)) < MIN_LONE_NUMBERS or len(set(values)) < 0.7 * len(values) or max(values) < MIN_LONE_SPREAD:
        return
    for match in lone:
        if layout.can_claim(match.start("n"), match.end()):
            end = len(text[: match.end()].rstrip(" \t"))
            mark = Mark(match.start("n"), end, Disposition.FORME, LINE_NUMBER_RULE, "lb", make_attrs(n=str(int(match.group("n")))))
            layout.claim(mark, STAGE, "line number")


def claim_line_numbers(layout: Layout) -> None:
    """Stenographic transcripts number the lines of each page (1 to 25) in the margin.

    On a page where at least five lines open with a small number and the
    numbers mostly count up by one, each number is claimed as ``lb n``.
    """
    text = layout.text
    # Where lines that are only a number stand, found once over the whole text.
    lone_lines = [m.start() for m in _LONE_NUMBER_LINES.finditer(text)]
    for page in pages(layout):
        numbered = []
        for line in page_lines(layout, page):
            ranges = list(layout.tiling.free_ranges(line.start, line.end))
            if not ranges:
                continue
            # The number must open the line's free text; what follows it may be claimed (a table pipe).
            match = _NUMBERED.match(text, ranges[0][0], line.end)
            if match and match.end("n") <= ranges[0][1] and int(match.group("n")) <= MAX_LINE_NUMBER:
                numbered.append(match)
        if len(lone_lines) >= MIN_LONE_NUMBERS:
            _claim_lone_line_numbers(layout, page, lone_lines)
        if len(numbered) < MIN_NUMBERED_LINES:
            continue
        values = [int(m.group("n")) for m in numbered]
        steps = sum(1 for a, b in zip(values, values[1:]) if b == a + 1)
        if steps < 0.7 * (len(values) - 1) or any(b < a for a, b in zip(values, values[1:])):
            continue
        for match in numbered:
            end = match.end("n")
            while end < len(text) and text[end] in " \t" and layout.tiling.is_free(end, end + 1):
                end += 1
            mark = Mark(match.start("n"), end, Disposition.FORME, LINE_NUMBER_RULE, "lb", make_attrs(n=match.group("n")))
            layout.claim(mark, STAGE, "line number")
