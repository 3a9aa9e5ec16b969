"""Encoding honesty: an input that is not valid UTF-8 is decoded by a named fallback, said so
on the terminal, in the TEI header and in the manifest, and not one byte is dropped."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from declassify.cli import main
from declassify.stages.read import decode, encode_back

NS = {"tei": "http://www.tei-c.org/ns/1.0"}

CASES = [
    # (name, bytes, encoding recorded, fragment of the warning)
    ("cp1252.txt", b"Dear Sir:\n\nThe r\xe9sum\xe9 \x96 and \x93quotes\x94 \x80 5.\n", "windows-1252", "decoded as Windows-1252"),
    (
        "mixed.txt",
        "Dear Sir:\n\nThe caf\u00e9 is open. ".encode() + b"A stray \x96 byte and \x81 one undefined.\n",
        "utf-8+windows-1252",
        "2 byte(s) decoded as Windows-1252",
    ),
    ("utf16.txt", "\ufeffDear Sir:\n\nThe meeting is on Tuesday.\n".encode("utf-16-le"), "utf-16-le", "UTF-16-LE (byte order mark)"),
]


@pytest.mark.parametrize("name, data, encoding, warning", CASES, ids=[c[0] for c in CASES])
def test_fallback_is_named_everywhere_and_loses_nothing(tmp_path, capsys, name, data, encoding, warning):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["build", str(raw), "--out", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {name}: " in err and warning in err

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["encoding"] for entry in manifest["items"]} == {encoding}

    for entry in manifest["items"]:
        root = etree.parse(str(out / entry["path"])).getroot()
        notes = root.xpath("//tei:sourceDesc//tei:note[@type='encoding']/text()", namespaces=NS)
        if encoding != "utf-8":
            assert notes and warning in notes[0]

    ledger = json.loads((out / "ledger" / f"{name.removesuffix('.txt')}.json").read_text(encoding="utf-8"))
    assert ledger["encoding"] == encoding
    source = decode(data, name)
    assert "".join(span["text"] for span in ledger["spans"]) == source.text
    assert encode_back(source, "".join(span["text"] for span in ledger["spans"])) == data  # the very bytes


def test_valid_utf8_has_no_encoding_note(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plain.txt").write_text("Dear Sir:\n\nThe caf\u00e9 is open.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(raw), "--out", str(out), "--quiet"]) == 0
    root = etree.parse(str(out / "plain-01.xml")).getroot()
    assert root.xpath("//tei:note[@type='encoding']", namespaces=NS) == []
