"""Classification markings, however OCR mangled them; sentences are not markings."""

from __future__ import annotations

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.classification import (
    _caveat_finder,
    _caveat_pattern,
    _marking_core,
    _may_be_marking,
    _read_marking,
    levels,
    normalise_level,
    read_marking,
    vocabulary,
)


@pytest.mark.parametrize(
    "line, label, struck, caveat",
    [
        ("SECRET", "SECRET", False, None),
        ("~~SECRET~~", "SECRET", True, None),
        ("~~TOP SECRET~~", "TOP SECRET", True, None),
        ("<del>CONFIDENTIAL</del>", "CONFIDENTIAL", True, None),
        ("C O N F I D E N T I A L", "CONFIDENTIAL", False, None),
        ("S-E-C-R-E-T", "SECRET", False, None),
        ("T-O-P S-E-C-R-E-T", "TOP SECRET", False, None),
        ("S-E-C-R-E-T NOFORN", "SECRET", False, "NOFORN"),
        ("-GONFIDEN TAL", "CONFIDENTIAL", False, None),
        ("# SECRET", "SECRET", False, None),
        ("TOP SECRE", "TOP SECRET", False, None),
        ("SECRET - NO FOREIGN DISSEM", "SECRET", False, "NO FOREIGN DISSEM"),
        ("SECRET EYES ONLY", "SECRET", False, "EYES ONLY"),
        ("LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE", False, None),
        ("UNCLASSIFIED", "UNCLASSIFIED", False, None),
    ],
)
def test_markings(line, label, struck, caveat):
    marking = read_marking(line)
    assert marking is not None
    assert (marking.level.label, marking.struck, marking.caveat) == (label, struck, caveat)


@pytest.mark.parametrize(
    "line",
    ["Secret", "SECRETARY", "The Secretary said", "X-RAY", "A-1 SECRETARIAT", "EYES ONLY", "REGRET", "UNCLASSIFIED\tCONFIDENTIAL\tSECRET", "SENSITIVE", ""],
)
def test_not_markings(line):
    assert read_marking(line) is None


@pytest.mark.parametrize("value, level", [("T", "top-secret"), ("S", "secret"), ("Secret", "secret"), ("Unclassified", "unclassified")])
def test_metadata_levels(value, level):
    assert normalise_level(value).id == level


# The fragment filter in front of the fuzzy patterns must never reject a
# marking they would read.  Lines are built from labels and caveats of the
# vocabulary, damaged by OCR-like edits (within and beyond the patterns'
# tolerance), spaced, decorated and mixed with prose.
_LABELS = [level.label for level in levels()] + list(vocabulary()["caveats"])
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789~-#*.:|()/<>\t\u00a0\u2014"


@st.composite
def damaged(draw, text: str) -> str:
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(chars)))
        op = draw(st.sampled_from(["sub", "ins", "del", "space"]))
        new = draw(st.sampled_from(_ALPHABET))
        if op == "ins" or not chars:
            chars.insert(at, new)
        elif op == "space":
            chars.insert(at, " ")
        elif op == "sub":
            chars[min(at, len(chars) - 1)] = new
        else:
            del chars[min(at, len(chars) - 1)]
    return "".join(chars)


@st.composite
def marking_like_lines(draw) -> str:
    parts = draw(st.lists(st.sampled_from(_LABELS), min_size=1, max_size=2))
    text = draw(st.sampled_from([" ", " - ", "-", "  "])).join(parts)
    if draw(st.integers(0, 3)) == 0:
        text = " ".join(text)  # letter-spaced
    text = draw(damaged(text))
    if draw(st.integers(0, 3)) == 0:
        text = text.lower() if draw(st.booleans()) else text.title()
    before, after = draw(st.sampled_from([("", ""), ("~~", "~~"), ("<del>", "</del>"), ("# ", ""), ("**", "**"), ("(", ")")]))
    prose = draw(st.text(alphabet=_ALPHABET, max_size=20))
    marked = f"{before}{text}{after}"
    return draw(st.sampled_from([marked, marked, marked, f"{prose} {text}", f"{text} {prose}"]))


@settings(max_examples=600, deadline=None, derandomize=True)
@given(marking_like_lines())
def test_fragment_filter_never_rejects_a_marking(line):
    core = _marking_core(line)
    if _read_marking(core, line) is not None:
        assert _may_be_marking(core), line
    assert read_marking(line) == (_read_marking(core, line) if len(line) <= 80 else None)


def test_fragment_filter_spares_ordinary_lines():
    prose = ["The Secretary said he would return on Tuesday.", "2. Subject was born in 1931.", "Page 3 of 12", "--"]
    assert not any(_may_be_marking(_marking_core(line)) for line in prose)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(marking_like_lines())
def test_caveat_filter_never_rejects_a_caveat(line):
    core = line.upper().strip()
    if _caveat_pattern().fullmatch(core):
        assert _caveat_finder().search("".join(core.split())), line
