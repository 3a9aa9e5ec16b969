"""Safe XML and safe paths: what the tool reads cannot reach out, what it writes cannot escape.

Any XML the tool reads (its own output for ``validate``, a user's TEI) is
parsed with entity resolution, DTD loading and network access off, and a
document declaring a DTD is refused.  Rule packs and person registries are
TOML and JSON, never XML.  Output names come from input names through
``safe_stem``: a plain ASCII token that stays in the output directory.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from declassify.cli import main
from declassify.naming import MAX_STEM, safe_stem
from declassify.validation import UnsafeXML, parse_xml

SECRET = "root:x:0:0"  # what /etc/passwd starts with; must never come out

HOSTILE_XML = {
    "external entity (XXE)": b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&xxe;</TEI>',
    "parameter entity": b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
    "external DTD over the network": b'<?xml version="1.0"?><!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">'
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
    "billion laughs": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"") for _ in range(10)))
            for i in range(1, 10)
        )
        + b']><lolz>&lol9;</lolz>'
    ),
    "quadratic blowup": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + b"A" * 50000 + b'">]><x>' + b"&a;" * 50000 + b"</x>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_XML))
def test_hostile_xml_is_refused_before_anything_is_expanded(name):
    with pytest.raises(UnsafeXML) as refused:
        parse_xml(HOSTILE_XML[name], "hostile.xml")
    assert "\n" not in str(refused.value)
    assert SECRET not in str(refused.value)


@pytest.mark.parametrize("name", sorted(HOSTILE_XML))
def test_validate_refuses_hostile_xml_in_one_line(tmp_path, capsys, name):
    path = tmp_path / "hostile.xml"
    path.write_bytes(HOSTILE_XML[name])
    assert main(["validate", str(path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "hostile.xml" in err and SECRET not in err


# -- safe paths ----------------------------------------------------------------------------

SAFE_STEM = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def assert_safe(stem: str) -> None:
    assert SAFE_STEM.fullmatch(stem), stem
    assert ".." not in stem and "/" not in stem and "\\" not in stem
    assert stem.split(".")[0].lower() not in RESERVED
    assert len(stem) <= MAX_STEM + 9  # the cut, and the digest that keeps cut names apart


@pytest.mark.parametrize(
    "name, expected",
    [
        ("memo_1961.txt", "memo_1961"),
        ("../../etc/passwd.txt", "passwd"),
        ("/etc/cron.d/job.txt", "job"),
        ("..\\..\\windows\\win.ini", "win"),
        ("..txt", None),
        ("...", None),
        (".hidden.txt", None),
        ("CON.txt", None),
        ("nul", None),
        ("com1.report.txt", None),
        ("a b&c<d>.txt", None),
        ("ünïcödé.txt", None),
        ("-rf.txt", None),
        ("x" * 300 + ".txt", None),
        ("", None),
    ],
)
def test_safe_stem(name, expected):
    stem = safe_stem(name)
    assert_safe(stem)
    if expected is not None:
        assert stem == expected


def test_names_that_clean_up_alike_stay_apart():
    assert safe_stem("a b.txt") != safe_stem("a_b.txt") != safe_stem("a&b.txt")
    assert safe_stem("x" * 300 + "1.txt") != safe_stem("x" * 300 + "2.txt")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_any_name_gives_a_safe_stem_inside_the_output_directory(name):
    stem = safe_stem(name)
    assert_safe(stem)
    out = Path("/srv/deposit/tei")
    for relative in (f"{stem}-01.xml", f"ledger/{stem}.json"):
        target = (out / relative).resolve()
        assert target.is_relative_to(out.resolve())


def test_a_build_of_hostile_names_writes_only_inside_its_output_directory(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    names = ["CON.txt", "nul.txt", "-rf.txt", "a b&c.txt", "ünï.txt", "x" * 200 + ".txt"]  # hidden files (".x.txt") are never inputs
    for name in names:
        (raw / name).write_text("Dear Sir:\n\nThe meeting is on Tuesday.\n")
    out = tmp_path / "deposit" / "tei"
    assert main(["build", str(raw), "--out", str(out), "--quiet"]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and raw not in p.parents]
    assert written and all(out in p.parents for p in written)
    xml = sorted(p.name for p in out.glob("*.xml"))
    assert len(xml) == len(names)
    for name in xml:
        stem, ordinal = name.removesuffix(".xml").rsplit("-", 1)
        assert_safe(stem)
        assert ordinal.isdigit()


def test_names_equal_but_for_case_are_refused_not_overwritten(tmp_path, capsys):
    """On a case-insensitive deposit (macOS, Windows) Memo-01.xml and memo-01.xml are one file."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Memo.txt").write_text("Dear Sir:\n\nThe first memorandum.\n")
    (raw / "memo.txt").write_text("Dear Sir:\n\nThe second memorandum.\n")
    out = tmp_path / "out"
    assert main(["build", str(raw), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "memo.txt: its output name 'memo' is already taken by" in err and "Memo.txt" in err
    assert [p.name for p in out.glob("*.xml")] == ["Memo-01.xml"]
