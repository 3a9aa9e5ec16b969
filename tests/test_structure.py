"""Document structure: cues, anatomy, segmentation pins for the dev corpus, the vocabulary's schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import CORPUS
from declassify.pipeline import encode_bytes, encode_file
from declassify.resources import data_path, schema_path
from declassify.structure import cues


def test_structure_vocabulary_is_schema_valid():
    data = json.loads(data_path("structure.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path("structure.schema.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "cue, text, expected",
    [
        (cues.salutation, "Dear Allen:", True),
        (cues.salutation, "DEAR MR. CHAIRMAN:", True),
        (cues.salutation, "Mr. President:", True),
        (cues.salutation, "Dearly beloved, we gather", False),
        (cues.valediction, "Sincerely,", True),
        (cues.valediction, "Very truly yours,\nJohn Smith", True),
        (cues.valediction, "Sincerely felt thanks to all", False),
        (cues.dateline, "December 7, 1960", True),
        (cues.dateline, "Washington, February 22, 1961. DEAR MR. CHAIRMAN:", True),
        (cues.dateline, "The meeting on December 7, 1960 was long", False),
        (cues.dateline, "It happened in Washington on June 3, 1961.", False),
        (cues.memo_heading, "MEMORANDUM FOR THE PRESIDENT", True),
        (cues.memo_heading, "Memorandum of Conversation", True),
        (cues.memo_heading, "The memorandum was sent", False),
        (cues.numbered_heading, "7. Letter From President Kennedy to Chairman Khrushchev", True),
        (cues.numbered_heading, "7. The letter was sent in February.", False),
        (cues.closing_label, "Enclosure:", True),
        (cues.closing_label, "Attachments (2)", True),
        (cues.closing_label, "Enclosed is a paper", False),
        (cues.signature, "John F. Kennedy", True),
        (cues.signature, "DEAN RUSK", True),
        (cues.signature, "the group moved", False),
    ],
)
def test_cue(cue, text, expected):
    assert bool(cue(text)) is expected


def _items(text: str):
    return encode_bytes(text.encode("utf-8"), "t.txt").items


LETTERS = (
    "Washington, March 1, 1962\n\nDear Mr. Smith:\n\n"
    "Thank you for your letter of last week about the conference and the arrangements for the delegation.\n\n"
    "Sincerely,\n\nJohn Doe\n\n"
    "April 2, 1962\n\nDear John:\n\n"
    "I write again about the arrangements, which have changed since my last letter to you in March.\n\n"
    "Very truly yours,\n\nRichard Roe\n"
)


def test_two_letters_are_two_documents_with_their_parts():
    items = _items(LETTERS)
    assert [i.item.doctype for i in items] == ["letter", "letter"]
    first, second = (i.item for i in items)
    assert (first.date.when, first.place) == ("1962-03-01", "Washington")
    assert second.date.when == "1962-04-02"
    root = items[0].root
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert root.xpath("string(//t:opener/t:salute)", namespaces=ns) == "Dear Mr. Smith:"
    assert root.xpath("string(//t:closer/t:signed)", namespaces=ns) == "John Doe"
    assert root.xpath("//t:correspAction[@type='sent']/t:persName/text()", namespaces=ns) == ["John Doe"]


def test_a_date_under_a_signature_does_not_start_a_document():
    text = LETTERS.split("April")[0] + "21 NOV 1968\nDate\n"
    assert len(_items(text)) == 1


def test_memo_heading_fields_become_lists():
    text = (
        "MEMORANDUM FOR: The Director\n\nSUBJECT: Budget of the station\n\n"
        "1. The station asks for more money than last year for its work in the region and abroad.\n"
    )
    [item] = _items(text)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert item.item.doctype == "memorandum"
    assert item.root.xpath("string(//t:list[@type='subject']/t:item)", namespaces=ns).strip() == "Budget of the station"
    assert item.root.xpath("//t:correspAction[@type='received']/*/text()", namespaces=ns) == ["The Director"]


# Where a careful archivist splits each multi-document dev file: (items, text that opens each later item).
SPLITS = {
    "crest_02.txt": ["routing-slip", "other"],  # a routing slip, then the memorandum it routes
    "jfkmd_01.txt": ["memorandum", "report"],  # a memorandum, then its attachment (a paper: table of contents)
    "jfktess_01.txt": ["memorandum", "other"],  # a memorandum for the President, then its enclosure
    "jfktess_02.txt": ["letter", "other"],  # a letter, then a telephone message on a new page
    # SSCIA index cards, one per sheet; sheets that say they continue a card stay with the card before them
    # in file order (the file stores sheets in lexicographic page order, which this split does not undo).
    "jfkvis_01.txt": ["other"] * 7,
}


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_multi_document_dev_file_splits(name):
    items = encode_file(CORPUS / name).items
    assert [i.item.doctype for i in items] == SPLITS[name]


@pytest.mark.parametrize(
    "name, first_words",
    [
        ("crest_02.txt", ["Bob:", "1. This memorandum contains a recommendation"]),
        ("jfkmd_01.txt", None),
        ("jfktess_01.txt", ["MEMORANDUM FOR THE PRESIDENT", "MAJOR POINTS OF INTEREST"]),
        ("jfktess_02.txt", ["Dear Mr. Tunheim:", "Jim Oliver called"]),
    ],
)
def test_each_split_document_holds_its_own_text(name, first_words):
    from declassify.reading import reading_text

    texts = [reading_text(i.root) for i in encode_file(CORPUS / name).items]
    for text, words in zip(texts, first_words or []):
        assert words in text
    if first_words:
        assert first_words[1] not in texts[0]


@pytest.mark.parametrize("name", ["jfkav_02.txt", "jfkdoctly_02.txt", "jfkdoctly_03.txt", "talbott_01.txt", "tpajax_01.txt", "plusd_01.txt"])
def test_single_document_dev_file_stays_one(name):
    assert len(encode_file(CORPUS / name).items) == 1


@pytest.mark.parametrize(
    "name, relations",
    [
        ("crest_02.txt", [("routes", 2), ("routed-by", 1)]),  # the slip routes the memorandum filed behind it
        ("jfktess_01.txt", [("attachment", 2), ("attached-to", 1)]),  # 'Enclosed is a paper ...'
        ("jfktess_02.txt", [None, None]),  # a letter and an unrelated message: no link invented
    ],
)
def test_attachment_and_cover_say_so_both(name, relations):
    items = encode_file(CORPUS / name).items
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    for encoded, relation in zip(items, relations):
        found = encoded.root.xpath("//t:notesStmt/t:relatedItem", namespaces=ns)
        if relation is None:
            assert not found
        else:
            assert [(r.get("type"), r.get("target")) for r in found] == [(relation[0], f"{items[relation[1] - 1].item.item_id}.xml")]


def test_acp_cable_heading_gives_type_date_and_stations():
    text = (
        "P 220842Z OCT 75\nFM AMEMBASSY MOSCOW\nTO SECSTATE WASHDC PRIORITY 5870\nINFO AMCONGEN LENINGRAD\nAMEMBASSY WARSAW\n\n"
        "1. THE EMBASSY HAS DELIVERED THE NOTE TO THE MINISTRY AND AWAITS A REPLY ON THE QUESTIONS RAISED.\n"
    )
    [encoded] = _items(text)
    item = encoded.item
    assert (item.doctype, item.date.when) == ("telegram", "1975-10-22T08:42:00")
    received = [(a.subtype, a.names) for a in item.corresp if a.type == "received"]
    assert received == [(None, ["SECSTATE WASHDC"]), ("info", ["AMCONGEN LENINGRAD", "AMEMBASSY WARSAW"])]
    assert [a.names for a in item.corresp if a.type == "sent"] == [["AMEMBASSY MOSCOW"]]


@pytest.mark.parametrize(
    "heading, doctype",
    [
        ("MEMORANDUM FOR THE RECORD", "memorandum"),
        ("INTERVIEW WITH: Mr. John Smith", "memorandum-of-conversation"),
        ("Report of Proceedings", "transcript"),
        ("Minutes of the meeting of the board", "minutes"),
        ("INTELLIGENCE REPORT", "report"),
    ],
)
def test_heading_types_the_document(heading, doctype):
    body = "The group discussed the situation at length and agreed to meet again before the end of the month."
    [encoded] = _items(f"{heading}\n\n{body}\n")
    assert encoded.item.doctype == doctype
