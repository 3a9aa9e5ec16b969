"""Recognising security classification markings, however the OCR mangled them.

A banner may be plain (``SECRET``), struck through when declassified
(``~~SECRET~~``), letter-spaced (``C O N F I D E N T I A L``), garbled
(``-GONFIDEN TAL``), set as a markdown heading (``# SECRET``) or followed by a
handling caveat (``SECRET - NO FOREIGN DISSEM``).  The levels and caveats are
data (``data/classification.json``).
"""

from __future__ import annotations

import json
import re
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


def _fragments(word: str, errors: int) -> tuple[str, ...]:
    """``word`` cut into ``errors + 1`` near-equal pieces.

    A match of ``word`` with at most ``errors`` edits leaves at least one
    piece untouched (each edit falls in one piece): the text must hold it.
    """
    parts, size = errors + 1, len(word)
    return tuple(word[i * size // parts : (i + 1) * size // parts] for i in range(parts))


@cache
def _level_fragments() -> tuple[str, ...]:
    """Exact strings of which any tolerant match of any level holds one, with white space removed.

    Per level, the word that gives the longest pieces is enough: every
    match of the level matches that word.  This is the cheap test that lets
    ``read_marking`` skip the fuzzy patterns on ordinary lines; it can only
    say "certainly not", never "yes".
    """
    result: set[str] = set()
    for level in levels():
        best = max(
            (_fragments(word, min(2, len(word) // 5)) for word in level.label.split()),
            key=lambda pieces: min(len(p) for p in pieces),
        )
        result.update(best)
    return tuple(sorted(result))


@cache
def _caveat_fragments() -> tuple[str, ...]:
    """The same for handling caveats (a marking in mixed case needs one)."""
    result: set[str] = set()
    for caveat in vocabulary()["caveats"]:
        result.update(_fragments("".join(caveat.split()), min(2, len(caveat) // 8)))
    return tuple(sorted(result))


@cache
def _level_reach() -> int:
    """How many characters (white space removed) a tolerant match of a level can span."""
    return max(
        sum(len(word) + min(2, len(word) // 5) for word in level.label.split()) for level in levels()
    )


def _any_of(fragments: tuple[str, ...]) -> re.Pattern:
    # Plain literals: the standard library's engine finds them faster than regex's.
    return re.compile("|".join(re.escape(f) for f in fragments))


@cache
def _level_finder() -> re.Pattern:
    return _any_of(_level_fragments())


@cache
def _caveat_finder() -> re.Pattern:
    return _any_of(_caveat_fragments())


def _may_name_level(squeezed: str) -> bool:
    """False when no level can match where the patterns look for one.

    A marking's level stands at the start of the line, or at its end after a
    caveat: one of its fragments lies within reach of either end.
    """
    reach = _level_reach()
    finder = _level_finder()
    return bool(finder.search(squeezed[:reach]) or finder.search(squeezed[-reach:]))


_STRUCK = regex.compile(r"^\W*~~.*~~\W*$|^\W*<del>.*</del>\W*$|^\W*<s>.*</s>\W*$", regex.DOTALL)
_TAGS = regex.compile(r"</?(?:del|s|u|b|i|strong|em)>")


def read_marking(line: str) -> Marking | None:
    """The classification marking ``line`` consists of, or None.

    The whole line must be the marking (plus decoration and an optional
    caveat); a sentence that mentions a level is not a marking.
    """
    if len(line) > 80:
        return None
    core = _marking_core(line)
    if not _may_be_marking(core):  # most lines: the fuzzy patterns need not run
        return None
    return _read_marking(core, line)


# What stands around a banner without being part of it: rules, bullets, brackets.
_DECORATION = " \t#*_~-=.:|()[]{}<>/\u2014\u2013"
# A hyphen between two single capitals: cable banners spell a level out, 'S-E-C-R-E-T'.
_LETTER_HYPHEN = regex.compile(r"(?<=(?<![^\W\d_])[A-Z])-(?=[A-Z](?![^\W\d_]))")


def _marking_core(line: str) -> str:
    """The line without strike-through, emphasis and the decoration around a banner.

    Letters spelt out with hyphens become letters spaced out, which the
    level patterns read.
    """
    core = _LETTER_HYPHEN.sub(" ", _TAGS.sub("", line))
    return core.replace("~~", " ").replace("**", " ").strip(_DECORATION)


def _capitals(core: str) -> bool | None:
    """Whether the core's letters are (nearly all) capitals; None when it has none."""
    letters = "".join(filter(str.isalpha, core))
    if not letters:
        return None
    return sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _may_be_marking(core: str) -> bool:
    """False when the fuzzy patterns certainly find no marking in ``core``.

    Exact fragment tests, a few microseconds a line: a level within reach
    of either end, and in mixed case a caveat anywhere.  They never reject a
    line ``_read_marking`` accepts (tests/test_classification.py checks it).
    str.split's white space includes all of the patterns' \\s (and a few
    more characters): squeezing more can only let more lines through.
    """
    squeezed = "".join(core.upper().split())
    if not _may_name_level(squeezed):
        return False
    capitals = _capitals(core)
    if capitals is None:
        return False
    return capitals or bool(_caveat_finder().search(squeezed))


def _read_marking(core: str, line: str) -> Marking | None:
    """The marking read by the fuzzy patterns (the slow, exact judgement)."""
    capitals = _capitals(core)
    if capitals is None:
        return None
    upper = core.upper()
    struck = bool(_STRUCK.match(line.strip()))
    marking = _level_then_caveat(upper, struck, line) or _caveat_then_level(upper, struck, line)
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
    core = _TAGS.sub("", line).replace("~~", " ").strip(_DECORATION)
    if not core or len(core) > 60 or core.upper() != core:
        return None
    if not _caveat_finder().search("".join(core.split())):  # no caveat can match: skip the fuzzy pattern
        return None
    match = _caveat_pattern().fullmatch(core, timeout=0.5)
    return " ".join(core.split()) if match else None
