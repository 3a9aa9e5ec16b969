"""Stage normalise: lines and the characters XML cannot hold, each claimed under its rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.model import Line
from declassify.stages.normalise import LINE_TERMINATOR, normalise, split_lines
from declassify.stages.read import decode


def claims(text: str) -> list[tuple[str, str]]:
    layout = normalise(decode(text.encode("utf-8"), "t.txt"))
    return [(text[m.start : m.end], m.rule) for m in layout.tiling]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain\ntext\n", []),
        ("\ufeffBOM first\n", [("\ufeff", "normalise.byte-order-mark")]),
        ("a\r\nb\r\n", [("\r", "normalise.crlf"), ("\r", "normalise.crlf")]),
        ("old mac\rline\n", [("\r", "normalise.line-separator")]),
        ("bell\x07 and nul\x00\x00 x\n", [("\x07", "normalise.control-character"), ("\x00\x00", "normalise.control-character")]),
        ("zero\u200bwidth soft\u00adhyphen\n", [("\u200b", "normalise.invisible-character"), ("\u00ad", "normalise.invisible-character")]),
        ("page one\n\fpage two\n", [("\f", "normalise.form-feed")]),
        ("only page\n\f", [("\f", "normalise.form-feed-final")]),
        ("c1 \x85 nel and \x9d\n", [("\x85", "normalise.line-separator"), ("\x9d", "normalise.control-character")]),
    ],
)
def test_claims(text, expected):
    assert claims(text) == expected


def test_form_feed_is_numbered_page_break():
    layout = normalise(decode(b"one\n\ftwo\n\fthree\n", "t.txt"))
    breaks = [m for m in layout.tiling if m.kind == "pb"]
    assert [m.attr("n") for m in breaks] == ["2", "3"]


@pytest.mark.parametrize(
    "text, lines",
    [
        ("a\nb", [("a", "\n"), ("b", "")]),
        ("a\r\nb\r\n", [("a", "\r\n"), ("b", "\r\n")]),
        ("a\rb\fc", [("a", "\r"), ("b", "\f"), ("c", "")]),
        ("", [("", "")]),
    ],
)
def test_split_lines(text, lines):
    got = [(text[ln.start : ln.end], text[ln.end : ln.next]) for ln in split_lines(text)]
    assert got == lines


def test_double_spacing_detected_only_when_lines_run_on():
    wrapped = "".join(f"this line of a typed page runs on and {w}\n\n" for w in ["on", "on", "and", "then", "some", "more", "words", "here", "until"]) + "the end.\n"
    paragraphs = "".join(f"A paragraph that ends properly number {i}.\n\n" for i in range(10))
    assert normalise(decode(wrapped.encode(), "w.txt")).traits.get("spacing") == "double"
    assert "spacing" not in normalise(decode(paragraphs.encode(), "p.txt")).traits


def test_flattened_detected():
    flat = "word " * 400
    assert normalise(decode(flat.encode(), "f.txt")).traits.get("flattened") == "yes"


def lines_by_pattern(text: str) -> list[Line]:
    """The definition split_lines implements: LINE_TERMINATOR cuts, CRLF as one terminator."""
    lines, start = [], 0
    for match in LINE_TERMINATOR.finditer(text):
        lines.append(Line(len(lines), start, match.start(), match.end()))
        start = match.end()
    if start < len(text) or not text:
        lines.append(Line(len(lines), start, len(text), len(text)))
    return lines


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", " ", "\n", "\r", "\r\n", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\t", "\x0c\n"]), max_size=30).map("".join))
def test_split_lines_cuts_at_every_line_terminator(text):
    assert list(split_lines(text)) == lines_by_pattern(text)
