"""Deterministic bytes for a TEI tree: fixed declaration, processing instructions, indentation.

Only structural elements (those that hold elements, never text) are
indented, so white space inside mixed content, which is reading text, is
never touched.
"""

from __future__ import annotations

from lxml import etree

from .tei import TEI_NS

SCHEMA_HREF = "../schemas/declassify.rng"
SCHEMATRON_HREF = "../schemas/declassify.sch"

# Elements whose content is elements only in this profile.
STRUCTURAL = frozenset(
    f"{{{TEI_NS}}}{name}"
    for name in (
        "TEI teiHeader fileDesc titleStmt publicationStmt availability notesStmt sourceDesc msDesc "
        "msIdentifier physDesc objectDesc supportDesc extent history bibl encodingDesc appInfo "
        "application classDecl taxonomy category profileDesc creation textClass particDesc listPerson "
        "person correspDesc correspAction altIdentifier text body div sp list opener closer floatingText address "
        "postscript respStmt"
    ).split()
)


def _has_text(element: etree._Element) -> bool:
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def indent_structure(element: etree._Element, level: int = 0) -> None:
    """Indent children of structural elements that contain no text of their own."""
    if element.tag not in STRUCTURAL or not len(element) or _has_text(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        indent_structure(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def to_bytes(root: etree._Element) -> bytes:
    """The file: XML declaration, xml-model PIs for the RNG and Schematron, the indented tree."""
    indent_structure(root)
    rng = etree.ProcessingInstruction(
        "xml-model",
        f'href="{SCHEMA_HREF}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    )
    sch = etree.ProcessingInstruction(
        "xml-model",
        f'href="{SCHEMATRON_HREF}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
    )
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b"".join(
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n',
            etree.tostring(rng, encoding="UTF-8"),
            b"\n",
            etree.tostring(sch, encoding="UTF-8"),
            b"\n",
            body,
            b"\n",
        )
    )
