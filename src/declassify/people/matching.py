"""Resolving a name as a document writes it to one registry entry, or to none.

Tried in order, each step only if the one before found nothing:

1. an office alias ('The President', 'the Chairman') held, certainly, by
   exactly one person at the document's date;
2. the full name or a recorded variant ('N. S. Khrushchev', 'Khrushchov');
3. the same after dropping honorifics ('Foreign Minister Gromyko');
4. the surname alone, where the registry allows it and one entry has it, or
   where one person the document already names has it;
5. the surname within the OCR edit budget of ``speech.json`` ('KRUSHCHEV').

Two candidates at any step mean no answer: a name is left unresolved (a
local person) rather than guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..resources import data_path
from .periods import period
from .registry import Entry, Registry, fold


@dataclass(frozen=True, slots=True)
class SpeechVocabulary:
    honorific: regex.Pattern  # folded honorifics at the start of a folded name
    confusions: dict[tuple[str, str], float]
    confusion_cost: float
    limits: tuple[tuple[int, float], ...]


@cache
def speech_vocabulary() -> SpeechVocabulary:
    data = json.loads(data_path("speech.json").read_text(encoding="utf-8"))
    words = data["honorifics"]["words"] + data["honorifics"]["nationality"] + list(data["honorifics"]["plural"])
    folded = sorted({fold(w) for w in words if fold(w)}, key=len, reverse=True)
    honorific = regex.compile(rf"^(?:the\s+)?(?:(?:{'|'.join(regex.escape(w) for w in folded)})\s+)+")
    confusions = {}
    for a, b in data["ocr"]["confusions"]:
        confusions[(a, b)] = confusions[(b, a)] = data["ocr"]["cost"]
    limits = tuple(sorted((item["min_length"], item["max_cost"]) for item in data["ocr"]["limits"]))
    return SpeechVocabulary(honorific, confusions, data["ocr"]["cost"], limits)


def _one(keys) -> str | None:
    keys = set(keys or ())
    return next(iter(keys)) if len(keys) == 1 else None


@lru_cache(maxsize=65536)  # a document names the same few people again and again
def ocr_distance(a: str, b: str, budget: float) -> float:
    """Edit cost between two folded spellings; confusable characters (l/1, rn/m) cost less.

    Past ``budget`` the exact cost does not matter: anything over it is
    returned as ``budget + 1``.
    """
    vocab = speech_vocabulary()
    n, m = len(a), len(b)
    inf = budget + 1
    # Every character of length difference costs an insertion, a deletion or
    # a two-for-one confusion: the cheapest of those bounds the cost from below.
    if abs(n - m) * min(1.0, vocab.confusion_cost) > budget:
        return inf
    row = [float(j) for j in range(m + 1)]
    rows = [row]
    for i in range(1, n + 1):
        current = [float(i)] + [inf] * m
        for j in range(1, m + 1):
            same = a[i - 1] == b[j - 1]
            cost = 0.0 if same else vocab.confusions.get((a[i - 1], b[j - 1]), 1.0)
            current[j] = min(rows[i - 1][j] + 1, current[j - 1] + 1, rows[i - 1][j - 1] + cost)
            for width_a, width_b in ((2, 1), (1, 2)):  # 'rn' read as 'm' and the like
                if i >= width_a and j >= width_b:
                    pair = (a[i - width_a : i], b[j - width_b : j])
                    if pair in vocab.confusions:
                        current[j] = min(current[j], rows[i - width_a][j - width_b] + vocab.confusions[pair])
        rows.append(current)
        if min(current) > budget:
            return inf
    return rows[n][m]


def ocr_budget(length: int) -> float:
    """The edit cost two spellings of a name this long may differ by (speech.json 'ocr' limits)."""
    return _budget(length)


def _budget(length: int) -> float:
    allowed = 0.0
    for min_length, max_cost in speech_vocabulary().limits:
        if length >= min_length:
            allowed = max_cost
    return allowed


def strip_honorifics(folded: str) -> str:
    return speech_vocabulary().honorific.sub("", folded, count=1)


def _by_alias(registry: Registry, folded: str, when: str | None, present: frozenset[str]) -> str | None:
    holders = registry.aliases.get(folded.removeprefix("the "))
    if not holders or not when:
        return None
    day = period(when[:10])
    certain = {key for key, term in holders if term.status(day) == "certain"}
    possible = {key for key, term in holders if term.status(day) == "possible"}
    if not (possible - certain) and len(certain) == 1:
        return _one(certain)
    # Several office holders ('the Ambassador'): the one the document itself names is meant.
    return _one((certain | possible) & present)


def resolve(registry: Registry, name: str, when: str | None, present: frozenset[str] = frozenset()) -> Entry | None:
    """The registry entry ``name`` means in a document of date ``when`` (ISO), or None.

    ``present`` holds the keys of people the document already names; an
    office held by several people at the date resolves among them only.
    """
    folded = fold(name)
    if not folded:
        return None
    key = _by_alias(registry, folded, when, present) or _one(registry.forms.get(folded))
    bare = strip_honorifics(folded)
    if key is None and bare and bare != folded:
        key = _by_alias(registry, bare, when, present) or _one(registry.forms.get(bare))
    if key is None and bare:
        tokens = bare.split()
        surname = tokens[-1] if tokens else ""
        # 'de gaulle', 'van der berg': a surname with its particle is tried whole first.
        for candidate in (bare, " ".join(tokens[-2:]), surname):
            key = _one(registry.surnames.get(candidate))
            if key:
                break
        if key is None and present:
            # A common surname names a person the document itself lists ('Moody' after 'INTERVIEW WITH: Juanita Moody').
            key = _one(registry.all_surnames.get(surname, set()) & present)
        if key is None and len(surname) >= 4:
            key = _one(_close_surnames(registry, surname))
    return registry.by_key(key) if key else None


_CLOSE: dict[tuple[int, str], frozenset[str]] = {}
CLOSE_CACHE = 50_000


def _close_surnames(registry: Registry, surname: str) -> frozenset[str]:
    """Keys of the registry surnames within OCR distance of ``surname`` (remembered: documents repeat names).

    Only forms whose length is within the budget can be close (each
    character more or less costs at least the cheapest edit), so the
    others are not compared at all.
    """
    cache_key = (id(registry), surname)
    found = _CLOSE.get(cache_key)
    if found is not None:
        return found
    budget = _budget(len(surname))
    close: set[str] = set()
    if budget:
        reach = int(budget / min(speech_vocabulary().confusion_cost, 1.0)) + 1
        for length in range(len(surname) - reach, len(surname) + reach + 1):
            for form, keys in registry.surnames_by_length.get(length, ()):
                if ocr_distance(surname, form, budget) <= budget:
                    close.update(keys)
    if len(_CLOSE) >= CLOSE_CACHE:
        _CLOSE.clear()
    _CLOSE[cache_key] = found = frozenset(close)
    return found
