"""Nothing lost: every ledger tiles its raw file exactly, for the seeds and the dev corpus."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS_FILES, RAW_FILES, TEI
from declassify.manifest import schema_errors
from declassify.pipeline import encode_file
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
def test_every_text_span_reaches_the_tei(path):
    """A span the ledger calls text must be somewhere in its item's TEI (no silent loss)."""
    encoded = encode_file(path)
    xml = {item.item.item_id: item.xml.decode("utf-8") for item in encoded.items}
    for span in encoded.ledger["spans"]:
        if span["disposition"] != "text":
            continue
        for word in span["text"].split():
            escaped = word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert escaped in xml[span["item"]], f"{word!r} of a text span is missing from {span['item']}"


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
