"""Schematron rules whose context was rewritten for speed still catch what they caught."""

from __future__ import annotations

from declassify.validation import validate_bytes

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>{}</div></body></text></TEI>'


def schematron_ids(body: str) -> list[str]:
    errors = validate_bytes(TEI.format(body).encode(), "t.xml")
    return sorted(e.rsplit("(schematron ", 1)[1].rstrip(")") for e in errors if "(schematron " in e)


def test_a_stamp_forme_work_must_wrap_a_stamp():
    assert "fw-stamp-content" in schematron_ids('<fw type="stamp">APPROVED</fw>')
    assert "fw-stamp-content" not in schematron_ids('<fw type="stamp"><stamp type="release">APPROVED</stamp></fw>')


def test_other_forme_work_needs_no_stamp():
    assert "fw-stamp-content" not in schematron_ids('<fw type="header">Page 2</fw><fw>x</fw>')
