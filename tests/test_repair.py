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
