"""Nothing lost: every ledger tiles its raw file exactly, for the seeds and the dev corpus."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS_FILES, RAW_FILES, TEI
from declassify.manifest import schema_errors
from declassify.pipeline import encode_file
from declassify.reading import reading_text
from declassify.stages.read import encode_back

ALL_FILES = RAW_FILES + CORPUS_FILES


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.name for p in ALL_FILES])
def test_ledger_tiles_the_raw_file(path):
    encoded = encode_file(path)
    ledger = encoded.ledger
    spans = ledger["spans"]
    assert spans[0]["start"] == 0 and spans[-1]["end"] == ledger["length"]
    for before, after in zip(spans, spans[1:]):
        assert before["end"] == after["start"]
    joined = "".join(span["text"] for span in spans)
    assert joined == encoded.source.text
    assert encode_back(encoded.source, joined) == path.read_bytes(), "the spans give back the raw bytes"
    assert schema_errors(ledger, "ledger.schema.json") == []
    assert sum(ledger["summary"].values()) == ledger["length"]


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.name for p in ALL_FILES])
def test_text_spans_are_exactly_the_reading_text(path):
    """What the ledger calls text is the reading text of the TEI, character for character.

    White space aside (it becomes layout), each item's text spans, with
    repairs' replacements applied, concatenate to its reading text: nothing
    the ledger keeps is missing from the TEI, and nothing in the TEI's
    reading text is absent from the ledger.
    """
    encoded = encode_file(path)
    for item in encoded.items:
        spans = [s for s in encoded.ledger["spans"] if s["item"] == item.item.item_id and s["disposition"] == "text"]
        expected = "".join("".join((s.get("out", s["text"])).split()) for s in spans)
        actual = "".join(reading_text(item.root, folded=False).split())
        assert actual == expected


def test_committed_ledgers_are_valid():
    ledgers = sorted((TEI / "ledger").glob("*.json"))
    assert len(ledgers) == len(RAW_FILES)
    for path in ledgers:
        assert schema_errors(json.loads(path.read_text(encoding="utf-8")), "ledger.schema.json") == []


def test_ledger_round_trips_a_windows_1252_file(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(b"The Minister\x92s reply, \x93verbatim\x94:\r\n\r\nAgreed.\r\n")
    encoded = encode_file(path)
    assert encoded.ledger["encoding"] == "windows-1252"
    joined = "".join(span["text"] for span in encoded.ledger["spans"])
    assert encode_back(encoded.source, joined) == path.read_bytes()
