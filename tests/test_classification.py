"""Classification markings, however OCR mangled them; sentences are not markings."""

from __future__ import annotations

import pytest

from declassify.classification import normalise_level, read_marking


@pytest.mark.parametrize(
    "line, label, struck, caveat",
    [
        ("SECRET", "SECRET", False, None),
        ("~~SECRET~~", "SECRET", True, None),
        ("~~TOP SECRET~~", "TOP SECRET", True, None),
        ("<del>CONFIDENTIAL</del>", "CONFIDENTIAL", True, None),
        ("C O N F I D E N T I A L", "CONFIDENTIAL", False, None),
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
    ["Secret", "SECRETARY", "The Secretary said", "EYES ONLY", "REGRET", "UNCLASSIFIED\tCONFIDENTIAL\tSECRET", "SENSITIVE", ""],
)
def test_not_markings(line):
    assert read_marking(line) is None


@pytest.mark.parametrize("value, level", [("T", "top-secret"), ("S", "secret"), ("Secret", "secret"), ("Unclassified", "unclassified")])
def test_metadata_levels(value, level):
    assert normalise_level(value).id == level
