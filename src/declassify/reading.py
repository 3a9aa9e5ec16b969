"""The reading text of a TEI file: what a reader of the document reads.

Every text node under ``<text>`` except inside ``fw``, ``note``, ``figure``
and ``gap`` (ENCODING.md).  Acceptance checks and ``declassify clean`` use it.
"""

from __future__ import annotations

from lxml import etree

from .encode.tei import TEI_NS

_READING = etree.XPath(
    "//tei:text//text()[not(ancestor::tei:fw or ancestor::tei:note or ancestor::tei:figure or ancestor::tei:gap)]",
    namespaces={"tei": TEI_NS},
)


def reading_text(root: etree._Element, *, folded: bool = True) -> str:
    text = "".join(_READING(root))
    return " ".join(text.split()) if folded else text
