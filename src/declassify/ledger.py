"""The removal ledger: spans that tile a raw file exactly, each with its fate and its rule.

Concatenating the spans' text gives back the decoded raw file, and encoding
that with the source's codec gives back its bytes: that is the test that
nothing was lost.  Free text is ``text``; every claim keeps its disposition
and the rule that made it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from . import __version__
from .document import Item
from .model import Layout
from .tiling import Disposition

TEXT_RULE = "text"


def _owner(items: list[Item], starts: list[int], position: int) -> str | None:
    """The item whose range holds ``position`` (items are in order and do not overlap)."""
    index = bisect_right(starts, position) - 1
    if 0 <= index < len(items) and items[index].start <= position < items[index].end:
        return items[index].item_id
    for item in items:  # ranges with gaps: the first that holds it, as before
        if item.start <= position < item.end:
            return item.item_id
    return items[-1].item_id if items else None


def build_ledger(layout: Layout, items: list[Item]) -> dict:
    """The ledger of one raw file (schemas/ledger.schema.json).

    Linear in the file: cuts and owners are found by bisection, and a span
    merged from many pieces takes its text from the raw text once, at the end.
    """
    text = layout.text
    spans: list[dict] = []
    cuts = sorted({item.start for item in items} | {item.end for item in items})
    starts = [item.start for item in items]

    def split_at_items(pieces):
        # A free run may straddle the cut between two documents: each part is its document's.
        for lo, hi, mark in pieces:
            if mark is not None:
                yield lo, hi, mark
                continue
            inner = cuts[bisect_right(cuts, lo) : bisect_left(cuts, hi)]
            for a, b in zip([lo, *inner], [*inner, hi]):
                yield a, b, None

    for lo, hi, mark in split_at_items(layout.tiling.pieces(0, len(text))):
        if hi == lo:
            continue  # zero-width marks (inferred page breaks) cover no characters
        if mark is None:
            disposition, rule = Disposition.TEXT, TEXT_RULE
        else:
            disposition, rule = mark.disposition, mark.rule
        owner = None if disposition == Disposition.HEADER else _owner(items, starts, lo)
        span = {"start": lo, "end": hi, "disposition": str(disposition), "rule": rule, "item": owner, "text": ""}
        if mark is not None and mark.kind == "fix":
            span["out"] = mark.out
        previous = spans[-1] if spans else None
        if (
            previous is not None
            and previous["end"] == lo
            and previous["disposition"] == span["disposition"]
            and previous["rule"] == rule
            and previous["item"] == owner
            and "out" not in previous
            and "out" not in span
        ):
            previous["end"] = hi
        else:
            spans.append(span)
    for span in spans:
        span["text"] = text[span["start"] : span["end"]]
    summary = Counter()
    for span in spans:
        summary[span["disposition"]] += span["end"] - span["start"]
    source = layout.source
    ledger = {
        "source": source.name,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "length": len(text),
        "pipeline": f"declassify {__version__}",
        "items": [item.item_id for item in items],
        "summary": {d.value: summary.get(d.value, 0) for d in Disposition},
        "spans": spans,
        "facts": [
            {
                "name": fact.name,
                "value": fact.value,
                "start": fact.start,
                "end": fact.end,
                "rule": fact.rule,
                "scope": fact.scope,
                "attrs": dict(fact.attrs),
            }
            for fact in sorted(layout.facts, key=lambda f: (f.start, f.end, f.name, f.value))
        ],
    }
    if source.fallback:
        ledger["fallback"] = list(source.fallback)
    if source.warnings:
        ledger["warnings"] = list(source.warnings)
    return ledger


def check_tiling(ledger: dict, text: str) -> None:
    """Assert the ledger's invariant: its spans tile ``text`` exactly, in order."""
    cursor = 0
    for span in ledger["spans"]:
        if span["start"] != cursor or span["end"] <= span["start"]:
            raise AssertionError(f"ledger gap or overlap at {cursor} in {ledger['source']}")
        if text[span["start"] : span["end"]] != span["text"]:
            raise AssertionError(f"ledger text differs from the raw text at {cursor} in {ledger['source']}")
        cursor = span["end"]
    if cursor != len(text):
        raise AssertionError(f"ledger stops at {cursor} of {len(text)} in {ledger['source']}")
