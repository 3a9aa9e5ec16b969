"""People: the registry and its schema, name matching, speaker attribution, participants, turns."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, RAW
from declassify.errors import DeclassifyError
from declassify.people.matching import ocr_distance, resolve, speech_vocabulary
from declassify.people.registry import load_registry
from declassify.people.speech import is_narration, is_participants_statement, speech_in
from declassify.pipeline import encode_bytes, encode_file
from declassify.resources import data_path, schema_path
from declassify.settings import Settings

NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.mark.parametrize("data, schema", [("people.json", "people.schema.json"), ("speech.json", "speech.schema.json")])
def test_vocabulary_is_schema_valid(data, schema):
    jsonschema.validate(
        json.loads(data_path(data).read_text(encoding="utf-8")),
        json.loads(schema_path(schema).read_text(encoding="utf-8")),
    )


# (name as written, document date, registry key or None)
MATCHES = [
    ("The President", "1961-06-03", "kennedy-john"),
    ("The President", "1960-06-03", "eisenhower-dwight"),
    ("The President", "1961-01-20", None),  # the day of a handover: both held it
    ("The President", None, None),  # an office without a date names nobody
    ("The Secretary", "1961-06-03", "rusk-dean"),
    ("The Secretary", "1960-06-03", "herter-christian"),
    ("KHRUSHCHEV", None, "khrushchev-nikita"),
    ("N. S. KRUSHCHEV", None, "khrushchev-nikita"),  # misspelt label of the Soviet minutes
    ("Chairman Khrushchov", None, "khrushchev-nikita"),
    ("Foreign Minister Gromyko", None, "gromyko-andrei"),
    ("EUR - Mr. Kohler", None, "kohler-foy"),
    ("President de Gaulle", "1961-05-05", "de-gaulle-charles"),
    ("Mr. Smith", None, None),  # nobody of that name: left unresolved, not guessed
    ("Moody", None, None),  # a common surname alone is not enough ...
]


@pytest.mark.parametrize("name, when, key", MATCHES)
def test_resolve(name, when, key):
    entry = resolve(load_registry(), name, when)
    assert (entry.key if entry else None) == key


def test_common_surname_resolves_to_a_person_the_document_lists():
    entry = resolve(load_registry(), "Moody", None, frozenset({"moody-juanita"}))
    assert entry is not None and entry.key == "moody-juanita"


# (paragraph, speaker as written or None, is a separate label)
SPEECH = [
    ("The President said he wanted to express his pleasure.", "The President", False),
    ("Mr. Khrushchev replied that he also wished it.", "Mr. Khrushchev", False),
    ("N. S. KHRUSHCHEV answers affirmatively.", "N. S. KHRUSHCHEV", False),
    ("After greeting each other, Thompson says that he is aware.", "Thompson", False),
    ("Further, the Ambassador thanks him for seeing him.", "the Ambassador", False),
    ("L. THOMPSON says that in this case he will not repeat it.", "L. THOMPSON", False),
    ("Mr. Schwarz. I would like to get your name.", "Mr. Schwarz", True),
    ("MR. SMITH: Yes, I was there.", "MR. SMITH", True),
    ("Q. Did you see him?", "Q", True),
    ("THE CHAIRMAN. The committee will come to order.", "THE CHAIRMAN", True),
    ("He said that he agreed.", None, False),  # a pronoun continues the turn
    ("United States Senate, Select Committee.", None, False),  # 'States' is not 'states'
    ("The Soviet Union has proposed general disarmament.", None, False),
]


@pytest.mark.parametrize("text, subject, label", SPEECH)
def test_speech_in(text, subject, label):
    found = speech_in(text)
    assert (found.subject if found else None) == subject
    if found:
        assert found.label is label


@pytest.mark.parametrize(
    "text, narration, statement",
    [
        ("At this point the group moved to the dining room for lunch.", True, False),
        ("(Whereupon, at 4:10 p.m., the Committee recessed.)", True, False),
        ("The conversation was recorded by: S. R. Striganov and V. M. Sukhodrev.", False, True),
        ("In attendance were: Deputy Director S. R. Striganov.", False, True),
        ("The President said he was glad.", False, False),
    ],
)
def test_narration_and_statements_have_no_speaker(text, narration, statement):
    assert (is_narration(text), is_participants_statement(text)) == (narration, statement)


def _turns(root):
    return [sp.get("who")[1:] for sp in root.xpath("//t:sp[not(ancestor::t:floatingText)]", namespaces=NS)]


# Each file with speech: its first item's turns, as registry keys, in order.
TURN_PINS = {
    RAW / "001_ae4941efca8cb0f7.txt": ["per-kennedy-john", "per-khrushchev-nikita"] * 10,
    RAW / "003_093eee8080127387.txt": ["per-thompson-llewellyn", "per-khrushchev-nikita"] * 16,
    CORPUS / "jfkdoctly_03.txt": ["per-tower-john", "per-angleton-james", "per-tower-john"]
    + ["per-schwarz-frederick", "per-angleton-james"] * 10
    + ["per-schwarz-frederick"],
    # An interview summary reports the interviewee's words in narrative paragraphs; the one
    # paragraph that reports another participant's words ('Burns stated that ...') is Burns's turn.
    CORPUS / "jfkav_02.txt": ["per-moody-juanita", "pers-burns"] + ["per-moody-juanita"] * 3,
}


@pytest.mark.parametrize("path", sorted(TURN_PINS), ids=lambda p: p.stem)
def test_turns(path):
    assert _turns(encode_file(path).items[0].root) == TURN_PINS[path]


def test_minutes_every_conversation_paragraph_is_in_a_turn():
    root = encode_file(RAW / "003_093eee8080127387.txt").items[0].root
    loose = root.xpath("//t:div/t:p", namespaces=NS)
    texts = [" ".join("".join(p.itertext()).split()) for p in loose]
    assert all(t.startswith(("In attendance were", "The conversation was recorded by")) for t in texts), texts


def test_memcon_participants_with_sides_and_roles():
    root = encode_file(RAW / "001_ae4941efca8cb0f7.txt").items[0].root
    persons = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): (p.get("role").split(), p.findtext("t:affiliation", namespaces=NS))
        for p in root.xpath("//t:particDesc//t:person", namespaces=NS)
    }
    assert len(persons) == 11
    assert persons["per-akalovsky-alexander"] == (["participant", "interpreter"], "US")
    assert persons["per-sukhodrev-viktor"] == (["participant", "interpreter"], "USSR")
    assert "copy-recipient" in persons["per-rusk-dean"][0]


def test_recorders_and_present_of_minutes():
    root = encode_file(RAW / "003_093eee8080127387.txt").items[0].root
    roles = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): set(p.get("role").split())
        for p in root.xpath("//t:particDesc//t:person", namespaces=NS)
    }
    assert roles["per-striganov-s-r"] == {"present", "recorder"}
    assert roles["per-sukhodrev-viktor"] == {"recorder"}


def test_unknown_speaker_is_a_local_person():
    text = (
        "MEMORANDUM OF CONVERSATION\n\n"
        "Mr. Quibble said that the harvest had been poor this year in every province of the north.\n\n"
        "Mr. Zorn replied that the reports he had seen told another story about the harvest.\n"
    )
    [item] = encode_bytes(text.encode(), "t.txt").items
    persons = item.root.xpath("//t:person", namespaces=NS)
    assert [p.findtext("t:persName", namespaces=NS) for p in persons] == ["Mr. Quibble", "Mr. Zorn"]
    assert not item.root.xpath("//t:person/t:idno", namespaces=NS)  # no registry link invented
    assert _turns(item.root) == ["pers-mr-quibble", "pers-mr-zorn"]


def test_user_registry_adds_people(tmp_path):
    extra = tmp_path / "people.json"
    extra.write_text(
        json.dumps(
            {
                "people": [
                    {
                        "key": "quibble-arthur",
                        "name": "Arthur Quibble",
                        "sort_name": "Quibble, Arthur",
                        "side": "US",
                        "justification": "A test entry standing for a collection's own people.",
                    }
                ]
            }
        )
    )
    text = "MEMORANDUM OF CONVERSATION\n\nMr. Quibble said that the harvest had been poor this year in the north.\n"
    [item] = encode_bytes(text.encode(), "t.txt", Settings(people=(str(extra),))).items
    assert item.root.xpath("string(//t:person/t:persName)", namespaces=NS) == "Arthur Quibble"


def test_broken_user_registry_is_a_clear_error(tmp_path):
    bad = tmp_path / "people.json"
    bad.write_text(json.dumps({"people": [{"key": "Not A Slug", "name": "X"}]}))
    with pytest.raises(DeclassifyError, match="people.schema.json"):
        load_registry((str(bad),))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Mr. Smith", "pers-mr-smith"),
        ("James P. O'Connell", "pers-james-p-o-connell"),  # an apostrophe is no NCName character
        ("José Gómez", "pers-jose-gomez"),
        ("N.S. KHRUSHCHEV", "pers-n-s-khrushchev"),
        ("Smith-Jones", "pers-smith-jones"),
    ],
)
def test_local_person_ids_are_ascii_ncnames(name, expected):
    from declassify.naming import local_person_id

    assert local_person_id(name) == expected


def test_a_name_with_no_latin_letters_still_gets_a_distinct_id():
    import regex

    from declassify.naming import local_person_id

    first, second = local_person_id("Никита Хрущёв"), local_person_id("Андрей Громыко")
    assert first != second
    assert all(regex.fullmatch(r"pers-x[0-9a-f]{10}", value) for value in (first, second))


def test_the_same_speaker_labelled_twice_running_speaks_two_turns():
    data = (
        b"TRANSCRIPT OF PROCEEDINGS\n\n"
        b"Mr. Goldsmith: Would you swear the witness.\n\n"
        b"Mr. Goldsmith: Miss Moore, I am going to state for the record that this continues a hearing.\n\n"
        b"Miss Moore: Yes, I understand that.\n"
    )
    root = encode_bytes(data, "t.txt").items[0].root
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    turns = root.findall(".//tei:sp", ns)
    assert [len(sp.findall("tei:speaker", ns)) for sp in turns] == [1, 1, 1]
    assert [sp.get("who") for sp in turns][:2] == ["#pers-mr-goldsmith"] * 2


def _plain_distance(a: str, b: str) -> float:
    """The same weighted edit distance, without any shortcut (the reference for the one below)."""
    vocab = speech_vocabulary()
    rows = [[float(j) for j in range(len(b) + 1)]]
    for i in range(1, len(a) + 1):
        current = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0.0 if a[i - 1] == b[j - 1] else vocab.confusions.get((a[i - 1], b[j - 1]), 1.0)
            current[j] = min(rows[i - 1][j] + 1, current[j - 1] + 1, rows[i - 1][j - 1] + cost)
            for wa, wb in ((2, 1), (1, 2)):
                if i >= wa and j >= wb and (a[i - wa : i], b[j - wb : j]) in vocab.confusions:
                    current[j] = min(current[j], rows[i - wa][j - wb] + vocab.confusions[(a[i - wa : i], b[j - wb : j])])
        rows.append(current)
    return rows[-1][-1]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="rnmli1oc0e", max_size=12), st.text(alphabet="rnmli1oc0e", max_size=12), st.sampled_from([0.5, 1.0, 2.0]))
def test_ocr_distance_shortcuts_keep_the_answer_within_budget(a, b, budget):
    """Length bound and early exit may only change answers that are over budget anyway."""
    exact = _plain_distance(a, b)
    got = ocr_distance(a, b, budget)
    if exact <= budget:
        assert got == exact
    else:
        assert got > budget
