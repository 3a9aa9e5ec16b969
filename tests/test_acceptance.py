"""Acceptance: what a correct run finds in each seed (tests/data/expected.json), one test per fact.

Facts that a later issue delivers are listed in PENDING with the issue that
owns them; they are strict xfails, so the day one starts passing the suite
fails until its entry is removed.
"""

from __future__ import annotations

import json

import pytest

from acceptance import (
    body_text,
    corresp_names,
    fold,
    header_text,
    names_match,
    person_by_id,
    person_names,
    reading,
    xpath,
)
from conftest import EXPECTED, RAW
from declassify.pipeline import encode_file

EXPECTATIONS = json.loads(EXPECTED.read_text(encoding="utf-8"))["files"]

# (file prefix, item index or None, fact) -> issue that delivers it
PENDING: dict[tuple[str, int | None, str], str] = {
}


def _cases():
    for name, spec in EXPECTATIONS.items():
        prefix = name[:3]
        yield prefix, name, None, "items", spec["items"]
        for i, item in enumerate(spec["items"]):
            for fact, value in item.items():
                if fact in ("notes", "time"):
                    continue
                yield prefix, name, i, fact, (value, item)
        for i, text in enumerate(spec.get("body_must_not_contain", [])):
            yield prefix, name, None, f"must_not_contain[{i}]", text
        for i, text in enumerate(spec.get("body_must_contain", [])):
            yield prefix, name, None, f"must_contain[{i}]", text
        for key, value in spec.get("harvest", {}).items():
            yield prefix, name, None, f"harvest.{key}", value


CASES = []
for prefix, name, index, fact, value in _cases():
    marks = []
    issue = PENDING.get((prefix, index, fact))
    if issue:
        marks.append(pytest.mark.xfail(strict=True, reason=f"delivered by {issue}"))
    test_id = f"{prefix}-{'file' if index is None else index}-{fact}"
    CASES.append(pytest.param(name, index, fact, value, id=test_id, marks=marks))

_ENCODED: dict = {}


def encoded(name):
    if name not in _ENCODED:
        _ENCODED[name] = encode_file(RAW / name)
    return _ENCODED[name]


def _outside_floating(root, expr):
    return [n for n in xpath(root, expr) if not xpath(n, "ancestor::t:floatingText")]


def check_item(root, fact, value, item):
    if fact == "type":
        assert xpath(root, "string(//t:text/t:body/t:div/@type)") == value
    elif fact == "date":
        when = xpath(root, "string(//t:profileDesc/t:creation/t:date/@when)")
        expected = value if "time" not in item else f"{value}T{item['time']}:00"
        assert when == expected
    elif fact == "place":
        places = [fold("".join(p.itertext())) for p in xpath(root, "//t:profileDesc/t:creation/t:placeName")]
        assert names_match(value, places), places
    elif fact == "subject":
        subjects = [reading(n) for n in xpath(root, "//t:list[@type='subject']/t:item")]
        assert value in subjects, subjects
    elif fact in ("sender",):
        assert names_match(value, corresp_names(root, "sent")), corresp_names(root, "sent")
    elif fact in ("recipient",):
        assert names_match(value, corresp_names(root, "received")), corresp_names(root, "received")
    elif fact == "recipients":
        found = corresp_names(root, "received")
        assert all(names_match(v, found) for v in value), found
    elif fact in ("to", "repeated_info"):
        actions = [reading(a) for a in xpath(root, "//t:correspAction[@type='received']")]
        assert names_match(value, actions), actions
    elif fact == "salute":
        salutes = [reading(s) for s in _outside_floating(root, "//t:text//t:salute")]
        assert value in salutes, salutes
    elif fact == "closer":
        closers = [reading(c) for c in _outside_floating(root, "//t:text//t:closer")]
        assert value in closers, closers
    elif fact == "classification":
        note = xpath(root, "//t:notesStmt/t:note[@type='classification']")
        assert note, "no classification note"
        assert note[0].get("n") == value["level"]
        if "declassified" in value:
            assert (note[0].get("subtype") == "struck") is value["declassified"]
        if "caveat" in value:
            assert value["caveat"] in [fold("".join(t.itertext())) for t in xpath(note[0], "t:term[@type='caveat']")]
    elif fact == "pages":
        assert xpath(root, "string(//t:msDesc//t:measure[@unit='pages']/@quantity)") == str(value)
    elif fact == "body_starts_with":
        assert body_text(root).startswith(value), body_text(root)[:200]
    elif fact == "body_ends_with":
        assert body_text(root).endswith(value), body_text(root)[-200:]
    elif fact == "body_contains":
        for text in value:
            assert text in body_text(root)
    elif fact in ("participants_us", "participants_ussr"):
        side = "US" if fact.endswith("_us") else "USSR"
        names = [
            fold("".join(n.itertext()))
            for n in xpath(root, f"//t:particDesc//t:person[t:affiliation='{side}']/t:persName")
        ]
        for wanted in value:
            assert names_match(wanted, names), (wanted, names)
    elif fact == "participants":
        for wanted in value:
            assert names_match(wanted, person_names(root)), (wanted, person_names(root))
    elif fact == "copies_to":
        copies = [reading(n) for n in xpath(root, "//t:list[@type='distribution']/t:item")]
        for wanted in value:
            assert wanted in copies, copies
    elif fact == "speaker_turns":
        assert len(_outside_floating(root, "//t:sp")) == value
    elif fact == "first_speaker":
        first = _outside_floating(root, "//t:sp")[0]
        person = person_by_id(root, first.get("who", "#")[1:])
        full = value[value.index("(") + 1 : value.index(")")] if "(" in value else value
        assert person is not None and names_match(full, [fold("".join(n.itertext())) for n in xpath(person, "t:persName")])
    elif fact == "turn_pattern":
        turns = [sp.get("who") for sp in _outside_floating(root, "//t:sp")]
        assert len(set(turns)) == 2 and all(a != b for a, b in zip(turns, turns[1:]))
        last = xpath(root, "//t:text/t:body/t:div/t:p[last()]")
        assert last and not xpath(last[0], "following-sibling::t:sp")
    elif fact == "speakers":
        speakers = set()
        for sp in _outside_floating(root, "//t:sp[@who]"):
            person = person_by_id(root, sp.get("who")[1:])
            speakers.update(fold("".join(n.itertext())) for n in xpath(person, "t:persName"))
        for wanted in value:
            assert names_match(wanted, sorted(speakers)), (wanted, speakers)
    elif fact == "title":
        heads = [reading(h) for h in xpath(root, "//t:text//t:head")]
        titles = [fold("".join(t.itertext())) for t in xpath(root, "//t:titleStmt/t:title")]
        assert value in heads + titles, heads + titles
    elif fact == "number":
        assert xpath(root, "string(//t:text/t:body/t:div/@n)") == value
    elif fact == "direction":
        assert xpath(root, "string(//t:text/t:body/t:div/@subtype)") == value
    elif fact == "drafted_by":
        assert value in header_text(root)
    elif fact == "embedded_letter":
        letters = xpath(root, "//t:floatingText[@type='letter']")
        assert letters, "no embedded letter"
        letter = letters[0]
        assert xpath(letter, "string(.//t:opener//t:date/@when)") == value["date"]
        assert value["salute"] in [reading(s) for s in xpath(letter, ".//t:salute")]
        assert value["closer"] in [reading(c) for c in xpath(letter, ".//t:closer")]
        for role, where in (("sender", ".//t:closer//t:persName/@ref"), ("recipient", ".//t:opener//t:persName/@ref")):
            names = []
            for ref in xpath(letter, where):
                person = person_by_id(root, ref[1:])
                names += [fold("".join(n.itertext())) for n in xpath(person, "t:persName")] if person is not None else []
            assert names_match(value[role], names), (role, names)
    else:
        raise AssertionError(f"no check for fact {fact!r}")


@pytest.mark.parametrize("name, index, fact, value", CASES)
def test_acceptance(name, index, fact, value):
    result = encoded(name)
    roots = [item.root for item in result.items]
    if fact == "items":
        assert len(roots) == len(value), f"{len(roots)} items, expected {len(value)}"
        return
    if index is not None:
        assert index < len(roots), f"item {index} not found ({len(roots)} items)"
        expected, item = value
        check_item(roots[index], fact, expected, item)
        return
    if fact.startswith("must_not_contain"):
        for root in roots:
            assert value not in reading(root.find("{http://www.tei-c.org/ns/1.0}text"))
    elif fact.startswith("must_contain"):
        texts = [reading(root.find("{http://www.tei-c.org/ns/1.0}text")) for root in roots]
        assert any(value in t for t in texts)
    elif fact.startswith("harvest."):
        assert any(fold(value) in header_text(root) for root in roots)
