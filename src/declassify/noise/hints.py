"""Where a rule's hint occurs: found with str.find where the hint allows, with the pattern otherwise.

Most hints are a few words in any case ('objection|criection',
'library|libpary|photocopy'), or start with some ('charge\\s+to',
'[DB][o0][co]').  The regex module searches a case-insensitive
alternation a position at a time, at some 40 MB/s; one search of the
lower-cased text per word runs at memory speed, and the hints, scanned over
every file, had been an eighth of the pipeline's CPU.

The answer is the pattern's own: the spans ``hint.finditer(text)`` gives
(leftmost match, the first alternative that matches there, then on from
its end).  Every match starts with one of the words (``_plan``), so the
places where they occur are the only places a match may start; where the
words are the whole of the hint they are the matches, and otherwise the
pattern is tried at each of those places.  Two characters would make
lower-casing differ from the pattern's case-insensitive matching: 'ſ',
which the pattern takes for 's', and 'İ', which lower-cases to two
characters; a text holding either is searched with the pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import product

import regex

_FOLDS_APART = ("\u017f", "\u0130")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
_QUANTIFIERS = frozenset("?*+{")
# A prefix shorter than this occurs too often for str.find to beat the pattern.
MIN_PREFIX = 3
MAX_PREFIXES = 32


def _alternatives(pattern: str) -> list[str] | None:
    """The pattern split at its top-level '|', or None if it has syntax this reading does not follow."""
    parts, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth or in_class:
        return None
    parts.append(pattern[start:])
    return parts


def _leading_words(branch: str) -> tuple[tuple[str, ...], bool]:
    """The literal strings one of which starts every match of ``branch``, and whether they are all of it.

    Plain characters, escaped punctuation and small classes of plain
    characters ('[DB]') are read; the reading stops at anything else, and
    before a character that a quantifier makes optional or repeatable.
    """
    choices: list[str] = []
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch in _PLAIN:
            options, width = ch, 1
        elif ch == "\\" and i + 1 < len(branch) and not branch[i + 1].isalnum() and branch[i + 1] not in " _":
            options, width = branch[i + 1], 2
        elif ch == "[":
            close = branch.find("]", i + 1)
            inner = branch[i + 1 : close] if close > i + 1 else ""
            if not inner or not all(c in _PLAIN for c in inner):
                break
            options, width = inner, close - i + 1
        else:
            break
        if i + width < len(branch) and branch[i + width] in _QUANTIFIERS:
            break
        choices.append(options)
        i += width
    words = tuple("".join(combo) for combo in product(*choices)) if choices else ()
    return words, i == len(branch)


@cache
def _plan(pattern: str, flags: int) -> tuple[tuple[str, ...], bool] | None:
    """The words every match starts with (lower-cased if the hint ignores case) and whether they are whole matches.

    None when str.find cannot help: a branch whose words are too short or
    too many, flags other than IGNORECASE, syntax this reading does not follow.
    """
    if flags & ~(regex.IGNORECASE | regex.VERSION0 | regex.UNICODE):
        return None
    branches = _alternatives(pattern)
    if branches is None:
        return None
    words: list[str] = []
    exact = True
    for branch in branches:
        found, whole = _leading_words(branch)
        if not found or len(found) > MAX_PREFIXES or not whole and len(found[0]) < MIN_PREFIX:
            return None
        exact = exact and whole
        words.extend(found)
    if flags & regex.IGNORECASE:
        words = [word.lower() for word in words]
    return tuple(dict.fromkeys(words)), exact


def has_plan(hint: regex.Pattern) -> bool:
    """Whether the hint is found with str.find (on the lower-cased text, if it ignores case)."""
    return _plan(hint.pattern, hint.flags) is not None


def literal_words(pattern: str, flags: int) -> tuple[str, ...] | None:
    """The words of a hint that is only words (its matches are their occurrences), or None."""
    plan = _plan(pattern, flags)
    return plan[0] if plan is not None and plan[1] else None


def lowered(text: str) -> str | None:
    """``text`` lower-cased offset for offset, or None if lower-casing would not be the hints' case folding."""
    if any(ch in text for ch in _FOLDS_APART):
        return None
    return text.lower()


def candidate_starts(hint: regex.Pattern, text: str, lower: str | None, pos: int = 0) -> tuple[list[tuple[int, int]], bool] | None:
    """Where a match of ``hint`` may start at or after ``pos``, and whether one surely does there.

    Each place is (start, end of the word there), by start; at one start the
    word written first in the pattern comes first, as the alternation tries
    it first.  None when the hint has no plan (or the text cannot be
    lower-cased): the caller searches with the pattern.
    """
    plan = _plan(hint.pattern, hint.flags)
    haystack = lower if hint.flags & regex.IGNORECASE else text
    if plan is None or haystack is None:
        return None
    words, exact = plan
    found: list[tuple[int, int, int]] = []
    for rank, word in enumerate(words):
        at = haystack.find(word, pos)
        while at >= 0:
            found.append((at, rank, at + len(word)))
            at = haystack.find(word, at + 1)
    found.sort()
    return [(start, end) for start, _, end in found], exact


def hint_spans(hint: regex.Pattern, text: str, lower: str | None, pos: int = 0, *, timeout: float | None = None) -> Iterator[tuple[int, int]]:
    """The spans of ``hint.finditer(text, pos)``; ``lower`` is ``lowered(text)``."""
    places = candidate_starts(hint, text, lower, pos)
    if places is None:
        for match in hint.finditer(text, pos, timeout=timeout):
            yield match.span()
        return
    starts, exact = places
    resume = pos
    for start, end in starts:
        if start < resume:
            continue
        if not exact:
            match = hint.match(text, start, timeout=timeout)
            if match is None:
                continue
            end = match.end()
        yield start, end
        resume = end if end > start else start + 1
