"""Safe names: item ids and output file names derived from raw file names.

An item id becomes a file name in the output directory and (prefixed with
``d``) an ``xml:id``, so it must be a plain ASCII token: no path separators,
no ``..``, no leading dot, no name Windows reserves.
"""

from __future__ import annotations

import hashlib
import unicodedata

import regex

_UNSAFE = regex.compile(r"[^A-Za-z0-9_.-]+")
_DOTS = regex.compile(r"\.{2,}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM = 100


def safe_stem(name: str) -> str:
    """A file-name stem that is safe in any directory and as part of an NCName."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." in stem.lstrip("."):
        stem = stem[: stem.rfind(".")]
    cleaned = _UNSAFE.sub("_", stem).strip("._-")
    cleaned = _DOTS.sub(".", cleaned)
    if not cleaned:
        cleaned = "file"
    if cleaned.split(".")[0].lower() in _RESERVED:
        cleaned = f"file_{cleaned}"
    changed = cleaned != stem
    if len(cleaned) > MAX_STEM:
        cleaned, changed = cleaned[:MAX_STEM], True
    if changed:
        # Two different names may sanitise to the same stem: the digest of the
        # original keeps them apart.
        digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cleaned = f"{cleaned}_{digest}"
    return cleaned


def item_id(stem: str, ordinal: int) -> str:
    return f"{stem}-{ordinal:02d}"


def xml_id(item: str) -> str:
    """The root's xml:id: an NCName never starts with a digit, so prefix ``d``."""
    return f"d{item}"


_ID_WORD = regex.compile(r"[a-z0-9]+")
MAX_ID_WORDS = 48


def local_person_id(name: str) -> str:
    """The xml:id of a person known only from this document: ``pers-`` and the name's words.

    Only ASCII letters and digits survive (accents folded: 'Gómez' -> 'gomez'),
    so the id is an NCName in every XML tool and in a URL fragment; an
    apostrophe ("O'Connell") or a name in another script never reaches it.  A
    name with no such word gets a digest, so two of them stay apart.
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    words = _ID_WORD.findall(folded.encode("ascii", "ignore").decode("ascii"))
    slug = "-".join(words)[:MAX_ID_WORDS].strip("-")
    if not slug:
        slug = "x" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"pers-{slug}"
