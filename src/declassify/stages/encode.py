"""Stage 7, encode: one TEI tree per item, the file's ledger, its manifest entries.

Built with lxml, never by string concatenation; serialised deterministically.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..document import Analysed, Item
from ..encode.body import BodyWriter
from ..encode.header import build_header
from ..encode.sections import body_before_closing, nest_late_sections
from ..encode.serialise import to_bytes
from ..encode.tei import el, q
from ..ledger import build_ledger, check_tiling
from ..naming import xml_id
from ..noise.packs import load_packs
from ..settings import DEFAULT, Settings
from ..validation import parse_xml


@dataclass(slots=True)
class EncodedItem:
    """One item's TEI as bytes; its tree is parsed again only when asked for.

    The tree a file's items are built in is dropped once serialised: a file of
    a thousand documents would otherwise hold a thousand trees (libxml2 nodes,
    about ten times the bytes of the text they hold) until the file is written.
    """

    item: Item
    xml: bytes
    filename: str
    orphans: int = 0
    _root: etree._Element | None = None

    @property
    def root(self) -> etree._Element:
        if self._root is None:
            self._root = parse_xml(self.xml, self.filename).getroot()
        return self._root


@dataclass(slots=True)
class Encoded:
    analysed: Analysed
    items: list[EncodedItem]
    ledger: dict
    manifest: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def source(self):
        return self.analysed.layout.source


def encode_item(analysed: Analysed, item: Item, settings: Settings) -> EncodedItem:
    layout = analysed.layout
    packs = tuple(pack.name for pack in load_packs(settings.rules))
    root = el(None, "TEI", xml_lang="en", xml_id=xml_id(item.item_id))
    build_header(root, layout, item, settings, packs)
    text = el(root, "text")
    body = el(text, "body")
    div = el(body, "div", type=item.doctype, subtype=item.subtype, n=item.number)
    writer = BodyWriter(layout, item, sorted([*layout.annos, *item.annos], key=lambda a: (a.start, -a.end)))
    writer.write(div)
    for division in list(body.iter(q("div"))):
        nest_late_sections(division)
    for division in body.iter(q("div")):
        body_before_closing(division)
    xml = to_bytes(root)
    return EncodedItem(item, xml, f"{item.item_id}.xml", writer.orphans)


def manifest_entry(item: Item, encoded: EncodedItem) -> dict:
    marking = item.classification
    return {
        "id": item.item_id,
        "source": item.source.name,
        "sha256": item.source.sha256,
        "span": [item.start, item.end],
        "type": item.doctype,
        "type_evidence": item.doctype_evidence,
        "date": item.date.when if item.date else None,
        "title": item.title,
        "classification": (
            {"level": marking.label, "struck": marking.struck, "caveat": marking.caveat} if marking else None
        ),
        "pages": item.pages,
        "encoding": item.source.encoding,
        "path": encoded.filename,
    }


def encode(analysed: Analysed, settings: Settings = DEFAULT) -> Encoded:
    items = [encode_item(analysed, item, settings) for item in analysed.items]
    ledger = build_ledger(analysed.layout, analysed.items)
    check_tiling(ledger, analysed.layout.text)
    manifest = [manifest_entry(e.item, e) for e in items]
    return Encoded(analysed, items, ledger, manifest)
