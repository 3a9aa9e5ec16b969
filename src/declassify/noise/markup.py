"""Markup that OCR engines and converters write into the text: markdown and HTML emphasis.

``**bold**``, ``*italic*``, ``~~struck~~``, ``<del>x</del>``, ``<u>x</u>``:
the markers are claimed as dropped (rule ``markup.*``) and the text between
them gets an annotation the encoder writes as ``hi`` or ``del``.  Markers
only pair up inside one paragraph (never across a blank line), and only when
both are free, so a stamp or banner already claimed keeps its own reading.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Anno, Layout
from ..tiling import Disposition, Mark, make_attrs

STAGE = "strip"


@dataclass(frozen=True)
class Emphasis:
    rule: str
    pattern: regex.Pattern
    tag: str
    attrs: tuple[tuple[str, str], ...]


_NO_BLANK_LINE = r"(?:(?!\n[ \t]*\n)[^\x00])"

EMPHASES = (
    Emphasis(
        "markup.markdown-bold",
        regex.compile(rf"(?<![*\\])(\*\*|__)(?=\S)(?P<inner>{_NO_BLANK_LINE}+?)(?<=\S)\1(?!\*)"),
        "hi",
        make_attrs(rend="bold"),
    ),
    Emphasis(
        "markup.markdown-strikethrough",
        regex.compile(rf"(~~)(?=\S)(?P<inner>{_NO_BLANK_LINE}+?)(?<=\S)~~"),
        "del",
        make_attrs(rend="strikethrough"),
    ),
    Emphasis(
        "markup.markdown-italic",
        regex.compile(r"(?<![*\w\\])(\*)(?=[^\s*])(?P<inner>[^*\n]+?)(?<=[^\s*])\*(?![*\w])"),
        "hi",
        make_attrs(rend="italic"),
    ),
    Emphasis(
        "markup.html-del",
        regex.compile(rf"(<(?:del|s|strike)>)(?P<inner>{_NO_BLANK_LINE}*?)</(?:del|s|strike)>", regex.IGNORECASE),
        "del",
        make_attrs(rend="strikethrough"),
    ),
    Emphasis(
        "markup.html-underline",
        regex.compile(rf"(<u>)(?P<inner>{_NO_BLANK_LINE}*?)</u>", regex.IGNORECASE),
        "hi",
        make_attrs(rend="underline"),
    ),
    Emphasis(
        "markup.html-bold",
        regex.compile(rf"(<(?:b|strong)>)(?P<inner>{_NO_BLANK_LINE}*?)</(?:b|strong)>", regex.IGNORECASE),
        "hi",
        make_attrs(rend="bold"),
    ),
    Emphasis(
        "markup.html-italic",
        regex.compile(rf"(<(?:i|em)>)(?P<inner>{_NO_BLANK_LINE}*?)</(?:i|em)>", regex.IGNORECASE),
        "hi",
        make_attrs(rend="italic"),
    ),
)


def claim_emphasis(layout: Layout, timeout: float = 2.0) -> None:
    """Turn paired emphasis markers in free text into annotations, dropping the markers."""
    text = layout.text
    for emphasis in EMPHASES:
        try:
            matches = list(emphasis.pattern.finditer(text, timeout=timeout))
        except TimeoutError:
            continue
        for match in matches:
            open_start, open_end = match.start(), match.start("inner")
            close_start, close_end = match.end("inner"), match.end()
            tiling = layout.tiling
            if not (tiling.is_free(open_start, open_end) and tiling.is_free(close_start, close_end)):
                continue
            opener = Mark(open_start, open_end, Disposition.DROPPED, emphasis.rule, "drop")
            closer = Mark(close_start, close_end, Disposition.DROPPED, emphasis.rule, "drop")
            layout.claim(opener, STAGE, "markup marker")
            layout.claim(closer, STAGE, "markup marker")
            if close_start > open_end:
                layout.annos.append(Anno(open_end, close_start, emphasis.tag, emphasis.rule, emphasis.attrs))


_HEADING_MARKER = regex.compile(r"^[ \t]*(#{1,6})[ \t]+(?=\S)", regex.MULTILINE)


def claim_heading_markers(layout: Layout) -> None:
    """The '#' of a markdown heading is syntax; the heading's words stay text."""
    for match in _HEADING_MARKER.finditer(layout.text):
        start, end = match.span()
        if layout.tiling.is_free(start, end):
            layout.claim(Mark(start, end, Disposition.DROPPED, "markup.markdown-heading", "drop"), STAGE, "heading marker")


_PIPE = regex.compile(r"\|")
_TABLE_ROW = regex.compile(r"^[ \t]*\|.*\|[ \t]*$", regex.MULTILINE)


def claim_table_pipes(layout: Layout) -> None:
    """The pipes of a markdown table row are syntax; the cells stay text, apart."""
    text = layout.text
    for row in _TABLE_ROW.finditer(text):
        for pipe in _PIPE.finditer(text[row.start() : row.end()]):
            at = row.start() + pipe.start()
            if layout.tiling.is_free(at, at + 1):
                layout.claim(Mark(at, at + 1, Disposition.DROPPED, "markup.markdown-table", "drop"), STAGE, "table pipe")
