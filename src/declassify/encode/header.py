"""The teiHeader of one item, in the profile's order (ENCODING.md).

fileDesc (titleStmt, publicationStmt, notesStmt, sourceDesc), encodingDesc,
profileDesc.  Harvested facts become identifiers, provenance events and
the classification note; nothing here is typed by hand per document.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from .. import __version__
from ..classification import levels
from ..doctypes import doctypes
from ..document import Item
from ..model import Fact, Layout
from ..settings import Settings
from .rights import licence_for
from .tei import el

PROVENANCE_FACTS = ("declassification", "release", "review", "received", "registry")
FACT_ORDER = {name: i for i, name in enumerate(PROVENANCE_FACTS)}


def build_header(tei: etree._Element, layout: Layout, item: Item, settings: Settings, packs: tuple[str, ...]) -> None:
    header = el(tei, "teiHeader")
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", item.title)
    publication(file_desc, item, settings)
    notes_stmt(file_desc, item)
    source_desc(file_desc, layout, item)
    encoding_desc(header, packs)
    profile_desc(header, item)


def publication(file_desc: etree._Element, item: Item, settings: Settings) -> None:
    stmt = el(file_desc, "publicationStmt")
    el(stmt, "publisher", settings.publisher)
    el(stmt, "idno", item.item_id, type="item")
    status, text = licence_for(item)
    availability = el(stmt, "availability", status=status)
    el(availability, "licence", text)


def notes_stmt(file_desc: etree._Element, item: Item) -> None:
    """The classification note, then what the document's own form records (drafting, clearance)."""
    if item.classification is None and not item.notes and not item.related:
        return
    notes = el(file_desc, "notesStmt")
    classification_note(notes, item)
    for note_type, text in item.notes:
        el(notes, "note", text, type=note_type)
    for relation, other in item.related:
        el(notes, "relatedItem", type=relation, target=f"{other}.xml")


def classification_note(notes: etree._Element, item: Item) -> None:
    marking = item.classification
    if marking is None:
        return
    note = el(
        notes,
        "note",
        type="classification",
        subtype="struck" if marking.struck else "marked",
        n=marking.label,
        ana=f"#cls-{marking.level_id}",
    )
    note.text = marking.label
    if marking.caveat:
        note.text += " "
        el(note, "term", marking.caveat, type="caveat")
    if marking.struck:
        last = note[-1] if len(note) else None
        suffix = " (struck through: declassified)"
        if last is not None:
            last.tail = (last.tail or "") + suffix
        else:
            note.text += suffix


def _facts(item: Item, name: str) -> list[Fact]:
    return [f for f in item.facts if f.name == name]


def _unique(facts: list[Fact], key) -> list[Fact]:
    seen: set = set()
    result = []
    for fact in sorted(facts, key=lambda f: (f.start, f.end)):
        k = key(fact)
        if k in seen:
            continue
        seen.add(k)
        result.append(fact)
    return result


def _event_key(fact: Fact) -> tuple:
    """What makes two provenance facts the same event.

    A stamp repeated on every page is one release (or review) however OCR
    garbled each copy ('Approved for Release', 'Approved for Réléase'): its
    rule and what was read out of it (the date, the reviewer) identify it,
    not its text.  A value read out of a stamp (a registry number) is the
    event itself.
    """
    if fact.verbatim:
        return (fact.name, fact.rule, tuple(pair for pair in fact.attrs if pair[0] != "date"))
    return (fact.name, fact.value)


def _one_per_event(facts: list[Fact]) -> list[Fact]:
    """One fact per event; of a stamp's copies, the reading OCR gave most often (the first of equals)."""
    copies: dict[tuple, list[Fact]] = {}
    for fact in sorted(facts, key=lambda f: (f.start, f.end)):
        copies.setdefault(_event_key(fact), []).append(fact)
    chosen = []
    for group in copies.values():
        counts = Counter(f.value for f in group)
        chosen.append(max(group, key=lambda f: counts[f.value]))  # max keeps the first of equals
    return chosen


def source_desc(file_desc: etree._Element, layout: Layout, item: Item) -> None:
    desc = el(file_desc, "sourceDesc")
    ms = el(desc, "msDesc")
    ident = el(ms, "msIdentifier")
    repositories = _unique(_facts(item, "repository"), lambda f: f.value)
    idnos = _unique(_facts(item, "idno"), lambda f: (f.attr("type"), f.attr("normal") or f.value))
    if repositories:
        el(ident, "repository", repositories[0].value)
        for fact in idnos:
            el(ident, "idno", fact.attr("normal") or fact.value, type=fact.attr("type"))
    else:
        # TEI wants a repository (or a name) before any identifier: with no
        # holder named in the file, the file's own name stands in and the
        # identifiers become alternative ones.
        el(ident, "msName", layout.source.stem)
        for fact in idnos:
            alt = el(ident, "altIdentifier", type=fact.attr("type"))
            el(alt, "idno", fact.attr("normal") or fact.value, type=fact.attr("type"))
    if item.pages:
        phys = el(ms, "physDesc")
        obj = el(phys, "objectDesc")
        support = el(obj, "supportDesc")
        extent = el(support, "extent")
        el(extent, "measure", f"{item.pages} pages" if item.pages != 1 else "1 page", unit="pages", quantity=str(item.pages))
    events = _one_per_event([f for f in item.facts if f.name in PROVENANCE_FACTS])
    if events:
        history = el(ms, "history")
        for fact in sorted(events, key=lambda f: (FACT_ORDER[f.name], f.start)):
            provenance = el(history, "provenance", type=fact.name, when=fact.attr("when"))
            _dated_text(provenance, fact)
    catalogue_bibl(desc, item)
    bibl = el(desc, "bibl", type="ocr")
    el(bibl, "idno", layout.source.name, type="filename")
    el(bibl, "idno", layout.source.sha256, type="sha256")
    el(bibl, "citedRange", unit="char", **{"from": str(item.start), "to": str(item.end)})
    if layout.source.warnings:
        el(bibl, "note", "; ".join(layout.source.warnings), type="encoding")


CATALOGUE_ID = "catalogue"
# The catalogue's fields in the order a reader looks for them; others follow in the order found.
CATALOGUE_ORDER = ("title", "date", "originator", "from", "to", "original-classification", "content-type", "document-type")


def catalogue_bibl(desc: etree._Element, item: Item) -> None:
    """What the repository's catalogue says of the record (``bibl type="catalogue"``), for its main document.

    The catalogue is the archive's description, not the document's own
    words: it stands apart from ``msDesc``, and a header value taken from it
    points here with ``@source``.
    """
    catalogue = item.catalogue
    if catalogue is None or not catalogue.fields:
        return
    order = {name: i for i, name in enumerate(CATALOGUE_ORDER)}
    fields = sorted(catalogue.fields, key=lambda pair: order.get(pair[0], len(order)))
    bibl = el(desc, "bibl", type="catalogue", xml_id=CATALOGUE_ID)
    for name, fact in fields:
        if name == "title":
            el(bibl, "title", fact.value)
        elif fact.attr("when"):
            el(bibl, "date", fact.value, type={"date": "document", "catalogue-date": "catalogue-entry"}.get(name, name), when=fact.attr("when"))
        elif name == "original-classification":
            level = fact.attr("level")
            label = next((lv.label for lv in levels() if lv.id == level), None)
            el(bibl, "note", fact.value, type=name, n=label, ana=f"#cls-{level}" if level else None)
        else:
            el(bibl, "note", fact.value, type=name)


def _dated_text(parent: etree._Element, fact: Fact) -> None:
    """The fact's text, with its date wrapped in ``<date when>`` where it can be found."""
    value = fact.value
    date_text, when = fact.attr("date"), fact.attr("when")
    if date_text and when and date_text in value:
        before, _, after = value.partition(date_text)
        parent.text = before
        date = el(parent, "date", date_text, when=when)
        date.tail = after
    else:
        parent.text = value


def encoding_desc(header: etree._Element, packs: tuple[str, ...]) -> None:
    desc = el(header, "encodingDesc")
    app_info = el(desc, "appInfo")
    application = el(app_info, "application", ident="declassify", version=__version__)
    el(application, "label", "declassify")
    el(application, "p", "Rule packs: " + ", ".join(packs) + ".")
    class_decl = el(desc, "classDecl")
    doctype_tax = el(class_decl, "taxonomy", xml_id="doctype")
    el(doctype_tax, "desc", "Document types")
    for entry in doctypes():
        category = el(doctype_tax, "category", xml_id=f"doctype-{entry.id}")
        el(category, "catDesc", f"{entry.label}: {entry.description}")
    class_tax = el(class_decl, "taxonomy", xml_id="classification")
    el(class_tax, "desc", "Security classification levels")
    for level in levels():
        category = el(class_tax, "category", xml_id=f"cls-{level.id}")
        el(category, "catDesc", level.label)


def profile_desc(header: etree._Element, item: Item) -> None:
    profile = el(header, "profileDesc")
    if item.date or item.place:
        creation = el(profile, "creation")
        if item.date:
            source = f"#{CATALOGUE_ID}" if item.date_evidence and item.catalogue is not None else None
            el(creation, "date", item.date.text, when=item.date.when, source=source)
        if item.place:
            if item.date:
                creation[-1].tail = ", "
            el(creation, "placeName", item.place)
    text_class = el(profile, "textClass")
    el(text_class, "catRef", scheme="#doctype", target=f"#doctype-{item.doctype}")
    if item.classification:
        el(text_class, "catRef", scheme="#classification", target=f"#cls-{item.classification.level_id}")
    if item.persons:
        partic = el(profile, "particDesc")
        list_person = el(partic, "listPerson")
        for person in item.persons:
            entry = el(list_person, "person", xml_id=person.xml_id, role=" ".join(person.roles) or None)
            el(entry, "persName", person.name)
            for form in person.forms:
                el(entry, "persName", form, type="as-written")
            if person.ref:
                el(entry, "idno", person.ref, type="registry")
            if person.side:
                el(entry, "affiliation", person.side)
            if person.note:
                el(entry, "note", person.note)
    if item.corresp:
        corresp_desc = el(profile, "correspDesc")
        for action in item.corresp:
            node = el(corresp_desc, "correspAction", type=action.type, subtype=action.subtype)
            for pid in action.persons:
                name = next((p.name for p in item.persons if p.xml_id == pid), pid)
                el(node, "persName", name, ref=f"#{pid}")
            for name in action.names:
                el(node, "orgName", name)
            if action.place:
                el(node, "placeName", action.place)
            if action.date:
                el(node, "date", action.date.text, when=action.date.when)
