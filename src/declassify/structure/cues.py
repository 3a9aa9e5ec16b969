"""What a block of reading text signals about document boundaries and parts.

Each cue is a small predicate over a block's reading text (``FreeText``),
named for the convention it recognises. Segmentation and anatomy both read
them, so a salutation means the same thing to both.
"""

from __future__ import annotations

import regex

from ..dates import find_dates
from .vocabulary import vocabulary

_MEMO_HEAD = regex.compile(
    r"(?i)^\W{0,3}(?:memorandum\s+(?:of\s+(?:a\s+)?conversation|for(?:\s+the\s+record)?\b)|minutes\s+of\b)"
)
# 'Distribution' heads the copy list typed at a memorandum's foot: what follows it is the list, not
# more text.  Typed, it is 'Distribution' or 'DISTRIBUTION:'; a bare 'DISTRIBUTION' in capitals is the
# label of a printed dissemination box at the foot of every page of a report, which closes nothing.
_CLOSING_LABEL = regex.compile(
    r"(?:(?i:enclosures?|attachments?|attached|encl\.?|atts?\.?)\s*(?:\(\d+\))?\s*:?|Distribution\s*:?|DISTRIBUTION\s*:)\s*(?:\n|$|-)"
)
_NAME_TOKEN = r"(?:\p{Lu}\.|\p{Lu}[\p{Ll}'\u2019]+(?:-\p{Lu}[\p{Ll}]+)?|\p{Lu}{2,}(?:-\p{Lu}{2,})?)"
# A typed signature: two to five name tokens ('John F. Kennedy', 'DEAN RUSK', 'L. K. White').
SIGNATURE = regex.compile(rf"^{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,4}}\.?$")


def first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def numbered_heading(text: str) -> regex.Match | None:
    """'7. Letter From President Kennedy to Chairman Khrushchov': an edition's document heading."""
    return vocabulary().numbered_heading.match(first_line(text))


def memo_heading(text: str) -> bool:
    """'MEMORANDUM FOR ...', 'Memorandum of Conversation', 'Minutes of the conversation ...'."""
    return bool(_MEMO_HEAD.match(first_line(text).lstrip("*# ")))


def telegram_direction(text: str) -> str | None:
    """'outgoing' or 'incoming' when the block's first line is a telegram form's head."""
    match = vocabulary().telegram_direction.search(first_line(text).upper())
    return vocabulary().directions[" ".join(match.group("label").split())] if match else None


def salutation(text: str) -> regex.Match | None:
    """'Dear Allen:', 'DEAR MR. CHAIRMAN:' at the start of a block (or of a line of it)."""
    return vocabulary().salutation.match(text.lstrip())


def valediction(text: str) -> regex.Match | None:
    """'Sincerely,' 'Very truly yours,' at the start of a block."""
    return vocabulary().valediction.match(text.lstrip())


def closing_label(text: str) -> bool:
    """'Enclosure:', 'Attachments (2)': what a signed document lists after its signature."""
    return bool(_CLOSING_LABEL.match(text.lstrip()))


def signature(text: str) -> bool:
    """A block that is only a typed name."""
    return bool(SIGNATURE.match(" ".join(text.split())))


def dateline(text: str) -> bool:
    """A block whose first line is a date, perhaps after a place ('Washington, February 22, 1961.')."""
    line = first_line(text)
    if len(line) > 80:
        return False
    dates = [d for d in find_dates(line) if d.precision in ("day", "time")]
    if not dates:
        return False
    before = line[: dates[0].start].strip(" ,.-")
    words = before.split()
    return len(words) <= 5 and not (words and words[-1].lower() in ("of", "on", "in", "to", "since", "until", "by"))
