"""Reading acceptance facts (tests/data/expected.json) off encoded TEI.

Each function takes the TEI root of an item and returns what the file says
about one fact, so that tests compare that with the hand-made expectation.
"""

from __future__ import annotations

import regex
from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
_EXCLUDED = "ancestor::t:fw or ancestor::t:note or ancestor::t:figure or ancestor::t:gap"
_NOT_BODY = "ancestor::t:opener or ancestor::t:closer or ancestor::t:head or ancestor::t:list or ancestor::t:speaker or ancestor::t:floatingText"


def fold(text: str) -> str:
    return " ".join(text.split())


def xpath(root, expr: str):
    return root.xpath(expr, namespaces=NS)


def reading(node) -> str:
    return fold("".join(xpath(node, f".//text()[not({_EXCLUDED})]")))


def body_text(root) -> str:
    """The document's running text: paragraphs and turns, without opener, closer, headings and lists."""
    nodes = xpath(root, f"//t:text/t:body/t:div//text()[not({_EXCLUDED}) and not({_NOT_BODY})]")
    return fold("".join(nodes))


def header_text(root) -> str:
    return fold(" ".join(xpath(root, "//t:teiHeader//text()")))


def tokens(text: str) -> set[str]:
    return {t.lower() for t in regex.findall(r"[\p{L}\d]+", text)}


def names_match(expected: str, found: list[str]) -> bool:
    """Every word of the expected name occurs in one of the names found (case-insensitive)."""
    want = tokens(expected)
    return any(want <= tokens(name) for name in found)


def corresp_names(root, action: str, scope: str = "") -> list[str]:
    names = []
    for node in xpath(root, f"//t:correspAction[@type='{action}']/*[self::t:persName or self::t:orgName]"):
        names.append(fold("".join(node.itertext())))
    # A resolved person's full name is in particDesc.
    for ref in xpath(root, f"//t:correspAction[@type='{action}']/t:persName/@ref"):
        for person in xpath(root, f"//t:person[@xml:id='{ref[1:]}']/t:persName"):
            names.append(fold("".join(person.itertext())))
    return names


def person_names(root) -> list[str]:
    return [fold("".join(p.itertext())) for p in xpath(root, "//t:particDesc//t:person/t:persName")]


def person_by_id(root, xml_id: str):
    found = xpath(root, f"//t:particDesc//t:person[@xml:id='{xml_id}']")
    return found[0] if found else None


def item_roots(encoded) -> list[etree._Element]:
    return [item.root for item in encoded.items]
