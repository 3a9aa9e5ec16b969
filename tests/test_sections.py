"""encode/sections.py: a document's div kept in TEI's order (top, body, bottom), case by case."""

from __future__ import annotations

import pytest
from lxml import etree

from declassify.encode.sections import body_before_closing, nest_late_sections
from declassify.encode.tei import TEI_NS
from declassify.pipeline import encode_bytes
from declassify.reading import reading_text
from declassify.validation import validate_bytes


def div_of(spec: str) -> etree._Element:
    """'head p p' -> <div><head>1</head><p>2</p><p>3</p></div> (text numbers the children)."""
    div = etree.Element(f"{{{TEI_NS}}}div", type="letter")
    for number, name in enumerate(spec.split(), 1):
        etree.SubElement(div, f"{{{TEI_NS}}}{name}").text = str(number)
    return div


def shape(element: etree._Element) -> str:
    """The children as 'name' or '[nested shape]' for sections."""
    parts = []
    for child in element:
        name = etree.QName(child).localname
        parts.append(f"[{shape(child)}]" if name == "div" else name)
    return " ".join(parts)


CASES = [
    # (children, expected after nesting, sections opened)
    ("head p p", "head p p", 0),
    ("opener p closer", "opener p closer", 0),
    ("fw p head p", "fw p [head p]", 1),
    ("p head p head p", "p [head p] [head p]", 2),
    ("head p head opener p", "head p [head opener p]", 1),  # a heading and an opener together open one section
    ("p pb head p", "p pb [head p]", 1),  # a page break stays where it is
    ("p closer head p", "[p closer] [head p]", 2),  # a section may not follow closing matter: wrap it too
    ("head p closer opener p closer", "head [p closer] [opener p closer]", 2),
    ("fw fw", "fw fw", 0),
]


@pytest.mark.parametrize("spec, expected, opened", CASES, ids=[c[0] for c in CASES])
def test_late_headings_open_sections(spec, expected, opened):
    div = div_of(spec)
    text_before = "".join(div.itertext())
    assert nest_late_sections(div) == opened
    assert shape(div) == expected
    assert "".join(div.itertext()) == text_before  # only the order of elements changes, never the text
    for section in div.iter(f"{{{TEI_NS}}}div"):
        if section is not div:
            assert section.get("type") == "section"


@pytest.mark.parametrize(
    "spec, expected",
    [("closer", "p closer"), ("fw opener closer", "fw opener p closer"), ("p closer", "p closer"), ("head", "head")],
)
def test_closing_matter_needs_a_body_before_it(spec, expected):
    div = div_of(spec)
    body_before_closing(div)
    assert shape(div) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"Sincerely yours,\n",
        b"The slip was sent on 3 May.\n\nCLASSIFICATION REVIEW\n\nThe box was ticked and initialled by the reviewer.\n",
        b"MEMORANDUM FOR THE RECORD\n\nSUBJECT: Visit\n\n1. The visit went well and nothing was said.\n\n"
        b"Sincerely,\n\nJohn Doe\n\nMEMORANDUM FOR THE RECORD\n\n2. A second entry, later the same day.\n",
    ],
    ids=["valediction alone", "a capitalised line after text", "a second memorandum after a closer"],
)
@pytest.mark.slow
def test_such_documents_encode_valid_and_whole(data, tei_all_schema):
    encoded = encode_bytes(data, "s.txt")
    for item in encoded.items:
        assert validate_bytes(item.xml, item.filename, full_tei=True) == []  # the project profile and tei_all
    words = " ".join(reading_text(item.root) for item in encoded.items).split()
    assert words == data.decode().split()


@pytest.mark.slow
def test_a_document_with_sections_is_valid_tei(tei_all_schema):
    """A late heading put into a real item's div: after nesting, the project profile and tei_all accept it."""
    from declassify.encode.serialise import to_bytes
    from declassify.encode.tei import q

    encoded = encode_bytes(b"Dear Sir:\n\nThe letter text is here.\n\nMore text of the letter.\n\nSincerely,\n\nJohn Doe\n", "s.txt")
    root = encoded.items[0].root
    div = root.find(f".//{q('body')}/{q('div')}")
    late = etree.Element(q("head"))
    late.text = "CLASSIFICATION REVIEW"
    div.find(q("closer")).addnext(late)  # after the closer: the hardest place
    late.addnext(etree.Element(q("p")))
    late.getnext().text = "Reviewed."
    assert nest_late_sections(div) == 2
    assert shape(div) == "opener [p p closer] [head p]"
    assert validate_bytes(to_bytes(root), "s.xml", full_tei=True) == []
