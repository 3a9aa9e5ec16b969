"""Recognising security classification markings, however the OCR mangled them.

A banner may be plain (``SECRET``), struck through when declassified
(``~~SECRET~~``), letter-spaced (``C O N F I D E N T I A L``), garbled
(``-GONFIDEN TAL``), set as a markdown heading (``# SECRET``) or followed by a
handling caveat (``SECRET - NO FOREIGN DISSEM``).  The levels and caveats are
data (``data/classification.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import regex

from .resources import data_path


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    label: str
    rank: int


@dataclass(frozen=True, slots=True)
class Marking:
    """A classification marking read from a line."""

    level: Level
    struck: bool
    caveat: str | None
    text: str


@cache
def vocabulary() -> dict:
    return json.loads(data_path("classification.json").read_text(encoding="utf-8"))


@cache
def levels() -> tuple[Level, ...]:
    return tuple(Level(e["id"], e["label"], e["rank"]) for e in vocabulary()["levels"])


@cache
def level_by_id() -> dict[str, Level]:
    return {level.id: level for level in levels()}


@cache
def _level_patterns() -> tuple[tuple[Level, regex.Pattern], ...]:
    """One tolerant pattern per level, longest labels first.

    Letters may be spaced out; long words tolerate OCR errors (one per five
    letters, at most two).
    """
    result = []
    for level in sorted(levels(), key=lambda lv: -len(lv.label)):
        words = []
        for word in level.label.split():
            spaced = r"\s?".join(regex.escape(ch) for ch in word)
            errors = min(2, len(word) // 5)
            words.append(f"(?:{spaced}){{e<={errors}}}" if errors else f"(?:{spaced})")
        result.append((level, regex.compile(r"\s*".join(words), regex.BESTMATCH)))
    return tuple(result)


@cache
def _caveat_pattern() -> regex.Pattern:
    caveats = sorted(vocabulary()["caveats"], key=len, reverse=True)
    alternation = "|".join(r"\s*".join(regex.escape(w) for w in c.split()) for c in caveats)
    return regex.compile(rf"(?:{alternation})")


_STRUCK = regex.compile(r"^\W*~~.*~~\W*$|^\W*<del>.*</del>\W*$|^\W*<s>.*</s>\W*$", regex.DOTALL)
_TAGS = regex.compile(r"</?(?:del|s|u|b|i|strong|em)>")


def read_marking(line: str) -> Marking | None:
    """The classification marking ``line`` consists of, or None.

    The whole line must be the marking (plus decoration and an optional
    caveat); a sentence that mentions a level is not a marking.
    """
    if len(line) > 80 or not any(c.isalpha() for c in line):
        return None
    struck = bool(_STRUCK.match(line.strip()))
    core = _TAGS.sub("", line)
    core = core.replace("~~", " ").replace("**", " ").strip(" \t#*_~-=.:|()[]{}<>/\u2014\u2013")
    letters = [c for c in core if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None  # banners are set in capitals; "Secret" in a sentence is not one
    upper = core.upper()
    for level, pattern in _level_patterns():
        match = pattern.match(upper, timeout=0.5)
        if not match:
            continue
        rest = upper[match.end() :].strip(" \t-=.:/\u2014\u2013()")
        caveat = None
        if rest:
            cav = _caveat_pattern().fullmatch(rest, timeout=0.5)
            if not cav:
                continue
            caveat = " ".join(rest.split())
        return Marking(level=level, struck=struck, caveat=caveat, text=line.strip())
    return None


def normalise_level(text: str) -> Level | None:
    """The level named by a form field or metadata value ('Secret', 'T', 'S' ...)."""
    value = text.strip().upper()
    if not value:
        return None
    for level in levels():
        if value == level.label:
            return level
    # Reading-room metadata abbreviates the level to its initial (T, S, C, U).
    initials = {"T": "top-secret", "S": "secret", "C": "confidential", "U": "unclassified", "R": "restricted"}
    if value in initials:
        return level_by_id()[initials[value]]
    marking = read_marking(value)
    return marking.level if marking else None
