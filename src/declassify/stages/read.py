"""Stage 1, read: bytes on disk to a decoded :class:`Source`.

Never guesses silently and never drops a byte: UTF-8 is tried first; a byte
that is not valid UTF-8 is read as Windows-1252 (undefined positions as the
Latin-1 code point, as ftfy's "sloppy" codec does) and the source says so in
``encoding`` and ``warnings``.  Files that are not text at all are refused
with a one-line :class:`InputError`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import regex

from ..errors import InputError
from ..model import Source

# Encoding holds about 45 bytes of memory per input byte at its peak (a 10 MB
# file: 481 MB), per worker.  10 MB keeps a worker under 500 MB and is eight
# times the largest of 2,197 real JFK records; --max-size raises it.
DEFAULT_MAX_SIZE = 10 * 1024 * 1024

# Signatures of binary formats people drop into an OCR folder by mistake.
BINARY_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "an executable"),
)

# Bytes that never occur in text: NUL and C0 controls other than \t \n \v \f \r, and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
BINARY_CONTROL_SHARE = 0.10
# A short text with a few stray controls is OCR debris, not a binary file.
BINARY_MIN_CONTROLS = 16


def _sloppy_cp1252_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0x100):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            table[byte] = chr(byte)  # the five undefined positions, as Latin-1 does
    return table


SLOPPY_CP1252 = _sloppy_cp1252_table()
_ESCAPED_BYTE = regex.compile(r"[\udc80-\udcff]")


def read(path: Path | str, *, max_size: int = DEFAULT_MAX_SIZE) -> Source:
    """Read and decode one raw file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        if size > max_size:
            raise InputError(
                f"{path}: too large ({size:,} bytes; the limit is {max_size:,}, raise it with --max-size)"
            )
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    return decode(data, path.name)


def decode(data: bytes, name: str) -> Source:
    """Decode ``data`` (the content of file ``name``) into a :class:`Source`."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    _refuse_binary(data, name)
    encoding, text, fallback, warnings = _decode_text(data)
    if not text.strip():
        what = "empty" if not data else "only white space"
        raise InputError(f"{name}: {what}: no text to encode")
    return Source(
        name=name,
        stem=stem,
        data=data,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        fallback=tuple(fallback),
        warnings=tuple(warnings),
    )


def encode_back(source: Source, text: str | None = None) -> bytes:
    """Encode decoded text back into the original bytes (the ledger's round trip)."""
    text = source.text if text is None else text
    if source.encoding in ("utf-8",):
        return text.encode("utf-8")
    if source.encoding.startswith("utf-16"):
        return text.encode(source.encoding)
    if source.encoding == "windows-1252":
        return _encode_cp1252(text)
    if source.encoding == "utf-8+windows-1252":
        out = bytearray()
        cursor = 0
        for offset in source.fallback:
            out += text[cursor:offset].encode("utf-8")
            out += _encode_cp1252(text[offset])
            cursor = offset + 1
        out += text[cursor:].encode("utf-8")
        return bytes(out)
    raise ValueError(f"unknown encoding {source.encoding}")


def _encode_cp1252(text: str) -> bytes:
    reverse = {char: byte for byte, char in SLOPPY_CP1252.items()}
    return bytes(ord(c) if ord(c) < 0x80 else reverse[c] for c in text)


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file ({what}), not OCR text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte order mark: NULs are expected
    sample = data[:65536]
    if sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls > BINARY_MIN_CONTROLS and controls / len(sample) > BINARY_CONTROL_SHARE:
            for parity in (0, 1):
                half = sample[parity::2]
                if len(half) >= 8 and half.count(0) / len(half) > 0.9:
                    raise InputError(
                        f"{name}: looks like UTF-16 without a byte order mark; convert it to UTF-8"
                    )
            raise InputError(
                f"{name}: binary file ({controls} control bytes in the first {len(sample)}), not OCR text"
            )


def _decode_text(data: bytes) -> tuple[str, str, list[int], list[str]]:
    """Return (encoding, text, fallback offsets, warnings)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            # Decoding without the BOM-eating codec keeps U+FEFF in the text, so
            # offsets still count every character and normalise can ledger it.
            return codec, data.decode(codec), [], [f"decoded as {codec.upper()} (byte order mark)"]
        except UnicodeDecodeError:
            pass  # an odd length or lone surrogate: fall through to the byte-level path
    try:
        return "utf-8", data.decode("utf-8"), [], []
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    fallback: list[int] = []
    non_ascii_valid = False

    def to_cp1252(match: regex.Match) -> str:
        fallback.append(match.start())  # one char in, one char out: offsets stay put
        return SLOPPY_CP1252[ord(match.group()) - 0xDC00]

    text = _ESCAPED_BYTE.sub(to_cp1252, escaped)
    non_ascii_valid = any(ord(c) > 0x7F for c in escaped if not 0xDC80 <= ord(c) <= 0xDCFF)
    if non_ascii_valid:
        return (
            "utf-8+windows-1252",
            text,
            fallback,
            [f"not valid UTF-8: {len(fallback)} byte(s) decoded as Windows-1252, the rest as UTF-8"],
        )
    return "windows-1252", text, [], [f"not valid UTF-8: decoded as Windows-1252 ({len(fallback)} non-ASCII bytes)"]
