"""Stage 2, normalise: cut the decoded text into lines and claim what XML cannot hold.

Each fix below is one small function: what it claims, under which rule, and
why.  Nothing is rewritten in place; characters that cannot or should not
reach the XML are claimed as ``dropped`` (or, for a form feed between pages,
as a page break), so the ledger still tiles the raw text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from ..model import Layout, Line, Source
from ..tiling import Disposition, Mark, Tiling, make_attrs

STAGE = "normalise"

# \r\n first so that it is one terminator, then every character Python's
# str.splitlines() treats as a line boundary.
LINE_TERMINATOR = regex.compile(r"\r\n|[\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029]")


def normalise(source: Source) -> Layout:
    """Split ``source`` into lines and claim BOM, CR, controls and invisible characters."""
    lines = tuple(split_lines(source.text))
    layout = Layout(source=source, lines=lines, tiling=Tiling(len(source.text)))
    for fix in FIXES:
        for mark in fix(source.text):
            layout.claim(mark, STAGE)
    layout.traits.update(detect_traits(layout))
    return layout


# The characters of LINE_TERMINATOR, which end a piece of str.splitlines().
_TERMINATOR_CHARS = "\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029"


def split_lines(text: str) -> Iterator[Line]:
    """Lines with their terminators: raw[start:end] content, raw[end:next] terminator.

    str.splitlines() cuts at exactly LINE_TERMINATOR (\\r\\n as one), in C,
    twice as fast as the pattern; each piece ends in one terminator at
    most, so stripping terminator characters from its end strips that one.
    """
    start = 0
    for index, piece in enumerate(text.splitlines(keepends=True)):
        following = start + len(piece)
        yield Line(index, start, start + len(piece.rstrip(_TERMINATOR_CHARS)), following)
        start = following
    if not text:
        yield Line(0, 0, 0, 0)


def _drop(start: int, end: int, rule: str) -> Mark:
    return Mark(start, end, Disposition.DROPPED, rule, "drop")


def claim_byte_order_mark(text: str) -> Iterator[Mark]:
    """A BOM (U+FEFF at offset 0) is an encoding signature, not text."""
    if text.startswith("\ufeff"):
        yield _drop(0, 1, "normalise.byte-order-mark")


_CR_OF_CRLF = regex.compile(r"\r(?=\n)")
_OTHER_SEPARATOR = regex.compile(r"\r(?!\n)|[\v\x1c\x1d\x1e\x85\u2028\u2029]")
_FORM_FEED = regex.compile(r"\f")


def claim_carriage_returns(text: str) -> Iterator[Mark]:
    """CR of a CRLF pair, and a lone CR or other rare line separator: the line split already counted it."""
    for match in _CR_OF_CRLF.finditer(text):
        yield _drop(match.start(), match.end(), "normalise.crlf")
    for match in _OTHER_SEPARATOR.finditer(text):
        yield _drop(match.start(), match.end(), "normalise.line-separator")


def claim_form_feeds(text: str) -> Iterator[Mark]:
    """A form feed ends a page (tesseract writes one after every page).

    Followed by more text, it is a page break; at the end of the file it only
    closes the last page and is dropped.
    """
    feeds = [m.start() for m in _FORM_FEED.finditer(text)]
    content_end = len(text.rstrip())  # past it only white space (slicing per feed is quadratic)
    page = 1
    for offset in feeds:
        if offset + 1 < content_end:
            page += 1
            yield Mark(offset, offset + 1, Disposition.FORME, "normalise.form-feed", "pb", make_attrs(n=page))
        else:
            yield _drop(offset, offset + 1, "normalise.form-feed-final")


# XML 1.0 forbids C0 controls other than tab/LF/CR, lone surrogates and
# U+FFFE/U+FFFF; C1 controls and DEL are allowed but in OCR text they are
# always debris of a bad decoding.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]+")
# Invisible format characters that OCR engines and word processors leave behind.
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")


def claim_control_characters(text: str) -> Iterator[Mark]:
    """Characters illegal in XML 1.0, and C1 controls: never text."""
    for match in _CONTROL.finditer(text):
        yield _drop(match.start(), match.end(), "normalise.control-character")


def claim_invisible_characters(text: str) -> Iterator[Mark]:
    """Zero-width spaces, bidi marks, soft hyphens and stray BOMs carry no reading text."""
    for match in _INVISIBLE.finditer(text):
        if match.start() == 0 and text[0] == "\ufeff":
            if match.end() == 1:
                continue  # the byte order mark has its own rule
            yield _drop(1, match.end(), "normalise.invisible-character")
            continue
        yield _drop(match.start(), match.end(), "normalise.invisible-character")


FIXES: tuple[Callable[[str], Iterator[Mark]], ...] = (
    claim_byte_order_mark,
    claim_carriage_returns,
    claim_form_feeds,
    claim_control_characters,
    claim_invisible_characters,
)


NEARLY_ALL = 0.9
ALL_BUT_A_FEW = 0.95  # of a long file's lines followed by one blank line: the engine's habit, not paragraphs
ENGINE_TRAIT_LINES = 30
TYPED_LINE_CHARS = 100  # a typed page's lines are at most about this long (median)
RUN_ON_SHARE = 0.3  # share of a typed page's lines that break mid-sentence, at least


FULL_LINE = 0.7  # of the typical (80th percentile) line: a line wrapped at the margin
FULL_SHARE = 0.4  # share of a typed page's lines that run to the margin, at least
MIN_TYPICAL_CHARS = 40


def _typed_lines(text: str, contentful: list) -> bool:
    """The lines are a typed page's: short, many running to the margin, many breaking mid-sentence."""
    lengths = sorted(len(text[ln.start : ln.end].strip()) for ln in contentful)
    typical = lengths[int(len(lengths) * 0.8)]
    if lengths[len(lengths) // 2] > TYPED_LINE_CHARS or typical < MIN_TYPICAL_CHARS:
        return False
    if sum(1 for n in lengths if n >= FULL_LINE * typical) < FULL_SHARE * len(lengths):
        return False
    open_ended = sum(1 for ln in contentful if text[ln.start : ln.end].rstrip()[-1:] not in '.!?:;"\u201d')
    return open_ended >= RUN_ON_SHARE * len(contentful)


def detect_traits(layout: Layout) -> dict[str, str]:
    """Facts about the file's layout that later stages adapt to.

    ``spacing=double``: an OCR engine (ABBYY, in Internet Archive full text)
    wrote a blank line after every line, so one blank line is a line break
    and only two or more make a paragraph break.
    ``flattened=yes``: the text has (almost) no line breaks at all, as some
    reading-room pages store it.
    """
    text = layout.text
    traits: dict[str, str] = {}
    lines = layout.lines
    contentful = [ln for ln in lines if text[ln.start : ln.end].strip()]
    if len(contentful) >= 8:
        # Pairs of content lines with exactly one blank line between them, and
        # among those the ones where a sentence runs on from one to the next:
        # a typed page wrapped at its margin, not a paragraph per line.
        single_gap = run_on = 0
        for ln in contentful:
            nxt = ln.index + 1
            if (
                nxt + 1 < len(lines)
                and not text[lines[nxt].start : lines[nxt].end].strip()
                and text[lines[nxt + 1].start : lines[nxt + 1].end].strip()
            ):
                single_gap += 1
                before = text[ln.start : ln.end].rstrip()
                after = text[lines[nxt + 1].start : lines[nxt + 1].end].lstrip()
                if before and before[-1] not in '.!?:;"\u201d' and after[:1].islower():
                    run_on += 1
        if single_gap / len(contentful) >= 0.6 and run_on / single_gap >= 0.25:
            traits["spacing"] = "double"
        elif (single_gap / len(contentful) >= NEARLY_ALL and _typed_lines(text, contentful)) or (
            len(contentful) >= ENGINE_TRAIT_LINES and single_gap / len(contentful) >= ALL_BUT_A_FEW
        ):
            # Apple Vision OCR of the JFK releases puts a blank line after every
            # line, capitals or not: when nearly every line is followed by one
            # and the lines are a typed page's (short, most of them breaking
            # mid-sentence), the blank lines are line breaks too.
            traits["spacing"] = "double"
    longest = max((ln.end - ln.start for ln in lines), default=0)
    if longest > 600 and longest > 0.5 * len(text):
        traits["flattened"] = "yes"
    return traits
