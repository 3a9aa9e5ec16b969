"""Who a document is from and to, as its heading lines say: TO / FROM / MEMORANDUM FOR / ATTENTION / INFO.

The anatomy reads heading fields as structure, block by block, and gives
up where noise breaks the head; this reader only wants the parties, and
reads the head's lines whatever their blocks.  It tolerates what OCR and
forms do to a label: the colon read as ';', '.' or '•', or missing when the
label stands alone on its line ('FROM' / ': Acting Chief, ...'), the value
on the next line, a form's printed instruction after the label ('TO:
(Officer designation, room number, and building)').

The labels and the parties they name are data (``data/structure.json``,
``heading_fields`` and ``telegram.address_labels``); the forms' printed
instructions that are not values are ``addressees.not_values``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

import regex

from ..model import ItemDraft, Layout
from .vocabulary import load_structure_data

HEAD_LINES = 45  # lines of a document's head in which its parties are named
PROSE_WORDS = 10
MAX_VALUE_CHARS = 90
PARTY_KINDS = {"to": "to", "from": "from", "info": "info"}


@dataclass(slots=True)
class Parties:
    """The values of a heading's party fields, in the order they stand, with their raw offsets."""

    senders: list[tuple[str, int, int]] = field(default_factory=list)
    to: list[tuple[str, int, int]] = field(default_factory=list)
    info: list[tuple[str, int, int]] = field(default_factory=list)

    def names(self, kind: str) -> list[str]:
        return [name for name, _, _ in getattr(self, kind)]


@cache
def _patterns() -> tuple[regex.Pattern, dict[str, str], regex.Pattern]:
    data = load_structure_data()
    labels: dict[str, str] = {}
    for label, kind in data["heading_fields"]["labels"].items():
        if kind in ("to", "from"):
            labels[label] = kind
    for label, kind in data["telegram"]["address_labels"].items():
        if kind in PARTY_KINDS:
            labels.setdefault(label, kind)
    alternation = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(labels, key=len, reverse=True))
    # The label opens its line (after a speck or two); a colon-like mark follows, or the
    # label stands alone, or two spaces part it from its value (typewriter columns).
    line = regex.compile(
        rf"^[^\w\n]{{0,3}}(?P<label>(?i:{alternation}))(?:[ \t]*[:;•·.+«»*](?!\w\.)[ \t]*|[ \t]*$|[ \t]{{2,}})(?P<value>[^\n]*)$"
    )
    words = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(data["addressees"]["form_words"], key=len, reverse=True))
    not_values = regex.compile(rf"{data['addressees']['not_values']}|(?i)^\W*(?:(?:{words})\b\W*)+$")
    return line, labels, not_values


_INSTRUCTION_TAIL = regex.compile(r"(?i)^\W*(?:building|and\s+building|room\s+number|number,?\s+and)\W*$")
_ROW_NUMBER = regex.compile(r"\d{1,2}\W?")


def _kind(labels: dict[str, str], found: str) -> str:
    key = " ".join(found.split()).upper()
    return labels.get(key) or next(v for k, v in labels.items() if k.upper() == key)


_SPECK_TAIL = regex.compile(r"(?:\s+(?=[^\s]*\p{Ll})[^\s]{1,3})+$")


def _clean(value: str) -> str:
    value = " ".join(value.split()).strip(" :;.,•·-_|")
    # A value typed in capitals that OCR ended with specks ('THE PRESIDENT Ae ri'): the specks go.
    head = _SPECK_TAIL.sub("", value)
    if head != value and len(head) >= 4 and head.upper() == head and any(c.isalpha() for c in head):
        value = head
    return value


# A label OCR garbled ('FRON', 'FP.OM', 'SUBJRCT') read as the value of the label before it.
_GARBLED_LABEL = regex.compile(r"(?i)(?:from|subject|date|info|action|routing){e<=1}")


def _plausible(value: str, not_values: regex.Pattern) -> bool:
    """A party's name or office: some letters, one capital at least, no form word, no label."""
    letters = sum(c.isalpha() for c in value)
    if letters < 2 or len(value) > MAX_VALUE_CHARS or not any(c.isupper() for c in value):
        return False
    compact = regex.sub(r"[\W_]+", "", value)
    if len(compact) >= 4 and _GARBLED_LABEL.fullmatch(compact):
        return False
    return not not_values.search(value)


# 'MEMORANDUM FOR THE PRESIDENT', 'MEMORANDUM FOR THE SPECIAL GROUP': the heading names its addressee
# after one space, with no colon; 'FOR THE RECORD' names none.
_MEMORANDUM_FOR = regex.compile(
    r"^[^\w\n]{0,3}(?P<label>MEMORANDUM[ \t]+FOR|Memorandum[ \t]+for)[ \t]+(?!(?i:the[ \t]+record)\b)(?P<value>(?i:the[ \t]+)?\p{Lu}[^\n]*)$"
)

@cache
def _teletype_party() -> regex.Pattern:
    """'TO DIRECTOR, FBI', 'FROM SAC, PITTSBURGH': a teletype's address lines, in capitals without a colon."""
    offices = "|".join(regex.escape(o).replace(r"\ ", r"[ \t]+") for o in sorted(load_structure_data()["addressees"]["teletype_offices"], key=len, reverse=True))
    return regex.compile(rf"^[^\w\n]{{0,3}}(?P<label>TO|FROM)[ \t]+(?P<value>(?:{offices})\b[^\n]*)$")


FORM_RULE_PREFIX = "form."


HEAD_SCAN_CHARS = 5000  # raw characters of a document's head read for its party lines


def head_lines(layout: Layout, draft: ItemDraft, limit: int) -> list[tuple[str, int, bool]]:
    """(text, raw start, free) of the head's lines: reading text, and the printed form cells a forms
    detector claimed (a routing sheet's 'TO:' box is the form's, but it labels what was typed under it).

    The head is walked once: its free ranges give the reading text of each line, its marks the
    lines wholly claimed by a form.
    """
    text = layout.text
    end = min(draft.end, draft.start + HEAD_SCAN_CHARS)
    pieces: dict[int, list[str]] = {}  # line start -> free pieces on it
    line_starts: list[int] = []
    starts = layout.line_starts()
    for lo, hi in layout.tiling.free_ranges(draft.start, end):
        k = bisect.bisect_right(starts, lo) - 1
        while lo < hi and k < len(layout.lines):
            line = layout.lines[k]
            stop = min(hi, line.end)
            if stop > lo:
                pieces.setdefault(line.start, []).append(text[lo:stop])
            lo = max(stop, line.next)
            k += 1
    form_lines: set[int] = set()
    for mark in layout.tiling.marks_in(draft.start, end):
        if mark.width and mark.rule.startswith(FORM_RULE_PREFIX):
            form_lines.add(starts[bisect.bisect_right(starts, mark.start) - 1])
    lines: list[tuple[str, int, bool]] = []
    for line_start in sorted(set(pieces) | form_lines):
        free = "".join(pieces.get(line_start, ())).strip()
        if free:
            raw = text[line_start : line_start + 2000]
            lead = raw.find(free[:1])
            lines.append((free, line_start + max(0, lead), True))
        elif line_start in form_lines:
            k = bisect.bisect_right(starts, line_start) - 1
            line = layout.lines[k]
            marks = [m for m in layout.tiling.marks_in(line.start, line.end) if m.width]
            if marks and all(m.rule.startswith(FORM_RULE_PREFIX) for m in marks) and text[line.start : line.end].strip():
                lines.append((text[line.start : line.end].strip(), line.start, False))
        if len(lines) >= limit:
            break
    return lines


def free_lines(layout: Layout, blocks, limit: int | None = None) -> list[tuple[str, int]]:
    """(text, raw start) of the non-blank lines of reading text in ``blocks``, trimmed; at most about ``limit``."""
    lines: list[tuple[str, int]] = []
    for block in blocks:
        for lo, hi in layout.tiling.free_ranges(block.start, block.end):
            at = lo
            for piece in layout.text[lo:hi].split("\n"):
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    lines.append((piece.strip(), at + lead))
                at += len(piece) + 1
        if limit is not None and len(lines) >= limit:
            break
    return lines


VALUE_LOOKAHEAD = 4  # lines after a label in which its value may stand, below the form's printed instruction


def read_parties(layout: Layout, draft: ItemDraft) -> Parties:
    """The party fields of the document's head: values on the label's line or on a line after it."""
    line_re, labels, not_values = _patterns()
    lines = head_lines(layout, draft, HEAD_LINES)
    parties = Parties()
    seen_party = False
    for k, (text, start, free) in enumerate(lines):
        words = text.split()
        if len(words) >= PROSE_WORDS and sum(c.islower() for c in text) > len(text) / 3 and seen_party:
            break  # the body has begun
        match = line_re.match(text) or _MEMORANDUM_FOR.match(text) or _teletype_party().match(text)
        if match is None:
            continue
        kind = _kind(labels, match.group("label"))
        value = _clean(match.group("value")) if free else ""
        value_at = start + match.start("value")
        if not value or not _plausible(value, not_values):
            # The value on a line after it, below the form's printed instruction and the
            # row number of a routing sheet, unless a label comes first.
            value = ""
            for nxt, nxt_at, nxt_free in lines[k + 1 : k + 1 + VALUE_LOOKAHEAD]:
                if line_re.match(nxt) is not None:
                    break
                if not nxt_free:
                    continue  # the form's printed words
                candidate = _clean(nxt)
                if not candidate or _INSTRUCTION_TAIL.match(candidate) or not_values.search(candidate) or _ROW_NUMBER.fullmatch(candidate):
                    continue
                value, value_at = candidate, nxt_at
                break
            if not value:
                continue
        if not _plausible(value, not_values):
            continue
        seen_party = True
        target = {"to": parties.to, "from": parties.senders, "info": parties.info}[kind]
        if value not in [v for v, _, _ in target]:
            target.append((value, value_at, value_at + len(value)))
    return parties


# -- letters and memoranda: inside address and signature --------------------------------------

ADDRESS_LINES = 8  # lines above a salutation in which the inside address stands
SIGNATURE_LINES = 6  # lines after a close, or above a distribution list, in which the signature stands
_HONORIFIC_LINE = regex.compile(
    r"^(?:the\s+honou?rable|hon\.|his\s+excellency|her\s+excellency|mr\.?|mrs\.?|ms\.?|miss|dr\.?|sir|professor|prof\.|general|gen\.|admiral|ambassador|colonel|col\.|senator|judge)\s+\S",
    regex.IGNORECASE,
)
_NAME_TOKEN = r"(?:\p{Lu}\.|\p{Lu}[\p{Ll}'\u2019]+(?:-\p{Lu}[\p{Ll}]+)?|\p{Lu}{2,}(?:-\p{Lu}{2,})?|(?:de|di|van|von|du|la|le))"
_NAME = regex.compile(rf"^{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,4}}(?:,?\s+(?:Jr|Sr)\.?|\s+I{{2,3}})?\.?$")
_CLOSING_LIST = regex.compile(r"(?i)^\W*(?:distribution|cc|copies\s+to|copy\s+to|attachments?|enclosures?|encl|orig\b|bcc)\b")


_FUNCTION_WORDS = frozenset({"by", "via", "for", "to", "and", "of", "on", "in", "at", "from", "re", "subject", "attn", "with"})


def names_with_honorific(text: str) -> bool:
    """A line opening with an honorific and a name ('The Honorable Patrick J. Buchanan', 'Ms. Davis')."""
    return bool(_HONORIFIC_LINE.match(text.strip()))


def is_name_line(text: str) -> bool:
    """A typed name alone on its line ('Paul Eckel', 'WALTER ELDER', 'G. Robert Blakey'), not an office ('Director General')."""
    from ..people.steps import looks_personal  # the people vocabulary knows the office words

    text = " ".join(text.split())
    if any(word.lower() in _FUNCTION_WORDS for word in text.split()):
        return False  # 'BY LIAISON', 'FOR THE RECORD': a line of the form, not a name
    return bool(_NAME.match(text)) and looks_personal(text.strip(" ."))


def inside_addressee(lines: list[tuple[str, int]], salutation: regex.Pattern, dateline) -> str | None:
    """The first line of the inside address above a letter's salutation: its recipient."""
    at = next((k for k, (text, _) in enumerate(lines[:HEAD_LINES]) if len(text) <= 60 and salutation.fullmatch(text)), None)
    if at is None:
        # A note without a salutation: the addressee right under its dateline ('9 August 1985' /
        # 'The Honorable Patrick J. Buchanan'), named with an honorific.
        dated = next((k for k, (text, _) in enumerate(lines[:HEAD_LINES]) if dateline(text)), None)
        if dated is None:
            return None
        for text, _ in lines[dated + 1 : dated + 3]:
            if _HONORIFIC_LINE.match(text):
                return text.strip(" ,.")
        return None
    above = lines[max(0, at - ADDRESS_LINES) : at]
    # The address begins after the dateline, when there is one above the salutation.
    dated = [k for k, (text, _) in enumerate(above) if dateline(text)]
    start = dated[-1] + 1 if dated else 0
    for text, _ in above[start:]:
        if _HONORIFIC_LINE.match(text) or is_name_line(text):
            return text.strip(" ,.")
    return None


def closing_signer(lines: list[tuple[str, int]], valediction: regex.Pattern) -> str | None:
    """The typed name under a letter's complimentary close (or after it on its line)."""
    closes = [k for k, (text, _) in enumerate(lines) if valediction.match(text)]
    if not closes:
        return None
    k = closes[-1]
    text = lines[k][0]
    rest = text[valediction.match(text).end() :].strip(" ,.;")
    if rest:
        # A flattened page runs the signature on after the close: 'Sincerely, Allen W. Dulles Director'.
        words = rest.split()
        for n in range(min(5, len(words)), 1, -1):
            if is_name_line(" ".join(words[:n])):
                return " ".join(words[:n])
    for after, _ in lines[k + 1 : k + 1 + SIGNATURE_LINES]:
        if is_name_line(after):
            return after.strip(" .")
    return None


def typed_signature(lines: list[tuple[str, int]]) -> str | None:
    """The typed name that signs a memorandum: the last name line above its distribution list, or at its end."""
    if not lines:
        return None
    tail = lines[-(SIGNATURE_LINES * 3) :]
    marker = next((k for k, (text, _) in enumerate(tail) if _CLOSING_LIST.match(text)), len(tail))
    for text, _ in reversed(tail[max(0, marker - SIGNATURE_LINES) : marker]):
        if is_name_line(text):
            return text.strip(" .")
    return None


LETTERHEAD_LINES = 6


_CITY_LINE = regex.compile(r"^(?P<city>\p{Lu}[\p{Ll}.]+(?:[ \t]+\p{Lu}[\p{Ll}.]+){0,2}),[ \t]+\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*)?[ \t,]*(?:\d{5})?$")
AGENCY_LETTERHEAD_LINES = 12  # lines of a document's head in which an agency's printed name stands


@cache
def _agency_letterheads() -> dict[str, str]:
    """Folded letterhead -> the agency's name as printed ('FEDERAL BUREAU OF INVESTIGATION')."""
    names = load_structure_data()["addressees"]["agency_letterheads"]
    return {" ".join(regex.sub(r"[\W_]+", " ", n).split()).upper(): n for n in names}


def agency_letterhead(lines: list[tuple[str, int]]) -> str | None:
    """The agency a document's printed letterhead names, with the field office's city under it when one
    stands there ('FEDERAL BUREAU OF INVESTIGATION' / 'Miami, Florida' -> 'Federal Bureau of Investigation, Miami')."""
    letterheads = _agency_letterheads()
    line_re = _patterns()[0]
    for k, (text, _) in enumerate(lines[:AGENCY_LETTERHEAD_LINES]):
        if line_re.match(text) or _MEMORANDUM_FOR.match(text):
            return None  # the heading's fields have begun: an agency named below them is a party's office
        folded = " ".join(regex.sub(r"[\W_]+", " ", text).split()).upper()
        name = letterheads.get(folded)
        if name is None:
            continue
        name = name.title().replace(" Of ", " of ").replace(" The ", " the ")
        if k + 1 < len(lines) and (city := _CITY_LINE.match(lines[k + 1][0].strip())):
            return f"{name}, {city.group('city')}"
        return name
    return None


def letterhead_name(lines: list[tuple[str, int]], dateline) -> str | None:
    """A personal letterhead: a name in the first lines above the dateline ('EDGAR M. CULLMAN' / '387 PARK AVENUE SOUTH')."""
    for text, _ in lines[:LETTERHEAD_LINES]:
        if dateline(text):
            return None
        if is_name_line(text):
            return text.strip(" .")
    return None
