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
    parts = []
    for caveat in caveats:
        body = r"\s*".join(regex.escape(w) for w in caveat.split())
        errors = min(2, len(caveat) // 8)  # OCR garbles long caveats ('NO FOREIGN DISSIM')
        parts.append(f"(?:{body}){{e<={errors}}}" if errors else f"(?:{body})")
    return regex.compile("(?:" + "|".join(parts) + ")", regex.BESTMATCH)


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
    if not letters:
        return None
    capitals = sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    marking = _level_then_caveat(core.upper(), struck, line) or _caveat_then_level(core.upper(), struck, line)
    # Banners are set in capitals ("Secret" in a sentence is not one); a line
    # that pairs a level with a handling caveat is a marking in any case.
    if marking is None or not (capitals or marking.caveat):
        return None
    return marking


_SEPARATORS = " \t-=.:/\u2014\u2013()"


def _level_then_caveat(upper: str, struck: bool, line: str) -> Marking | None:
    for level, pattern in _level_patterns():
        match = pattern.match(upper, timeout=0.5)
        if not match:
            continue
        rest = upper[match.end() :].strip(_SEPARATORS)
        caveat = None
        if rest:
            if not _caveat_pattern().fullmatch(rest, timeout=0.5):
                continue
            caveat = " ".join(rest.split())
        return Marking(level=level, struck=struck, caveat=caveat, text=line.strip())
    return None


def _caveat_then_level(upper: str, struck: bool, line: str) -> Marking | None:
    """'FOR THE PRESIDENT ONLY - TOP SECRET': the caveat first, then the level."""
    cav = _caveat_pattern().match(upper, timeout=0.5)
    if not cav:
        return None
    rest = upper[cav.end() :].strip(_SEPARATORS)
    for level, pattern in _level_patterns():
        if rest and pattern.fullmatch(rest, timeout=0.5):
            return Marking(level=level, struck=struck, caveat=" ".join(cav.group().split()), text=line.strip())
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


def read_caveat(line: str) -> str | None:
    """The handling caveat ``line`` consists of ('EYES ONLY AMBASSADOR', 'NO FOREIGN DISSEM'), or None."""
    core = _TAGS.sub("", line).replace("~~", " ").strip(" \t#*_~-=.:|()[]{}<>/\u2014\u2013")
    if not core or len(core) > 60 or core.upper() != core:
        return None
    match = _caveat_pattern().fullmatch(core, timeout=0.5)
    return " ".join(core.split()) if match else None
