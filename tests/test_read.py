"""Stage read: decoding, honest fallbacks, and refusing what is not text."""

from __future__ import annotations

import hashlib

import pytest

from declassify.errors import InputError
from declassify.stages.read import decode, encode_back, read

# (bytes, expected encoding, expected text, expected warning fragment or None)
DECODING_CASES = [
    (b"plain ascii\n", "utf-8", "plain ascii\n", None),
    ("Khrushchev \u2014 Vienna\n".encode(), "utf-8", "Khrushchev \u2014 Vienna\n", None),
    (b"\xef\xbb\xbfwith a BOM\n", "utf-8", "\ufeffwith a BOM\n", None),
    (b"crlf\r\nlines\r\n", "utf-8", "crlf\r\nlines\r\n", None),
    (b"caf\xe9 \x93quoted\x94\n", "windows-1252", "caf\u00e9 \u201cquoted\u201d\n", "Windows-1252"),
    ("mixed \u2014 ".encode() + b"caf\xe9\n", "utf-8+windows-1252", "mixed \u2014 caf\u00e9\n", "1 byte"),
    (b"undefined \x81 byte\n", "windows-1252", "undefined \x81 byte\n", "Windows-1252"),
    ("\ufeffutf16 text\n".encode("utf-16-le"), "utf-16-le", "\ufeffutf16 text\n", "UTF-16"),
    (b"a NUL \x00 inside a long line of otherwise ordinary text\n", "utf-8", "a NUL \x00 inside a long line of otherwise ordinary text\n", None),
]


@pytest.mark.parametrize("data, encoding, text, warning", DECODING_CASES)
def test_decoding(data, encoding, text, warning):
    source = decode(data, "x.txt")
    assert source.encoding == encoding
    assert source.text == text
    if warning:
        assert any(warning in w for w in source.warnings)
    else:
        assert not source.warnings
    assert encode_back(source) == data, "decoding must be reversible: no byte dropped"


REFUSALS = [
    (b"", "empty"),
    (b"   \n\t\n  ", "only white space"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (bytes(range(0, 32)) * 40, "binary"),
    ("utf16 without bom".encode("utf-16-le"), "UTF-16 without a byte order mark"),
]


@pytest.mark.parametrize("data, reason", REFUSALS)
def test_refusals_are_one_line(data, reason):
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    message = str(err.value)
    assert message.startswith("bad.txt: ")
    assert reason in message
    assert "\n" not in message


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match="too large"):
        read(path, max_size=1024)
    assert read(path, max_size=4096).text == "x" * 2048


def test_unreadable_path(tmp_path):
    with pytest.raises(InputError, match="cannot read|not a regular file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read(tmp_path)


def test_sha256_and_names(tmp_path):
    path = tmp_path / "004_sample.txt"
    path.write_bytes(b"DEAR MR. CHAIRMAN:\n")
    source = read(path)
    assert source.name == "004_sample.txt"
    assert source.stem == "004_sample"
    assert source.sha256 == hashlib.sha256(b"DEAR MR. CHAIRMAN:\n").hexdigest()
