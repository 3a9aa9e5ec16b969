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
from ..dates import earliest_document_year, find_dates
from ..document import Analysed, Classification, Correspondence, Item
from ..doctypes import doctype
from ..fact_scope import facts_by_item
from ..model import Block, ItemDraft, Layout, Segmented
from ..people.steps import link_persons, participants, speakers
from ..structure.anatomy import dissect
from ..structure import cues
from ..structure.addressees import (
    AGENCY_LETTERHEAD_LINES,
    agency_letterhead,
    closing_signer,
    free_lines,
    inside_addressee,
    letterhead_name,
    read_parties,
    typed_signature,
)
from ..structure.correspondents import add_correspondence, letter_correspondents, memo_correspondents, telegram_correspondents
from ..structure.segmentation import FORM_RULE_PREFIX
from ..structure.telegrams import date_time_group, quoted_spans, read_addressing, wrap_quoted
from ..structure.typing import HEAD_CHARS, RAW_HEAD_CHARS, Evidence, weigh
from ..structure.vocabulary import vocabulary
from ..structure.catalogue import catalogues
from ..noise.garbage import LINE_NUMBER_RULE
from ..naming import item_id, safe_stem
from ..settings import DEFAULT, Settings

STAGE = "analyse"


def classification(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The document's marking: the highest level among its banners; struck if any banner was.

    Only markings count: what a catalogue gives as the record's original
    classification is the catalogue's statement and stays in its ``bibl``
    (a reader of the marking must be able to tell the two apart).
    """
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


# Heading lines: the short lines of the first blocks, before the body begins.
# A heading is a short line: the same words inside a sentence name some other document.
HEADING_WORDS = 12
BODY_WORDS = 40
HEADING_BLOCKS = 12
FLATTENED_OPENING = 200  # characters of a flattened document in which its heading may stand


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
    """The document's type: an edition's own heading, else the heaviest of the weighed cues (structure.typing)."""
    anatomy = item.anatomy
    words = vocabulary().document_words
    if anatomy.heading_kind and anatomy.heading_kind.lower() in words:
        item.doctype = words[anatomy.heading_kind.lower()]
        item.doctype_evidence = f"edition heading {anatomy.heading_text!r}"
        return
    verdict = weigh(type_evidence(layout, item, draft))
    if verdict.type is not None:
        item.doctype = verdict.type
        item.doctype_evidence = f"cues ({verdict.score:g}): {verdict.evidence()}"
    if item.doctype == "telegram":
        item.subtype = read_addressing(layout, item.start, item.end).direction


def heading_lines(layout: Layout, draft: ItemDraft) -> list[str]:
    """The short lines of a document's first blocks, until its body begins."""
    if layout.traits.get("flattened") == "yes" and draft.blocks:
        # No line breaks to find a heading by: try each word of the document's opening as a line start.
        first = draft.blocks[0].start
        opening = layout.free_text(first, min(draft.end, first + FLATTENED_OPENING))
        return [opening[m.start() : m.start() + 80] for m in regex.finditer(r"(?<!\S)\S", opening)]
    lines = []
    for block in draft.blocks[:HEADING_BLOCKS]:
        text = layout.free_text(block.start, block.end)
        for line in text.split("\n"):
            if len(line.split()) > HEADING_WORDS and len(text.split()) >= BODY_WORDS:
                return lines  # the body has begun: below it the same words cite other documents
            if line.strip():
                lines.append(line.strip())
    return lines


_ACP_DTG = regex.compile(r"(?m)^[ \t]*(?:[OPRZ][ \t]+){1,2}\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}\b")
_ACP_LINE = regex.compile(r"(?m)^[ \t]*(?P<label>FM|TO)[ \t]+(?P<station>[A-Z][A-Z/ .]{2,60})$")
_STATE_STATION = regex.compile(r"\b(?:AMEMBASSY|AMEMB|AMCONSUL|AMCONGEN|AMLEGATION|SECSTATE|USMISSION|USUN|USNATO|USEC|USDEL)\b")


def addressing_signals(layout: Layout, item: Item) -> set[str]:
    """'state-addressing' or 'acp-addressing' where the document heads itself as a wired message."""
    signals = set()
    addressing = read_addressing(layout, item.start, item.end)
    if addressing.direction:
        signals.add("state-addressing")
    free = layout.free_text(item.start, min(item.end, item.start + 3000))
    stations = [m.group("station") for m in _ACP_LINE.finditer(free)]
    labels = {m.group("label") for m in _ACP_LINE.finditer(free)}
    if _ACP_DTG.search(free) or labels == {"FM", "TO"}:
        if any(_STATE_STATION.search(s) for s in stations):
            signals.add("state-addressing")
        elif stations:
            signals.add("acp-addressing")
    return signals


BODY_CHARS = 30_000  # raw characters of a document whose reading text the body-wide type cues count in
SALUTATION_LINES = 30  # lines of a document's head in which its salutation may stand
SALUTATION_CHARS = 60


def _lines(layout: Layout, blocks: list[Block]):
    for block in blocks:
        for line in layout.free_text(block.start, block.end).split("\n"):
            if line.strip():
                yield line.strip()


def _has_salutation(layout: Layout, draft: ItemDraft) -> bool:
    """A line of the document's head that is a salutation ('Dear Charles,'), where the anatomy did not take it as one."""
    pattern = vocabulary().salutation
    for k, line in enumerate(_lines(layout, draft.blocks)):
        if k >= SALUTATION_LINES:
            return False
        if len(line) <= SALUTATION_CHARS and pattern.fullmatch(line):
            return True
    return False


def _has_valediction(layout: Layout, draft: ItemDraft) -> bool:
    """A complimentary close standing at the start of a line of the document's last blocks."""
    pattern = vocabulary().valediction
    return any(pattern.match(line) for line in _lines(layout, draft.blocks[-6:]))


def type_evidence(layout: Layout, item: Item, draft: ItemDraft) -> Evidence:
    anatomy = item.anatomy
    signals = addressing_signals(layout, item)
    if any(rule.endswith("routing-slip") for rule in _forms_in(layout, item)):
        signals.add("routing-form")
    if anatomy.salute or _has_salutation(layout, draft):
        signals.add("salutation")
    if any(n.tag == "closer" and any(c.tag == "salute" for c in n.children) for n in anatomy.nodes) or _has_valediction(layout, draft):
        signals.add("valediction")
    if any(m.rule == LINE_NUMBER_RULE for m in layout.tiling.marks_in(item.start, item.end)):
        signals.add("line-numbers")
    catalogue = item.catalogue
    return Evidence(
        heading_lines=heading_lines(layout, draft),
        head=layout.free_text(item.start, min(item.end, item.start + HEAD_CHARS)),
        raw_head=layout.text[item.start : min(item.end, item.start + RAW_HEAD_CHARS)],
        body=layout.free_text(item.start, min(item.end, item.start + BODY_CHARS)),
        catalogue_type=(catalogue.value("content-type") or catalogue.value("document-type")) if catalogue else None,
        catalogue_title=catalogue.value("title") if catalogue else None,
        signals=frozenset(signals),
    )


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


HEAD_BLOCKS = 8  # blocks of a document's head in which its date may be looked for


def document_date(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """The document's own date, from the strongest evidence present.

    In order: its dateline or a heading's date field; a cable's or
    telegram's date-time group; a routing slip's sender row; the catalogue's
    date of the record; the first date of the document's head.  A date
    later than the document's own release, review or declassification is a
    stamp's or a form's, never the document's, and is passed over; so is a
    year before the collections' earliest (data/dates.json).
    """
    anatomy = item.anatomy
    latest = _latest_possible(item)
    earliest = earliest_document_year()
    plausible = lambda d: d is not None and earliest <= int(d.when[:4]) and (latest is None or d.when[:10] <= latest)  # noqa: E731
    if plausible(anatomy.date):
        item.date = anatomy.date
        item.place = anatomy.place
        return
    text = layout.text
    if item.doctype == "editorial":
        return  # an introduction's dates are of the events it tells
    if item.doctype == "routing-slip":
        row = routing_sender(layout, item)
        if row is not None and plausible(row[1]):
            item.date = row[1]
            return
    if item.doctype in ("telegram", "cable"):
        group = date_time_group(layout.free_text(item.start, min(item.end, item.start + 3000)))
        if plausible(group):
            item.date = group
            return
    head = _head_ranges(layout, draft)
    labelled = _labelled_date(text, head, plausible)
    if labelled is not None:
        item.date = labelled
        return
    candidates = [d for d in _dates_in(layout, head) if plausible(d)]
    if item.catalogue is not None:
        date = item.catalogue.date()
        if date is not None and plausible(date):
            # The catalogue's date, in the document's own words where its head gives the same date.
            own = next((d for d in candidates if d.when.startswith(date.when)), None)
            item.date = own or date
            item.date_evidence = None if own else item.catalogue.evidence("date")
            return
    alone = next((d for d in candidates if d.precision in ("day", "time") and _alone_on_line(text, d)), None)
    first = alone or next((d for d in candidates if d.precision in ("day", "time")), None)
    if first is None:
        # A heading's 'November 1973': partial dates stay partial.
        first = next((d for d in candidates if d.precision == "month" and _alone_on_line(text, d)), None)
    if first is not None:
        item.date = first


HEAD_CHARS_FOR_DATE = 2500  # characters of reading text in which a document's date may stand
_DATE_LABEL = regex.compile(r"(?m)^[^\S\n]*[\W\d]{0,3}[^\S\n]*(?:DATE|Date)(?:[^\S\n]+(?:PREPARED|TYPED|OF\s+(?:MEMO|REPORT|DOCUMENT)|Prepared|Typed))?[^\S\n]*[:;.]?[^\S\n]*$|(?m)^[^\S\n]*(?:DATE|Date)(?:[^\S\n]+(?:PREPARED|TYPED|Prepared|Typed))?[^\S\n]*[:;.][^\S\n]*(?=\S)")


def _dates_in(layout: Layout, ranges: list[tuple[int, int]]) -> list:
    """The dates of the head's reading text: one scan over the span the free ranges cover,
    keeping the dates that no claim cuts into."""
    if not ranges:
        return []
    found = []
    for date in find_dates(layout.text, ranges[0][0], ranges[-1][1]):
        if not any(m.width for m in layout.tiling.marks_in(date.start, date.end)):
            found.append(date)
    return found


def _head_ranges(layout: Layout, draft: ItemDraft) -> list[tuple[int, int]]:
    """The free ranges of a document's first blocks, up to HEAD_CHARS_FOR_DATE characters of them."""
    ranges, total = [], 0
    for k, block in enumerate(draft.blocks):
        if k >= HEAD_BLOCKS and total >= HEAD_CHARS_FOR_DATE:
            break
        for lo, hi in layout.tiling.free_ranges(block.start, block.end):
            ranges.append((lo, hi))
            total += hi - lo
    return ranges


def _labelled_date(text: str, head: list[tuple[int, int]], plausible) -> object:
    """The date a 'DATE:' field of the head gives (on its line or the next), as memoranda, airtels and forms type it."""
    for lo, hi in head:
        for label in _DATE_LABEL.finditer(text, lo, hi):
            after = label.end()
            line_end = text.find("\n", after)
            line_end = hi if line_end < 0 or line_end > hi else line_end
            window_end = line_end
            if not text[after:line_end].strip():
                # The value on the next non-blank line ('DATE' / '' / '19 May 1978').
                nxt = after
                while nxt < hi and text[nxt] in " \t\n\u00a0":
                    nxt += 1
                window_end = text.find("\n", nxt)
                window_end = hi if window_end < 0 or window_end > hi else window_end
                after = nxt
            dates = find_dates(text, after, window_end, month_year_numeric=False)
            if dates and dates[0].start - after <= 3 and dates[0].precision in ("day", "time") and plausible(dates[0]):
                return dates[0]
    return None


def _latest_possible(item: Item) -> str | None:
    """The earliest date on which the document was released, reviewed or declassified (ISO), if any is known."""
    dates = [f.attr("when") for f in item.facts if f.name in ("release", "review", "declassification") and f.attr("when")]
    dates = [d for d in dates if len(d) >= 4 and d[:4].isdigit() and int(d[:4]) >= earliest_document_year()]
    return min(dates) if dates else None


def _alone_on_line(text: str, date) -> bool:
    start = text.rfind("\n", 0, date.start) + 1
    end = text.find("\n", date.end)
    end = len(text) if end < 0 else end
    return len(text[start:end].split()) <= len(date.text.split()) + 2


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


# Types whose record names no sender or recipient: the words are the speakers' and the editor's.
NO_CORRESPONDENTS = ("transcript", "minutes", "editorial", "memorandum-of-conversation")


def correspondents(layout: Layout, item: Item, draft: ItemDraft, settings: Settings) -> None:
    """Senders and recipients (correspDesc), by the conventions of the document's type.

    Each type's own conventions first (a letter's signature and inside
    address, a telegram's address fields, a routing slip's sender row, a
    memorandum's heading fields); then the TO / FROM lines of the head,
    read line by line; then, for the record's main document, the
    catalogue's FROM and TO.  The sending takes the document's date.
    """
    anatomy = item.anatomy
    if item.doctype in NO_CORRESPONDENTS:
        return
    parties = read_parties(layout, draft)
    if item.doctype == "letter":
        letter_correspondents(item, anatomy)
    elif item.doctype == "telegram":
        addressing = read_addressing(layout, item.start, item.end)
        office = telegram_office(layout, item)
        signer = telegram_signer(layout, item)
        telegram_correspondents(item, anatomy, addressing, signer, office)
    elif item.doctype == "cable":
        # A cable form's FROM and TO boxes name the stations; its ACTION and INFO lines
        # route copies inside the receiving station, and its last line is form matter.
        addressing = read_addressing(layout, item.start, item.end)
        sender = parties.names("senders")[:1] or addressing.sender[:1] or ([addressing.cite] if addressing.cite else [])
        recipients = parties.names("to") or addressing.to
        if sender:
            add_correspondence(item, "sent", sender)
        if recipients:
            add_correspondence(item, "received", recipients)
    elif item.doctype == "routing-slip":
        row = routing_sender(layout, item)
        if row and row[0]:
            action = Correspondence("sent", names=[row[0]], date=row[1])
            item.corresp.append(action)
    elif item.doctype.startswith("memorandum"):
        memo_correspondents(item, anatomy)
    if item.doctype == "letter":
        lines = free_lines(layout, draft.blocks)
        if not _has(item, "received"):
            addressee = inside_addressee(lines, vocabulary().salutation, cues.dateline)
            if addressee:
                add_correspondence(item, "received", [_HONORIFIC_PREFIX.sub("", addressee)])
        if not _has(item, "sent"):
            signer = closing_signer(lines, vocabulary().valediction) or letterhead_name(lines, cues.dateline)
            if signer:
                add_correspondence(item, "sent", [signer])
    if not _has(item, "sent") and parties.senders:
        add_correspondence(item, "sent", [parties.senders[0][0]])
    if not _has(item, "received") and parties.to:
        add_correspondence(item, "received", [name for name, _, _ in parties.to])
        if parties.info:
            add_correspondence(item, "received", [name for name, _, _ in parties.info], subtype="info")
    if not _has(item, "sent") and item.doctype in ("memorandum", "report", "dispatch"):
        signer = anatomy.signer or typed_signature(free_lines(layout, draft.blocks))
        if signer:
            add_correspondence(item, "sent", [signer])
    catalogue = item.catalogue
    if catalogue is not None:
        titled_from, titled_to = title_parties(catalogue.value("title") or "")
        sender = catalogue.value("from") or titled_from or catalogue.value("originator")
        recipient = catalogue.value("to") or titled_to
        if not _has(item, "sent") and sender:
            add_correspondence(item, "sent", [sender])
        if not _has(item, "received") and recipient:
            add_correspondence(item, "received", [recipient])
    if not _has(item, "sent") and item.doctype in ("memorandum", "report"):
        # Last: the agency whose letterhead the document is typed under sent it.  Not for a
        # letter: there an agency's name above the salutation is the inside address's.
        agency = agency_letterhead(free_lines(layout, draft.blocks[:HEAD_BLOCKS], AGENCY_LETTERHEAD_LINES))
        if agency:
            add_correspondence(item, "sent", [agency])
    for action in item.corresp:
        if action.type == "sent" and action.date is None and item.date is not None:
            action.date = item.date


_HONORIFIC_PREFIX = regex.compile(r"(?i)^(?:the\s+honou?rable|his\s+excellency|her\s+excellency)\s+")
_TITLE_PARTIES = regex.compile(r"(?i)^(?:letter|memo(?:randum)?(?:\s+for\s+the\s+record)?|cable|telegram|note)\b(?:\s+to\s+(?P<to>.+?))?(?:\s+from\s+(?P<from>.+?))?(?:\s+to\s+(?P<to2>.+?))?\s*$")


def title_parties(title: str) -> tuple[str | None, str | None]:
    """(sender, recipient) that a catalogue title names: 'LETTER TO PATRICK J. BUCHANAN FROM WILLIAM J. CASEY'."""
    match = _TITLE_PARTIES.match(" ".join(title.split()))
    if not match:
        return None, None
    return match.group("from"), match.group("to") or match.group("to2")


def _has(item: Item, kind: str) -> bool:
    return any(a.type == kind and (a.persons or a.names) for a in item.corresp)


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
    entries = catalogues(layout, segmented.items, facts)
    for draft, item_facts, entry in zip(segmented.items, facts, entries):
        item = Item(
            item_id=item_id(stem, draft.ordinal),
            ordinal=draft.ordinal,
            source=layout.source,
            start=draft.start,
            end=draft.end,
        )
        item.facts = item_facts
        item.catalogue = entry
        for step in STEPS:
            step(layout, item, draft, settings)
        items.append(item)
    edition_introduction(items)
    attachments(layout, items)
    for item in items:
        item.anatomy = None  # analysis is done; the encoder reads the item
    return Analysed(layout, items)
