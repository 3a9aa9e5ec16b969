"""Bad input gets a clean result or a one-line error: never a traceback, never lost text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from declassify.errors import InputError
from declassify.pipeline import encode_bytes
from declassify.reading import reading_text
from declassify.validation import validate_bytes

CLEAN_RESULTS = {
    "markup characters": b"Smith & Wesson said x < y and a > b; a CDATA end ]]> and <tag> stays text.\n",
    "control characters": b"Bell\x07 and \x1b escape and \x00 NUL and \x7f DEL inside a sentence.\n",
    "crlf and bom": b"\xef\xbb\xbfMemorandum for the Record\r\n\r\nThe group met.\r\n",
    "form feeds": b"Page one text.\n\f\nPage two text.\n\f",
    "invalid utf-8": b"R\xe9sum\xe9 of the meeting \x96 agreed.\n",
    "lone continuation bytes": "The ".encode() + b"\x80\x80" + " meeting \u2014 held.\n".encode(),
    "surrogate bytes": b"half a surrogate \xed\xa0\x80 here\n",
    "only noise": b"STAT\n\n25X1\n",
}


@pytest.mark.parametrize("name", sorted(CLEAN_RESULTS))
def test_clean_result(name):
    data = CLEAN_RESULTS[name]
    encoded = encode_bytes(data, f"{name.replace(' ', '_')}.txt")
    assert encoded.items
    for item in encoded.items:
        assert validate_bytes(item.xml, item.filename) == []
    joined = "".join(span["text"] for span in encoded.ledger["spans"])
    assert joined == encoded.source.text


def test_markup_characters_survive_as_text():
    encoded = encode_bytes(CLEAN_RESULTS["markup characters"], "m.txt")
    text = reading_text(encoded.items[0].root)
    assert "Smith & Wesson said x < y and a > b; a CDATA end ]]> and <tag> stays text." in text


def test_control_characters_are_dropped_and_ledgered():
    encoded = encode_bytes(CLEAN_RESULTS["control characters"], "c.txt")
    text = reading_text(encoded.items[0].root)
    assert "\x07" not in text and "\x00" not in text
    dropped = [s for s in encoded.ledger["spans"] if s["rule"] == "normalise.control-character"]
    assert "".join(s["text"] for s in dropped) == "\x07\x1b\x00\x7f"


def test_five_megabyte_single_line():
    line = ("The committee reviewed the cable traffic and found no anomaly. " * 80000)[: 5 * 1024 * 1024]
    encoded = encode_bytes(line.encode(), "long.txt")
    assert validate_bytes(encoded.items[0].xml, "long.xml") == []
    assert sum(len(s["text"]) for s in encoded.ledger["spans"]) == len(line)


@pytest.mark.parametrize(
    "data, fragment",
    [(b"", "empty"), (b"\n\n   \n", "only white space"), (b"%PDF-1.7 binary", "binary file"), (bytes(range(256)) * 64, "binary file")],
)
def test_refused_with_one_line(data, fragment):
    with pytest.raises(InputError) as err:
        encode_bytes(data, "bad.txt")
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_cli_reports_bad_files_and_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_good.txt").write_bytes(b"Dear Sir:\n\nThe meeting is on Tuesday.\n")
    (raw / "b_empty.txt").write_bytes(b"")
    (raw / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "declassify", "build", str(raw), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("b_empty.txt" in e and "empty" in e for e in errors)
    assert any("c_binary.txt" in e and "binary" in e for e in errors)
    assert "Traceback" not in proc.stderr
    assert (out / "a_good-01.xml").is_file()
    assert not list(out.glob("b_empty*")) and not list(out.glob("c_binary*"))
