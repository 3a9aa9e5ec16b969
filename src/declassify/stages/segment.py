"""Stage 5, segment: cut a file into its documents, in reading order.

Items tile the file: item k covers raw[start_k:start_{k+1}], so every
character (noise included) belongs to exactly one item, and forme work that
stands before the first document or after the last goes to its neighbour.
"""

from __future__ import annotations

from ..model import ItemDraft, Layout, Segmented
from ..settings import DEFAULT, Settings


def segment(layout: Layout, settings: Settings = DEFAULT) -> Segmented:
    """One item per document; the first cut is the whole file."""
    starts = [0]
    items = []
    blocks = layout.blocks
    bounds = starts + [len(layout.text)]
    for ordinal, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        inside = [b for b in blocks if start <= b.start < end]
        items.append(ItemDraft(ordinal, start, end, inside, ["whole file"]))
    return Segmented(layout, items)
