"""Where a rule's hint occurs: literal hints found with str.find, the rest with the pattern.

Most hints are a few words in any case ('objection|criection',
'library|libpary|photocopy').  The regex module searches such a
case-insensitive alternation a position at a time, at some 40 MB/s; one
search of the lower-cased text per word runs at memory speed, and the
hints, scanned over every file, had been an eighth of the pipeline's CPU.

The answer is the pattern's own: the spans ``hint.finditer(text)`` gives
(leftmost match, the first word of the alternation that matches there,
then on from its end).  Two characters would make lower-casing differ from
the pattern's case-insensitive matching: 'ſ', which the pattern takes for
's', and 'İ', which lower-cases to two characters; a text holding either
is searched with the pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

# Words of letters, digits, spaces and escaped punctuation, joined by '|'.
_LITERAL = regex.compile(r"(?:[A-Za-z0-9 ]|\\[^\w\s])+")
_ESCAPE = regex.compile(r"\\(.)")
_FOLDS_APART = ("\u017f", "\u0130")


@cache
def literal_words(pattern: str, flags: int) -> tuple[str, ...] | None:
    """The lower-cased words of a case-insensitive alternation of plain words, or None for any other hint."""
    if not flags & regex.IGNORECASE:
        return None
    words = pattern.split("|")
    if not all(word and _LITERAL.fullmatch(word) for word in words):
        return None
    return tuple(_ESCAPE.sub(r"\1", word).lower() for word in words)


def lowered(text: str) -> str | None:
    """``text`` lower-cased offset for offset, or None if lower-casing would not be the hints' case folding."""
    if any(ch in text for ch in _FOLDS_APART):
        return None
    return text.lower()


def hint_spans(hint: regex.Pattern, text: str, lower: str | None, pos: int = 0, *, timeout: float | None = None) -> Iterator[tuple[int, int]]:
    """The spans of ``hint.finditer(text, pos)``; ``lower`` is ``lowered(text)``."""
    words = literal_words(hint.pattern, hint.flags)
    if words is None or lower is None:
        for match in hint.finditer(text, pos, timeout=timeout):
            yield match.span()
        return
    # Every occurrence of every word, by start; at one start the word
    # written first in the pattern wins, as the alternation tries it first.
    found: list[tuple[int, int, int]] = []
    for rank, word in enumerate(words):
        at = lower.find(word, pos)
        while at >= 0:
            found.append((at, rank, at + len(word)))
            at = lower.find(word, at + 1)
    found.sort()
    resume = pos
    for start, _, end in found:
        if start >= resume:
            yield start, end
            resume = end if end > start else start + 1
