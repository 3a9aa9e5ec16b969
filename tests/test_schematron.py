"""Every Schematron assertion: a real encoded document passes, and one small damage to it fails with that assertion's id.

The documents are the project's own output (tei/), so the table also shows
the conventions hold on what the encoder writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from declassify.validation import _schematron_errors, validate_bytes

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
TEI_DIR = Path(__file__).resolve().parent.parent / "tei"
# A memorandum of conversation (speakers, persons, a classification) and a
# letter with a closer, a redaction gap and stamps.
SPEECH = "001_ae4941efca8cb0f7-01.xml"
LETTER = "000_abc2821092a92f84-01.xml"

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>{}</div></body></text></TEI>'


def schematron_ids(tree: etree._ElementTree) -> list[str]:
    return sorted(e.rsplit("(schematron ", 1)[1].rstrip(")") for e in _schematron_errors(tree))


def first(tree: etree._ElementTree, path: str) -> etree._Element:
    found = tree.xpath(path, namespaces=NS)
    assert found, f"the sample lacks {path}: pick another"
    return found[0]


def set_attr(path: str, name: str, value: str) -> Callable:
    def damage(tree):
        first(tree, path).set(name, value)
    return damage


def set_text(path: str, value: str) -> Callable:
    def damage(tree):
        first(tree, path).text = value
    return damage


def remove(path: str) -> Callable:
    def damage(tree):
        node = first(tree, path)
        node.getparent().remove(node)
    return damage


def drop_attr(path: str, name: str) -> Callable:
    def damage(tree):
        del first(tree, path).attrib[name]
    return damage


def append(path: str, xml: str) -> Callable:
    def damage(tree):
        first(tree, path).append(etree.fromstring(f'<wrap xmlns="{TEI_NS}">{xml}</wrap>')[0])
    return damage


def add_after(path: str, xml: str) -> Callable:
    def damage(tree):
        first(tree, path).addnext(etree.fromstring(f'<wrap xmlns="{TEI_NS}">{xml}</wrap>')[0])
    return damage


DAMAGES = [
    pytest.param(LETTER, set_attr("/t:TEI", "{http://www.w3.org/XML/1998/namespace}id", "dsomething-else"), "root-id", id="root-id"),
    pytest.param(LETTER, set_text("//t:bibl[@type='ocr']/t:idno[@type='sha256']", "ABC"), "ocr-sha256", id="ocr-sha256"),
    pytest.param(LETTER, set_attr("//t:bibl[@type='ocr']/t:citedRange", "from", "99999999"), "ocr-span", id="ocr-span"),
    pytest.param(SPEECH, set_attr("//t:sp[@who]", "who", "#a #b"), "who-single", id="who-single"),
    pytest.param(SPEECH, set_attr("//t:sp[@who]", "who", "#nobody"), "who-resolves", id="who-resolves"),
    pytest.param(SPEECH, set_attr("//t:text//t:persName[@ref]", "ref", "#nobody"), "ref-resolves", id="ref-resolves"),
    pytest.param(SPEECH, set_attr("//t:text//t:persName[@ref]", "ref", "nobody"), "ref-resolves", id="ref-without-hash"),
    pytest.param(SPEECH, append("//t:text//t:p", '<q who="#nobody">yes</q>'), "ref-resolves", id="q-who-resolves"),
    pytest.param(SPEECH, set_attr("//t:catRef[@scheme='#doctype']", "target", "#doctype-nonesuch"), "catref-resolves", id="catref-resolves"),
    pytest.param(SPEECH, set_attr("//t:note[@type='classification']", "n", "NOT A LEVEL"), "classification-category", id="classification-category"),
    pytest.param(SPEECH, remove("//t:catRef[@scheme='#classification']"), "classification-catref", id="classification-catref"),
    pytest.param(LETTER, set_attr("//t:body/t:div", "type", "not-its-type"), "div-type", id="div-type"),
    pytest.param(LETTER, append("//t:text//t:p", '<stamp type="release">APPROVED</stamp>'), "stamp-in-fw", id="stamp-in-fw"),
    pytest.param(LETTER, add_after("//t:text//t:p", '<fw type="stamp">APPROVED</fw>'), "fw-stamp-content", id="fw-stamp-content"),
    pytest.param(LETTER, add_after("//t:closer", "<p>After the signature.</p>"), "closer-last", id="closer-last"),
    pytest.param(LETTER, drop_attr("//t:gap", "reason"), "gap-reason", id="gap-reason"),
]


@pytest.mark.parametrize("name", [SPEECH, LETTER])
def test_the_samples_keep_every_convention(name):
    assert schematron_ids(etree.parse(str(TEI_DIR / name))) == []


@pytest.mark.parametrize("name, damage, rule", DAMAGES)
def test_each_convention_catches_its_damage(name, damage, rule):
    tree = etree.parse(str(TEI_DIR / name))
    damage(tree)
    assert rule in schematron_ids(tree)


def test_every_assertion_is_in_the_table():
    schema = etree.parse(str(Path(__file__).resolve().parent.parent / "schemas" / "declassify.sch"))
    ids = set(schema.xpath("//s:assert/@id | //s:report/@id", namespaces={"s": "http://purl.oclc.org/dsdl/schematron"}))
    assert ids == {param.values[2] for param in DAMAGES}


def test_other_forme_work_needs_no_stamp():
    errors = validate_bytes(TEI.format('<fw type="header">Page 2</fw><fw>x</fw>').encode(), "t.xml")
    assert not [e for e in errors if "fw-stamp-content" in e]


def test_elements_without_the_attribute_are_not_checked():
    """Rules whose context lost its predicate (for speed) still skip what the predicate skipped."""
    errors = validate_bytes(TEI.format("<sp><p>x</p></sp><p><persName>Smith</persName> <q>yes</q></p><note>n</note><bibl>b</bibl>").encode(), "t.xml")
    concerned = ("who-single", "who-resolves", "ref-resolves", "classification-category", "classification-catref", "ocr-sha256", "ocr-span")
    assert not [e for e in errors if e.endswith(tuple(f"(schematron {rule})" for rule in concerned))]
