"""Stage encode, alone: elements the body and header get for given input."""

from __future__ import annotations

import pytest
from lxml import etree

from declassify.encode.header import _one_per_event
from declassify.model import Fact
from helpers import layout_after

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def encoded_root(text: str):
    return layout_after(text, "encode").items[0].root


@pytest.mark.parametrize(
    "text, xpath, expected",
    [
        ("Line one\nline two.\n", "string(//t:body//t:p)", "Line one\nline two."),
        ("Line one\nline two.\n", "count(//t:body//t:p/t:lb)", 1.0),
        ("STAT\n\nText.\n", "string(//t:gap[@reason='redacted']/t:desc)", "STAT"),
        ("~~SECRET~~\n\nText.\n", "string(//t:fw[@type='banner']/t:del[@rend='strikethrough'])", "SECRET"),
        ("He said **no**.\n", "string(//t:p/t:hi[@rend='bold'])", "no"),
        (
            "Text.\n\nApproved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n",
            "string(//t:fw[@type='stamp']/t:stamp/@type)",
            "release",
        ),
        (
            "Text.\n\nApproved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n",
            "string(//t:msIdentifier//t:idno[@type='CIA-RDP'])",
            "CIA-RDP80B01676R000400010001-6",
        ),
        (
            "Text.\n\nApproved For Release 2004/01/15 : CIA-RDP80B01676R000400010001-6\n",
            "string(//t:history/t:provenance[@type='release']/@when)",
            "2004-01-15",
        ),
        ("~~SECRET~~\n\nText.\n", "string(//t:note[@type='classification']/@n)", "SECRET"),
        ("~~SECRET~~\n\nText.\n", "string(//t:note[@type='classification']/@subtype)", "struck"),
        ("A & B < C\n", "string(//t:body//t:p)", "A & B < C"),
    ],
)
def test_encoding(text, xpath, expected):
    assert encoded_root(text).xpath(xpath, namespaces=NS) == expected


def test_root_id_is_an_ncname_and_lang_is_set():
    root = encoded_root("Text.\n")
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "dt-01"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_header_order():
    root = encoded_root("~~SECRET~~\n\nDecember 7, 1960\n\nText.\n")
    header = root.find("t:teiHeader", NS)
    assert [etree.QName(c).localname for c in header] == ["fileDesc", "encodingDesc", "profileDesc"]
    file_desc = header.find("t:fileDesc", NS)
    assert [etree.QName(c).localname for c in file_desc] == ["titleStmt", "publicationStmt", "notesStmt", "sourceDesc"]


def test_serialisation_starts_with_declaration_and_models():
    xml = layout_after("Text.\n", "encode").items[0].xml
    lines = xml.decode().splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert lines[1].startswith('<?xml-model href="../schemas/declassify.rng"')
    assert lines[2].startswith('<?xml-model href="../schemas/declassify.sch"')
    assert lines[3].startswith('<TEI xmlns="http://www.tei-c.org/ns/1.0"')


def _fact(value, start, *, rule="crest.release-stamp", name="release", verbatim=True, **attrs):
    return Fact(name, value, start, start + len(value), rule, "file", tuple(sorted(attrs.items())), verbatim)


@pytest.mark.parametrize(
    "facts, expected",
    [
        # One stamp on every page, garbled differently: one event, in the reading OCR gave most.
        ([_fact("Approved for Réléase", 0), _fact("Approved for Release", 50), _fact("Approved for Release", 90)],
         ["Approved for Release"]),
        # Equally often: the first.
        ([_fact("Approved for Releas", 0), _fact("Approved for Release", 50)], ["Approved for Releas"]),
        # Released on two dates: two events (the date text may differ, the date decides).
        ([_fact("Approved For Release 2001/03/04", 0, when="2001-03-04", date="2001/03/04"),
          _fact("Approved For Re1ease 2001/03/O4", 40, when="2001-03-04", date="2001/03/O4"),
          _fact("Approved For Release 2005/08/22", 80, when="2005-08-22", date="2005/08/22")],
         ["Approved For Release 2001/03/04", "Approved For Release 2005/08/22"]),
        # Two rules, two kinds of stamp: two events.
        ([_fact("Approved for Release", 0), _fact("2022 RELEASE UNDER THE ... ACT OF 1992", 40, rule="jfk.release-banner")],
         ["Approved for Release", "2022 RELEASE UNDER THE ... ACT OF 1992"]),
        # Values read out of a stamp are the events themselves.
        ([_fact("ER 61-1234", 0, name="registry", rule="registry.number", verbatim=False),
          _fact("ER 61-1235", 30, name="registry", rule="registry.number", verbatim=False),
          _fact("ER 61-1234", 60, name="registry", rule="registry.number", verbatim=False)],
         ["ER 61-1234", "ER 61-1235"]),
    ],
)
def test_provenance_events_one_per_stamp(facts, expected):
    assert [fact.value for fact in _one_per_event(facts)] == expected
