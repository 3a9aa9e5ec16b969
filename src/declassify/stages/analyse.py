"""Stage 6, analyse: what each document is, when and by whom, and how its body is built.

The harvested facts are first given to the items they describe (see
``fact_scope``); then each step is a function over one item (with the
file's layout, the item's draft from segmentation and the run's settings);
the order is ``STEPS``.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..classification import level_by_id
from ..dates import find_dates
from ..document import Analysed, Classification, Correspondence, Item
from ..doctypes import doctype
from ..fact_scope import facts_by_item
from ..model import Block, ItemDraft, Layout, Segmented
from ..people.steps import link_persons, participants, speakers
from ..structure.anatomy import dissect
from ..structure.correspondents import letter_correspondents, memo_correspondents, telegram_correspondents
from ..structure.segmentation import FORM_RULE_PREFIX
from ..structure.telegrams import date_time_group, quoted_spans, read_addressing, wrap_quoted
from ..structure.vocabulary import vocabulary
from ..naming import item_id, safe_stem
from ..settings import DEFAULT, Settings

STAGE = "analyse"


def classification(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The document's marking: the highest level among its banners; struck if any banner was."""
    found = [f for f in item.facts if f.name == "classification" and f.scope == "item"]
    if not found:
        return
    levels = level_by_id()
    best = max(found, key=lambda f: (levels[f.attr("level")].rank, -f.start))
    struck = any(f.attr("struck") == "true" for f in found if f.attr("level") == best.attr("level"))
    # A caveat is printed with the level ('SECRET NOFORN') or on a line of its own ('EYES ONLY AMBASSADOR').
    caveats = sorted({f.attr("caveat") for f in found if f.attr("caveat")} | {f.value for f in item.facts if f.name == "handling" and f.scope == "item"})
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
    """Pages: one more than the page breaks inside the item, when there are any.

    A break with nothing but white space before it in the item (the page
    break that opens the first page) adds no page.
    """
    text = layout.text
    breaks = [m for m in layout.tiling.marks_in(item.start, item.end) if m.kind == "pb" and text[item.start : m.start].strip()]
    if breaks:
        item.pages = len(breaks) + 1


# Headings that name a document's kind, tried in order on each line of the first blocks.
# A heading is a short line: the same words inside a sentence name some other document.
HEADING_WORDS = 12
BODY_WORDS = 40
FLATTENED_OPENING = 200  # characters of a flattened document in which its heading may stand
_TYPE_CUES = (
    ("memorandum-of-conversation", regex.compile(r"(?i)^\W*(?:memorandum\s+of\s+(?:a\s+)?conversation|interview\s+(?:with|of)\b|record\s+of\s+(?:a\s+)?(?:conversation|interview))")),
    ("minutes", regex.compile(r"(?i)^\W*(?:minutes\s+of\b|record\s+of\s+(?:a\s+)?meeting|summary\s+record\b)")),
    ("transcript", regex.compile(r"(?i)^\W*(?:report\s+of\s+proceedings|testimony\s+of\b|deposition\s+of\b|hearings?\s+(?:held\s+)?before\b|transcript\s+of\b)")),
    ("telegram", regex.compile(r"(?i)^\W*(?:(?:incoming|outgoing)\s+)?(?:telegram|cablegram|airgram)\b")),
    ("cable", regex.compile(r"(?i)^\W*(?:cable\b|dispatch\s+no\b|intelligence\s+information\s+cable)")),
    ("routing-slip", regex.compile(r"(?i)\brouting\s+(?:slip|and\s+record\s+sheet)\b")),
    ("memorandum", regex.compile(r"(?i)^\W*memorandum\b")),
    ("report", regex.compile(r"(?i)^\W*(?:intelligence\s+report|information\s+report|national\s+intelligence\s+estimate|special\s+national\s+intelligence\s+estimate|the\s+president'?s\s+(?:intelligence\s+)?check\s*list|current\s+intelligence\s+(?:bulletin|weekly))\b")),
    ("letter", regex.compile(r"(?i)^\W*dear\s+[^\n]{1,60}[:,]\s*$")),
)


def structure(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The document's parts (structure.anatomy); a telegram's quoted letter read as a document of its own."""
    quote = quoted_spans(layout, draft.blocks)
    if quote is None:
        item.anatomy = dissect(layout, draft.blocks)
        return
    open_start, open_end, close_start, close_end = quote
    before = [b for b in draft.blocks if b.end <= open_start]
    inside = []
    for block in draft.blocks:
        if block.end <= open_end or block.start >= close_start:
            continue
        inside.append(Block(max(block.start, open_end), min(block.end, close_start), block.first_line, block.last_line))
    after = [b for b in draft.blocks if b.start >= close_end]
    outer = dissect(layout, before + after)
    inner = dissect(layout, inside)
    outer.nodes = wrap_quoted(outer.nodes, quote, inner.nodes)
    outer.annos += inner.annos
    outer.inner = inner
    item.anatomy = outer


def _forms_in(layout: Layout, item: Item) -> set[str]:
    return {m.rule for m in layout.tiling.marks_in(item.start, item.end) if m.rule.startswith(FORM_RULE_PREFIX)}


def document_type(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The document's type, from the strongest signal present; the signal is kept as evidence."""
    anatomy = item.anatomy
    words = vocabulary().document_words
    if anatomy.heading_kind and anatomy.heading_kind.lower() in words:
        item.doctype = words[anatomy.heading_kind.lower()]
        item.doctype_evidence = f"edition heading {anatomy.heading_text!r}"
        return
    addressing = read_addressing(layout, item.start, item.end)
    if addressing.direction or (addressing.sender and addressing.to):
        item.doctype = "telegram"
        item.subtype = addressing.direction
        item.doctype_evidence = addressing.evidence or "telegram address fields (FM/TO)"
        return
    if any(rule.endswith("routing-slip") for rule in _forms_in(layout, item)):
        item.doctype = "routing-slip"
        item.doctype_evidence = "printed routing-slip form"
        return
    lines = []
    for block in draft.blocks[:12]:
        text = layout.free_text(block.start, block.end)
        for line in text.split("\n"):
            if len(line.split()) > HEADING_WORDS and len(text.split()) >= BODY_WORDS:
                break  # the body has begun: below it the same words cite other documents
            if line.strip():
                lines.append(line.strip())
        else:
            continue
        break
    if layout.traits.get("flattened") == "yes" and draft.blocks:
        # No line breaks to find a heading by: try each word of the document's opening as a line start.
        first = draft.blocks[0].start
        opening = layout.free_text(first, min(item.end, first + FLATTENED_OPENING))
        lines = [opening[m.start() : m.start() + 80] for m in regex.finditer(r"(?<!\S)\S", opening)]
    for type_id, cue in _TYPE_CUES:
        for line in lines:
            if cue.search(line):
                item.doctype = type_id
                item.doctype_evidence = f"heading {line[:60]!r}"
                return
    if anatomy.salute or any(n.tag == "closer" and any(c.tag == "salute" for c in n.children) for n in anatomy.nodes):
        item.doctype = "letter"
        item.doctype_evidence = "salutation or complimentary close"


def edition_introduction(items: list[Item]) -> None:
    """An untyped first document before an edition's numbered documents is the edition's introduction."""
    if len(items) > 1 and items[0].doctype == "other" and items[1].anatomy.number is not None:
        items[0].doctype = "editorial"
        items[0].doctype_evidence = "untyped text before the numbered documents of an edition"
        if items[0].anatomy.date is None:
            items[0].date = None  # the first date of an introduction is of the events it tells


def attachments(layout: Layout, items: list[Item]) -> None:
    """A document that speaks of what is attached or enclosed covers the document after it; a routing slip, the one it routes.

    Both documents say so (``relatedItem`` in their headers). A numbered
    edition document is never another's attachment: the edition put it there.
    """
    mention = vocabulary().attachment_mention
    for covering, covered in zip(items, items[1:]):
        if covered.number is not None:
            continue
        if covering.doctype == "routing-slip":
            covering.related.append(("routes", covered.item_id))
            covered.related.append(("routed-by", covering.item_id))
        elif mention.search(layout.free_text(covering.start, covering.end)):
            covering.related.append(("attachment", covered.item_id))
            covered.related.append(("attached-to", covering.item_id))


def document_date(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The date of the dateline or heading; else of a routing slip's sender row; else the first full date near the top."""
    anatomy = item.anatomy
    if anatomy.date is not None:
        item.date = anatomy.date
        item.place = anatomy.place
        return
    text = layout.text
    if item.doctype == "editorial":
        return  # an introduction's dates are of the events it tells
    if item.doctype == "routing-slip":
        row = routing_sender(layout, item)
        if row is not None:
            item.date = row[1]
            return
    if item.doctype in ("telegram", "cable"):
        group = date_time_group(layout.free_text(item.start, min(item.end, item.start + 3000)))
        if group is not None:
            item.date = group
            return
    for block in draft.blocks[:8]:
        for lo, hi in layout.tiling.free_ranges(block.start, block.end):
            dates = [d for d in find_dates(text, lo, hi) if d.precision in ("day", "time")]
            if dates:
                item.date = dates[0]
                return


def routing_sender(layout: Layout, item: Item):
    """(sender, date) typed in a routing slip's sender row, under its printed label."""
    labels = [" ".join(label.split()).upper() for label in vocabulary().sender_labels]
    for mark in layout.tiling.marks_in(item.start, item.end):
        cell = " ".join(layout.text[mark.start : mark.end].split()).upper()
        if not any(cell == label or (len(cell) >= 10 and label.startswith(cell)) for label in labels):
            continue
        row_start = layout.text.find("\n", mark.end)
        while row_start != -1:
            row_end = layout.text.find("\n", row_start + 1)
            row_end = item.end if row_end == -1 else min(row_end, item.end)
            row = layout.free_text(row_start, row_end)
            if row.strip():
                dates = find_dates(row, month_year_numeric=False)
                name = row[: dates[0].start].strip() if dates else row.strip()
                return " ".join(name.split()), (dates[0] if dates else None)
            row_start = row_end if row_end < item.end else -1
    return None


def correspondents(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """Senders and recipients (correspDesc), by the conventions of the document's type."""
    anatomy = item.anatomy
    if item.doctype == "letter":
        letter_correspondents(item, anatomy)
    elif item.doctype in ("telegram", "cable"):
        addressing = read_addressing(layout, item.start, item.end)
        office = telegram_office(layout, item)
        signer = telegram_signer(layout, item)
        telegram_correspondents(item, anatomy, addressing, signer, office)
    elif item.doctype == "routing-slip":
        row = routing_sender(layout, item)
        if row and row[0]:
            action = Correspondence("sent", names=[row[0]], date=row[1])
            item.corresp.append(action)
    elif item.doctype.startswith("memorandum"):
        memo_correspondents(item, anatomy)


def telegram_office(layout: Layout, item: Item) -> str | None:
    """The sending office printed beside an outgoing form's head ('OUTGOING TELEGRAM Department of State')."""
    vocab = vocabulary()
    head = layout.text[item.start : min(item.end, item.start + 400)]
    match = vocab.telegram_direction.search(head.upper())
    if not match or vocab.directions[" ".join(match.group("label").split())] != "outgoing":
        return None
    rest = head[match.end() :].split("\n", 1)[0].strip(" #*")
    return rest if rest and len(rest.split()) <= 5 else None


def telegram_signer(layout: Layout, item: Item) -> str | None:
    """The surname in capitals that signs a telegram, as its last line of text."""
    anatomy = item.anatomy
    for node in reversed(anatomy.nodes):
        if node.tag == "closer":
            for child in node.children:
                if child.tag == "signed":
                    return " ".join(layout.free_text(child.start, child.end).split()).strip(" .") or None
        break
    return None


def drafting(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """Drafting, clearance and approval lines of a telegram form, as notes of the header."""
    for fact in item.facts:
        if fact.name == "drafting":
            role = fact.attr("role") or "drafted"
            item.notes.append((role, " ".join(fact.value.split())))


def title(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """An editorial title, FRUS style: 'Letter From W. Averell Harriman to Allen W. Dulles'."""
    anatomy = item.anatomy
    label = doctype(item.doctype).label
    item.number = anatomy.number
    if anatomy.heading_text and anatomy.number:
        item.title = anatomy.heading_text[len(anatomy.number) + 1 :].strip()
        return
    if item.doctype in ("minutes", "editorial") and anatomy.title:
        item.title = anatomy.title
        return
    senders = _names(item, "sent")
    recipients = _names(item, "received", subtype=None)
    item.title = label
    if senders:
        item.title += f" From {senders[0]}"
    if recipients:
        item.title += " to " + " and ".join(recipients[:3])


def _names(item: Item, kind: str, subtype: str | None = "any") -> list[str]:
    names = []
    for action in item.corresp:
        if action.type != kind or (subtype != "any" and action.subtype != subtype):
            continue
        names += [next(p.name for p in item.persons if p.xml_id == pid) for pid in action.persons]
        names += action.names
    return names


def body(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The nodes of the anatomy; its inline marks (dates, places, signers) as annotations."""
    item.body = item.anatomy.nodes
    item.annos = item.anatomy.annos
    item.evidence = draft.evidence + item.anatomy.evidence


STEPS: tuple[Callable[[Layout, Item, ItemDraft, Settings], None], ...] = (
    classification,
    pages,
    structure,
    document_type,
    document_date,
    correspondents,
    drafting,
    body,
    link_persons,
    participants,
    speakers,
    title,
)


def analyse(segmented: Segmented, settings: Settings = DEFAULT) -> Analysed:
    layout = segmented.layout
    stem = safe_stem(layout.source.name)
    items = []
    facts = facts_by_item(layout.facts, [(draft.start, draft.end) for draft in segmented.items])
    for draft, item_facts in zip(segmented.items, facts):
        item = Item(
            item_id=item_id(stem, draft.ordinal),
            ordinal=draft.ordinal,
            source=layout.source,
            start=draft.start,
            end=draft.end,
        )
        item.facts = item_facts
        for step in STEPS:
            step(layout, item, draft, settings)
        items.append(item)
    edition_introduction(items)
    attachments(layout, items)
    for item in items:
        item.anatomy = None  # analysis is done; the encoder reads the item
    return Analysed(layout, items)
