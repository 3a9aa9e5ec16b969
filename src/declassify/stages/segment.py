"""Stage 5, segment: cut a file into its documents, in reading order.

Items tile the file: item k covers raw[start_k:start_{k+1}], so every
character (noise included) belongs to exactly one item, and forme work that
stands before the first document or after the last goes to its neighbour.
"""

from __future__ import annotations

from bisect import bisect_right

from ..model import ItemDraft, Layout, Segmented
from ..settings import DEFAULT, Settings
from ..structure.segmentation import find_cuts


def segment(layout: Layout, settings: Settings = DEFAULT) -> Segmented:
    """One item per document, cut where ``structure.segmentation`` finds a boundary."""
    cuts = find_cuts(layout, layout.blocks)
    bounds = [0] + [cut.offset for cut in cuts] + [len(layout.text)]
    evidence = ["start of file"] + [cut.evidence for cut in cuts]
    assert bounds == sorted(bounds), "cuts out of reading order"
    # Each block goes to the item its start lies in, found by bisection: a
    # scan of all blocks per item was quadratic in a file of many documents.
    inside: list[list] = [[] for _ in range(len(bounds) - 1)]
    for block in layout.blocks:
        k = bisect_right(bounds, block.start) - 1
        if 0 <= k < len(inside):
            inside[k].append(block)
    items = [
        ItemDraft(ordinal, start, end, inside[ordinal - 1], [evidence[ordinal - 1]])
        for ordinal, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1)
    ]
    return Segmented(layout, items)
