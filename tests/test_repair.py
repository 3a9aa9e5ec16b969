"""Stage repair, alone: blocks from free lines."""

from __future__ import annotations

import pytest

from helpers import layout_after


def blocks(text: str) -> list[str]:
    layout = layout_after(text, "repair")
    return [" ".join(layout.free_text(b.start, b.end).split()) for b in layout.blocks]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One.\n\nTwo\nlines.\n", ["One.", "Two lines."]),
        ("One.\n\n\n\nTwo.", ["One.", "Two."]),
        ("Para one.\n~~SECRET~~\nPara two.\n", ["Para one.", "Para two."]),
        ("STAT\n", []),
    ],
)
def test_blocks(text, expected):
    assert blocks(text) == expected


def test_double_spaced_file_keeps_paragraphs():
    lines = [
        "Our diplomacy appears not to appreciate the",
        "essentiality of certain forward positions to",
        "our long-term strategic objectives in the",
        "region and elsewhere.",
    ]
    para = "\n\n".join(lines)
    text = para + "\n\n\n" + para.replace("Our", "Their") + "\n"
    assert len(blocks(text)) == 2


@pytest.mark.parametrize(
    "data",
    [b"aDATE: June 4, 1961\n", b"a\x1fDATE: June 4, 1961\n", b"a\x00DATE: June 4, 1961\n"],
    ids=["glued", "glued across a dropped control character", "glued across a NUL"],
)
def test_run_together_field_is_split_in_the_reading_text(data):
    """The split is found in what a reader reads, so cleaning the cleaned text again finds nothing new."""
    from declassify.pipeline import encode_bytes
    from declassify.reading import reading_text

    once = reading_text(encode_bytes(data, "f.txt").items[0].root)
    assert once == "a DATE: June 4, 1961"
    assert reading_text(encode_bytes(once.encode(), "f.txt").items[0].root) == once


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Text of the memo.\n\n0{\n0\n", ["Text of the memo."]),  # junk lines pass alone, fail read together
        ("Text of the memo.\n\n~| ^\n{}\n", ["Text of the memo."]),
        ("Text of the memo.\n\n2.\n", ["Text of the memo.", "2."]),  # short, but not junk
        ("Text of the memo.\n\nQ. Yes.\nA. No.\n", ["Text of the memo.", "Q. Yes. A. No."]),
    ],
)
def test_short_junk_paragraphs_are_dropped_whole(text, expected):
    assert blocks(text) == expected
