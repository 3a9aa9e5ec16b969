"""Stage 5, segment: cut a file into its documents, in reading order.

Items tile the file: item k covers raw[start_k:start_{k+1}], so every
character (noise included) belongs to exactly one item, and forme work that
stands before the first document or after the last goes to its neighbour.
"""

from __future__ import annotations

from ..model import ItemDraft, Layout, Segmented
from ..settings import DEFAULT, Settings
from ..structure.segmentation import find_cuts


def segment(layout: Layout, settings: Settings = DEFAULT) -> Segmented:
    """One item per document, cut where ``structure.segmentation`` finds a boundary."""
    cuts = find_cuts(layout, layout.blocks)
    bounds = [0] + [cut.offset for cut in cuts] + [len(layout.text)]
    evidence = ["start of file"] + [cut.evidence for cut in cuts]
    items = []
    for ordinal, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        inside = [b for b in layout.blocks if start <= b.start < end]
        items.append(ItemDraft(ordinal, start, end, inside, [evidence[ordinal - 1]]))
    return Segmented(layout, items)
