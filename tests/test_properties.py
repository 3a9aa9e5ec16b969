"""Properties of the whole pipeline on generated input (hypothesis).

For any bytes at all, ``encode_bytes`` either refuses the file with a
one-line :class:`InputError` or gives documents that are
- well-formed and valid (project RELAX NG and Schematron),
- deterministic (a second run gives the same bytes, TEI and ledger),
- faithful: the ledger's spans tile the decoded input exactly,
- idempotent: a document's reading text, cleaned again, is unchanged.

The generator mixes what archives really send (stamps, banners, page
furniture, form grids, wrappers, garbled variants of them) with what they
should not (arbitrary Unicode, raw bytes, control characters, bytes of lone
surrogates, very long lines, thousands of page breaks).

Budget: ``DECLASSIFY_FUZZ_EXAMPLES`` examples per property (default 40,
which keeps ``make test`` within minutes; raise it for a long hunt, e.g.
``DECLASSIFY_FUZZ_EXAMPLES=2000 make test``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declassify.errors import InputError
from declassify.pipeline import encode_bytes
from declassify.reading import reading_text
from declassify.validation import validate_bytes

EXAMPLES = int(os.environ.get("DECLASSIFY_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a 100 KB example legitimately takes a second; speed is make bench's business
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    derandomize=os.environ.get("DECLASSIFY_FUZZ_RANDOM") is None,  # reproducible in CI unless asked
)

# Lines of the kinds the noise stages claim, as archives print them and as OCR garbles them.
NOISE_LINES = [
    "Approved For Release 2003/04/18 : CIA-RDP80B01676R000900010001-2",
    "Approved For Re1ease 2oo3/o4/18 : CIA-RDP80BO1676R0009OOO1OOO1-2",
    "Approved For Rejse 2003/04/18 : CIA-RDP",
    "DECLASSIFIED",
    "DECLASSIFlED E.O. 12958, Sec. 3.6",
    "Authority NND 959000 By JW NARA, Date 5/1/98",
    "NW 12345 DocId:32100000 Page 7",
    "HW 54321 Docld:3210 Page 12",
    "UNCLASSIFIED U.S. Department of State Case No. F-2015-01234 Doc No. C01234567 Date: 01/02/2019",
    "RELEASE IN FULL",
    "SECRET",
    "~~SECRET~~",
    "~~TOP SECRET~~",
    "C O N F I D E N T I A L",
    "-GONFIDEN TAL",
    "# SECRET",
    "25X1",
    "STAT",
    "STATINTL",
    "(b)(1)",
    "(b)(3)",
    "-2-",
    "- 14 -",
    "Page 2",
    "Page Two",
    "PAGE 01",
    "## Page 3",
    "# Document",
    "---",
    "title: A memorandum",
    "```",
    "![image](page-001.png)",
    "<del>SECRET</del>",
    "**MEMORANDUM FOR THE RECORD**",
    "ROUTING AND TRANSMITTAL SLIP",
    "TO: (Name, office symbol, room number,",
    "| ACTION | DIRECT REPLY | PREPARE REPLY |",
    "INDICATE: COLLECT CHARGE TO",
    "REPRODUCTION FROM THIS COPY IS PROHIBITED",
    "FORM 1-56 610 USE PREVIOUS EDITIONS",
    "12 Dec 60",
    "Converted with pdftotext",
]
PROSE_LINES = [
    "MEMORANDUM OF CONVERSATION",
    "DATE: June 4, 1961",
    "SUBJECT: Berlin",
    "PARTICIPANTS: The President; the Secretary of State",
    "The President said that the situation in Berlin was dangerous.",
    "Mr. Smith: We cannot agree to that.",
    "The meeting was held at 10:30 a.m. in the Cabinet Room and lasted for an hour.",
    "The Secretary replied that the question of the Soviet-American talks remained open and that",
    "further consultation would be needed before any decision could be taken by the allies.",
    "Dear Mr. President:",
    "Sincerely yours,",
    "John Doe",
    "Director of Central Intelligence",
    "1. The committee met on 12 December 1960.",
    "TO: Director, FROM: Chief of Station",
]
WEIRD_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=0, max_codepoint=0x10FFFF),
    max_size=80,
)
SMALL_BYTES = st.binary(max_size=40)
CONTROL = st.sampled_from(["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\r", "\t"])
# Bytes of a lone surrogate, as a bad encoder writes them (CESU / WTF-8).
LONE_SURROGATE = st.integers(0xD800, 0xDFFF).map(lambda c: chr(c).encode("utf-8", "surrogatepass"))


def _garble(line: str, draw) -> str:
    """OCR-style damage: letters swapped for look-alikes, a character dropped or doubled."""
    swaps = {"I": "l", "O": "0", "l": "1", "o": "0", "e": "c", "S": "5", "E": "F"}
    chars = list(line)
    for _ in range(draw(st.integers(0, 3))):
        if not chars:
            break
        i = draw(st.integers(0, len(chars) - 1))
        action = draw(st.sampled_from(["swap", "drop", "double"]))
        if action == "swap":
            chars[i] = swaps.get(chars[i], chars[i])
        elif action == "drop":
            del chars[i]
        else:
            chars.insert(i, chars[i])
    return "".join(chars)


@st.composite
def piece(draw) -> bytes:
    kind = draw(
        st.sampled_from(["noise", "garbled", "prose", "prose", "weird", "bytes", "control", "surrogate", "breaks", "blank"])
    )
    if kind == "noise":
        return draw(st.sampled_from(NOISE_LINES)).encode() + b"\n"
    if kind == "garbled":
        return _garble(draw(st.sampled_from(NOISE_LINES)), draw).encode() + b"\n"
    if kind == "prose":
        return draw(st.sampled_from(PROSE_LINES)).encode() + draw(st.sampled_from([b"\n", b" ", b"\n\n", b"-\n"]))
    if kind == "weird":
        return draw(WEIRD_TEXT).encode("utf-8")
    if kind == "bytes":
        return draw(SMALL_BYTES)
    if kind == "control":
        return draw(CONTROL).encode("utf-8")
    if kind == "surrogate":
        return draw(LONE_SURROGATE)
    if kind == "breaks":
        return draw(st.sampled_from([b"\f", b"\n\f\n", b"\n\n\n\n", b"\r\n"])) * draw(st.integers(1, 20))
    return b"\n"


@st.composite
def raw_file(draw) -> bytes:
    pieces = draw(st.lists(piece(), max_size=60))
    if draw(st.integers(0, 9)) == 0:
        # Scale: a very long line, a thousand pages, a stamp repeated without end.
        big = draw(
            st.sampled_from(
                [
                    b"word " * 20000,
                    (b"The text of one page.\n\f\n") * 1500,
                    b"\n".join([NOISE_LINES[0].encode()] * 2000),
                    b"Approved For Re" * 5000,
                    b"-" * 50000,
                    b"~~SECRET~~ " * 3000,
                ]
            )
        )
        pieces.insert(draw(st.integers(0, len(pieces))), big)
    return b"".join(pieces)


def encode_or_refuse(data: bytes):
    """The encoded file, or None when refused with a proper one-line error."""
    try:
        return encode_bytes(data, "fuzz.txt")
    except InputError as err:
        message = str(err)
        assert message.startswith("fuzz.txt: ") and "\n" not in message
        return None


@FUZZ
@given(raw_file())
def test_valid_faithful_and_deterministic(data):
    encoded = encode_or_refuse(data)
    if encoded is None:
        return
    assert encoded.items
    spans = encoded.ledger["spans"]
    assert "".join(span["text"] for span in spans) == encoded.source.text
    assert all(a["end"] == b["start"] for a, b in zip(spans, spans[1:]))
    for item in encoded.items:
        assert validate_bytes(item.xml, item.filename) == []
    again = encode_bytes(data, "fuzz.txt")
    assert [item.xml for item in again.items] == [item.xml for item in encoded.items]
    assert again.ledger == encoded.ledger


@FUZZ
@given(raw_file())
def test_cleaning_is_idempotent(data):
    encoded = encode_or_refuse(data)
    if encoded is None:
        return
    for item in encoded.items:
        once = reading_text(item.root)
        if not once.strip():
            continue
        again = encode_or_refuse(once.encode("utf-8"))
        assert again is not None, "a clean text was refused"
        assert " ".join(reading_text(other.root) for other in again.items) == once


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_at_all(data):
    encoded = encode_or_refuse(data)
    if encoded is None:
        return
    assert "".join(span["text"] for span in encoded.ledger["spans"]) == encoded.source.text
    for item in encoded.items:
        assert validate_bytes(item.xml, item.filename) == []


@pytest.mark.parametrize(
    "data",
    [
        b"\xed\xa0\x80\xed\xb0\x80 paired surrogates written one by one\n",
        "text \udc80 of a badly decoded file".encode("utf-8", "surrogateescape"),
        b"\f" * 5000 + b"one word\n",
        b"\n\f\n".join(b"page %d of the report" % i for i in range(3000)),
    ],
    ids=["surrogate pair as CESU-8", "surrogateescape byte", "five thousand form feeds", "three thousand pages"],
)
def test_edge_inputs_found_by_hand(data):
    encoded = encode_or_refuse(data)
    assert encoded is not None
    assert "".join(span["text"] for span in encoded.ledger["spans"]) == encoded.source.text
    for item in encoded.items:
        assert validate_bytes(item.xml, item.filename) == []
