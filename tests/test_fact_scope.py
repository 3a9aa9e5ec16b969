"""Which documents of a file each harvested fact describes (fact_scope)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.fact_scope import facts_by_item
from declassify.model import Fact

# Three documents: [0, 100), [100, 200), [250, 300); 200-250 is between documents.
SPANS = [(0, 100), (100, 200), (250, 300)]


def stamp(at: int, name: str = "release", value: str = "stamp") -> Fact:
    return Fact(name, value, at, at + 5, "test.stamp", "file")


def record(at: int, number: str) -> Fact:
    return Fact("idno", number, at, at + 5, "test.record", "file", (("type", "record"),), unit=True)


def banner(at: int) -> Fact:
    return Fact("classification", "SECRET", at, at + 5, "test.banner", "item")


def where(facts: list[Fact], spans=SPANS) -> list[list[int]]:
    """For each document, the offsets of the facts it receives."""
    return [[fact.start for fact in got] for got in facts_by_item(facts, spans)]


CASES = [
    pytest.param([banner(10), banner(120), banner(260)], [[10], [120], [260]], id="item facts stay where they stand"),
    pytest.param([banner(220)], [[], [], []], id="an item fact between documents describes none"),
    pytest.param([stamp(10)], [[10], [10], [10]], id="no identifier: the file is one unit"),
    pytest.param([stamp(10), stamp(120), stamp(260)], [[10, 120, 260]] * 3, id="one unit: every document takes every stamp"),
    pytest.param(
        [record(5, "A"), stamp(10), record(255, "A"), stamp(260)],
        [[5, 10, 255, 260]] * 3,
        id="documents sharing their identifier are one unit",
    ),
    pytest.param(
        [record(5, "A"), stamp(10), record(105, "B"), stamp(110), record(255, "C")],
        [[5, 10], [105, 110], [255]],
        id="documents with different identifiers are different units",
    ),
    pytest.param(
        [record(5, "A"), stamp(10), stamp(120), record(255, "C")],
        [[5, 10, 120], [5, 10, 120], [255]],
        id="a document without identifier follows the one before it",
    ),
    pytest.param(
        [stamp(10), record(105, "B"), record(255, "C")],
        [[10, 105], [10, 105], [255]],
        id="before any identifier, a document joins the first that has one",
    ),
    pytest.param(
        [record(5, "A"), record(105, "A"), record(110, "A'"), record(255, "A'")],
        [[5, 105, 110, 255]] * 3,
        id="a misread identifier is linked through a page that holds both",
    ),
    pytest.param(
        [record(5, "A"), record(220, "C"), stamp(230)],
        [[5], [5], [220, 230]],
        id="a stamp between documents belongs to the next one",
    ),
    pytest.param(
        [record(5, "A"), record(255, "C"), stamp(400)],
        [[5], [5], [255, 400]],
        id="a stamp after the last document belongs to it",
    ),
    pytest.param(
        [record(5, "A"), banner(20), record(255, "C"), banner(270)],
        [[5, 20], [5], [255, 270]],
        id="item facts ignore units",
    ),
]


@pytest.mark.parametrize("facts, expected", CASES)
def test_facts_by_item(facts, expected):
    assert where(facts) == expected


def test_a_fact_without_unit_flag_never_splits_a_file():
    case_numbers = [Fact("idno", str(n), at, at + 5, "test.case", "file", (("type", "case"),)) for n, at in enumerate((5, 105, 255))]
    assert where(case_numbers) == [[5, 105, 255]] * 3


def test_the_normalised_identifier_links_units():
    a = Fact("idno", "104-10003-10041", 5, 10, "test.record", "file", (("normal", "104-10003-10041"), ("type", "record")), unit=True)
    b = Fact("idno", "104- 10003-10041", 255, 260, "test.record", "file", (("normal", "104-10003-10041"), ("type", "record")), unit=True)
    assert where([a, b]) == [[5, 255]] * 3


def test_no_documents():
    assert facts_by_item([stamp(10)], []) == []


@st.composite
def files(draw):
    cuts = sorted(draw(st.sets(st.integers(1, 999), min_size=1, max_size=12)))
    bounds = [0, *cuts, 1000]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:])]
    facts = []
    for at in draw(st.lists(st.integers(0, 1100), max_size=20)):
        kind = draw(st.sampled_from(["item", "file", "unit"]))
        if kind == "item":
            facts.append(banner(at))
        elif kind == "file":
            facts.append(stamp(at))
        else:
            facts.append(record(at, draw(st.sampled_from("ABC"))))
    return facts, spans


@settings(max_examples=300, deadline=None)
@given(files())
def test_units_partition_the_documents(case):
    """Every file fact reaches at least its own document; any two documents share all file facts or none."""
    facts, spans = case
    got = facts_by_item(facts, spans)
    file_sets = [frozenset(i for i, f in enumerate(facts) if f.scope == "file" and any(g is f for g in received)) for received in got]
    for index, fact in enumerate(facts):
        if fact.scope == "file":
            assert any(index in s for s in file_sets)
    for a in file_sets:
        for b in file_sets:
            assert a == b or not (a & b)
    position = {id(fact): index for index, fact in enumerate(facts)}
    for received in got:
        order = [position[id(fact)] for fact in received]
        assert order == sorted(order), "facts keep their order"
