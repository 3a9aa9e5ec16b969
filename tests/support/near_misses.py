"""Near-misses of the stamps the rule packs match fuzzily, as long as one likes.

Each unit almost starts a match and fails late, which is what makes a naive
pattern backtrack.  Shared by tests/test_pathological.py (100,000
characters: each must finish and lose nothing) and tools/bench.py
--pathological (100,000 against 1,000,000 characters: the cost must grow
tenfold, not more).
"""

UNITS = {
    "release stamp prefixes": "Approved For Releas ",
    "records numbers without end": "CIA-RDP80B0167",
    "declassified, never finished": "DECLASSIFIE D E.O. 1235 ",
    "docid footers, one line": "NW 5095 DocId:3226 Pag ",
    "struck banners, unclosed": "~~SECRET ",
    "letter-spaced banner, broken": "C O N F I D E N T I A ",
    "field labels run together": "aSUBJECT:bDATE:cFROM:",
    "emphasis never closed": "**word *word ",
    "page numbers in a row": "- 2 - ",
}


def near_miss(kind: str, length: int) -> str:
    """``length`` characters (at least) of the unit of ``kind``, on one line."""
    unit = UNITS[kind]
    return unit * (length // len(unit) + 1)
