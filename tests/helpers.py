"""Small helpers for stage tests: run the pipeline up to a stage on literal text."""

from __future__ import annotations

from declassify.pipeline import run
from declassify.stages.read import decode


def layout_after(text: str, stage: str, name: str = "t.txt"):
    """The value the pipeline holds after ``stage``, for ``text``."""
    return run(decode(text.encode("utf-8"), name), start="normalise", until=stage)


def claimed(layout) -> list[tuple[str, str, str]]:
    """(raw text, rule, kind) of every positive-width claim, in order."""
    text = layout.text
    return [(text[m.start : m.end], m.rule, m.kind) for m in layout.tiling if m.end > m.start]


def free_text(layout) -> str:
    """The unclaimed text, whitespace folded."""
    return " ".join(layout.free_text(0, len(layout.text)).split())
