"""Stage 6, analyse: what each document is, when and by whom, and how its body is built.

Each step is a function over one item (with the file's layout, the item's
draft from segmentation and the run's settings); the order is ``STEPS``.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..classification import level_by_id
from ..dates import find_dates
from ..document import Analysed, Classification, Item, Node
from ..doctypes import doctype
from ..model import ItemDraft, Layout, Segmented
from ..naming import item_id, safe_stem
from ..settings import DEFAULT, Settings

STAGE = "analyse"


def collect_facts(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """File-scoped facts go to every item; item-scoped ones to the item they stand in."""
    item.facts = [
        fact
        for fact in layout.facts
        if fact.scope == "file" or item.start <= fact.start < item.end
    ]


def classification(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The document's marking: the highest level among its banners; struck if any banner was."""
    found = [f for f in item.facts if f.name == "classification" and f.scope == "item"]
    if not found:
        return
    levels = level_by_id()
    best = max(found, key=lambda f: (levels[f.attr("level")].rank, -f.start))
    struck = any(f.attr("struck") == "true" for f in found if f.attr("level") == best.attr("level"))
    caveats = sorted({f.attr("caveat") for f in found if f.attr("caveat")})
    item.classification = Classification(
        level_id=best.attr("level"),
        label=levels[best.attr("level")].label,
        text=best.value,
        struck=struck,
        caveat=" / ".join(caveats) if caveats else None,
        start=best.start,
        end=best.end,
    )


def pages(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """Pages: one more than the page breaks inside the item, when there are any."""
    breaks = [m for m in layout.tiling.marks_in(item.start, item.end) if m.kind == "pb"]
    if breaks:
        item.pages = len(breaks) + 1


_TYPE_CUES = (
    ("memorandum-of-conversation", regex.compile(r"(?i)\bmemorandum\s+of\s+conversation\b")),
    ("minutes", regex.compile(r"(?i)^\W*minutes\s+of\b")),
    ("telegram", regex.compile(r"(?i)\btelegram\b")),
    ("routing-slip", regex.compile(r"(?i)\brouting\s+(?:slip|and\s+record\s+sheet)\b")),
    ("memorandum", regex.compile(r"(?i)^\W*memorandum\b")),
    ("letter", regex.compile(r"(?i)^\W*dear\s+[^\n]{1,60}[:,]\s*$")),
)


def document_type(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """A first typing from headings and salutations near the top of the document."""
    head = [layout.free_text(b.start, b.end) for b in draft.blocks[:12]]
    for type_id, cue in _TYPE_CUES:
        for text in head:
            if cue.search(text):
                item.doctype = type_id
                item.doctype_evidence = f"{cue.pattern!r} matched {text[:60]!r}"
                return


def document_date(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The first full date in the document's opening blocks (stamps are already claimed)."""
    text = layout.text
    for block in draft.blocks[:8]:
        for lo, hi in layout.tiling.free_ranges(block.start, block.end):
            dates = [d for d in find_dates(text, lo, hi) if d.precision in ("day", "time")]
            if dates:
                item.date = dates[0]
                return


def title(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    item.title = doctype(item.doctype).label


def body(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """Every block a paragraph, until later steps know better."""
    item.body = [Node("p", block.start, block.end) for block in draft.blocks]


STEPS: tuple[Callable[[Layout, Item, ItemDraft, Settings], None], ...] = (
    collect_facts,
    classification,
    pages,
    document_type,
    document_date,
    title,
    body,
)


def analyse(segmented: Segmented, settings: Settings = DEFAULT) -> Analysed:
    layout = segmented.layout
    stem = safe_stem(layout.source.name)
    items = []
    for draft in segmented.items:
        item = Item(
            item_id=item_id(stem, draft.ordinal),
            ordinal=draft.ordinal,
            source=layout.source,
            start=draft.start,
            end=draft.end,
        )
        for step in STEPS:
            step(layout, item, draft, settings)
        items.append(item)
    return Analysed(layout, items)
