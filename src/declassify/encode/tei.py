"""Building TEI elements with lxml: the namespace and one helper."""

from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}


def q(tag: str) -> str:
    """Clark name of a TEI element (``xml:id`` and friends pass through)."""
    if tag.startswith("xml:"):
        return f"{{{XML_NS}}}{tag[4:]}"
    return f"{{{TEI_NS}}}{tag}"


def el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    """A TEI element, appended to ``parent`` if given.

    Attributes are written in the order given (deterministic output), and a
    ``None`` value leaves the attribute out.  ``xml_id`` and ``xml_lang`` stand
    for ``xml:id`` and ``xml:lang``.
    """
    element = etree.Element(q(tag), nsmap=NSMAP) if parent is None else etree.SubElement(parent, q(tag))
    for name, value in attrs.items():
        if value is None:
            continue
        if name.startswith("xml_"):
            element.set(f"{{{XML_NS}}}{name[4:]}", value)
        else:
            element.set(name, value)
    if text is not None:
        element.text = text
    return element


def append_text(element: etree._Element, text: str) -> None:
    """Append text at the current end of ``element``'s content."""
    if not text:
        return
    last = last_child(element)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def last_child(element: etree._Element) -> etree._Element | None:
    """The last child, or None; in constant time (lxml's len() counts every child)."""
    try:
        return element[-1]
    except IndexError:
        return None
