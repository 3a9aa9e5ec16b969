"""Applying pack rules to a layout: match, claim, harvest.

Block rules run first (they claim runs of lines), then line rules, then
inline rules, each in pack order.  A rule only ever claims free text, so an
earlier rule wins.  Every match is bounded by ``MATCH_TIMEOUT`` (a block
rule's scan of the whole file by a budget in proportion to the file's size,
see ``block_timeout``); a rule that times out on a line is skipped there and
the skip is recorded as a change, never allowed to hang the run.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from collections.abc import Iterable, Iterator
from functools import cache

import regex

from ..classification import normalise_level
from ..dates import parse_date
from ..model import Change, Fact, Layout
from ..resources import data_path
from ..tiling import Disposition, Mark, make_attrs
from .hints import candidate_starts, has_plan, hint_spans, lowered
from .packs import Rule, RulePack

STAGE = "strip"
MATCH_TIMEOUT = 1.0
BLOCK_TIMEOUT_PER_MB = 4  # in MATCH_TIMEOUTs, for a block rule's scan of the whole text (see block_timeout)

_ELEMENT_DISPOSITION = {
    "fw": Disposition.FORME,
    "pb": Disposition.FORME,
    "gap": Disposition.FORME,
    "header": Disposition.HEADER,
    "drop": Disposition.DROPPED,
    "figure": Disposition.FORME,
}


def apply_packs(layout: Layout, packs: Iterable[RulePack]) -> None:
    """Apply every rule of ``packs`` to ``layout`` in place: block, line, then inline rules."""
    packs = tuple(packs)
    lines = _LineIndex(layout)
    for kind, apply in (("block", _apply_block_rule), ("line", _apply_line_rule), ("inline", _apply_inline_rule)):
        for pack in packs:
            for rule in pack.of_kind(kind):
                apply(layout, rule, lines)
    _apply_line_rules_to_residues(layout, [rule for pack in packs for rule in pack.of_kind("line")], lines)


# A hint is scanned for over the whole text (one call that skips the lines
# without it) only if a match within a line is also a match in the whole
# text: no anchors, no lookaround, no inline flags.
_LINE_BOUND_SYNTAX = regex.compile(r"[\^$]|\\[AZGzK]|\(\?")
# A hint whose only line-bound syntax is ^ and $ (non-capturing groups
# aside) is scanned over the lines, as its rule reads them, joined by line
# breaks, with ^ and $ at the ends of every line (MULTILINE): a match within
# a line is then a match there too, so the scan finds every line holding one
# (and perhaps a few more, which the rule's own test of the line drops).
# Lookaround, \A, \Z and inline flags would read across the joins: such
# hints are tried on every line.
_BEYOND_ANCHORS = regex.compile(r"\\[AZGzK]|\(\?(?!:)")


@cache
def _multiline(hint: regex.Pattern) -> regex.Pattern:
    return regex.compile(hint.pattern, hint.flags | regex.MULTILINE)


class _LineIndex:
    """The lines of a layout with their white space trimmed, and where hints occur, computed once."""

    __slots__ = ("text", "lines", "starts", "trimmed", "cut", "_joined", "_found", "_lower")

    def __init__(self, layout: Layout):
        self.text = text = layout.text
        self.lines = layout.lines
        self.starts = [line.start for line in self.lines]
        trimmed = []
        for line in self.lines:
            content = text[line.start : line.end]
            start = line.start + len(content) - len(content.lstrip())
            trimmed.append((start, max(start, line.start + len(content.rstrip()))))
        self.trimmed = trimmed
        self._joined: dict[bool, tuple[str, list[int]]] = {}
        # Rules that share a hint ('page' has four) share its scan.
        self._found: dict[tuple[str, int, bool], list[int]] = {}
        self._lower: tuple[str | None] | None = None
        # Lines something claimed part of: a control character normalise took
        # out, later a stamp an inline rule cut out.
        self.cut: set[int] = set()
        for mark in layout.tiling:
            if mark.width:
                index = bisect.bisect_right(self.starts, mark.start) - 1
                if index >= 0 and trimmed[index][0] <= mark.start < trimmed[index][1]:
                    self.cut.add(index)

    def candidates(self, hint: regex.Pattern | None, *, trimmed: bool = True) -> Iterable[int]:
        """Indices of the lines in which ``hint`` may occur (all of them, and maybe more), in order.

        A match found at offset p lies in the line that starts last at or
        before p; the search then resumes at the next line, so every line
        holding a match is visited and the text is scanned once.
        """
        if hint is None or _BEYOND_ANCHORS.search(hint.pattern):
            return range(len(self.lines))
        key = (hint.pattern, hint.flags, trimmed)
        if key not in self._found:
            self._found[key] = list(self._scan(hint, trimmed))
        return self._found[key]

    def lowered(self) -> str | None:
        """The text lower-cased for literal hints (``hints.lowered``), computed once."""
        if self._lower is None:
            self._lower = (lowered(self.text),)
        return self._lower[0]

    def _scan(self, hint: regex.Pattern, trimmed: bool) -> Iterator[int]:
        line_bound = bool(_LINE_BOUND_SYNTAX.search(hint.pattern))
        places = None if line_bound else candidate_starts(hint, self.text, self.lowered())
        if places is not None:
            # The lines in which a match starts (what the search below
            # finds), tried only where one of the hint's words stands.
            starts, exact = places
            last = -1
            for start, _ in starts:
                index = bisect.bisect_right(self.starts, start) - 1
                if index != last and (exact or hint.match(self.text, start)):
                    yield index
                    last = index
            return
        if line_bound:
            text, starts = self.joined(trimmed)
            hint = _multiline(hint)
        else:
            text, starts = self.text, self.starts
        index, count = 0, len(self.lines)
        while index < count:
            match = hint.search(text, starts[index])
            if match is None:
                return
            index = max(index, bisect.bisect_right(starts, match.start()) - 1)
            yield index
            index += 1

    def joined(self, trimmed: bool = True) -> tuple[str, list[int]]:
        """The lines (trimmed of white space, or whole) joined by line breaks, and where each begins."""
        if trimmed not in self._joined:
            bounds = self.trimmed if trimmed else [(line.start, line.end) for line in self.lines]
            pieces = [self.text[a:b] for a, b in bounds]
            starts, offset = [], 0
            for piece in pieces:
                starts.append(offset)
                offset += len(piece) + 1
            self._joined[trimmed] = ("\n".join(pieces), starts)
        return self._joined[trimmed]


def mark_for(rule: Rule, start: int, end: int, match: regex.Match | None = None) -> Mark:
    """The claim a match of ``rule`` makes over raw[start:end]."""
    action = rule.action
    element = action.element
    groups = match.groupdict() if match is not None else {}
    number = page_number(groups.get("n"))
    attrs: dict[str, object] = {}
    if element == "fw":
        attrs = {"type": action.fw_type, "place": action.place, "stamp": action.stamp_type}
    elif element == "pb":
        attrs = {"n": number}
    elif element == "gap":
        attrs = {"reason": action.reason or "redacted"}
    elif element == "figure":
        desc = groups.get("desc")
        attrs = {"desc": " ".join(desc.split()) if desc else None}
    if action.page:
        attrs["page"] = action.page
        if element != "pb":
            attrs["page_n"] = number
    return Mark(start, end, _ELEMENT_DISPOSITION[element], rule.id, element, make_attrs(**attrs))


@cache
def _number_words() -> dict[str, int]:
    return json.loads(data_path("numbers.json").read_text(encoding="utf-8"))["words"]


def page_number(text: str | None) -> str | None:
    """A page number as digits: '02' -> '2', 'Two' -> '2'; None if there is none."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if text.isdigit():
        return str(int(text))
    value = _number_words().get(text.lower())
    return str(value) if value else None


_TEMPLATE_GROUP = regex.compile(r"\{(\w+)\}")


def harvest(rule: Rule, match: regex.Match) -> list[Fact]:
    """Facts the rule's harvest specs read from ``match`` (offsets are the match's)."""
    facts = []
    for spec in rule.harvest:
        if spec.group:
            text = match.group(spec.group)
            if text is None:
                continue
            start, end = match.span(spec.group)
        elif spec.value is not None and "{" in spec.value:
            # A template over groups: "{drafter} {ddate}"; absent groups leave nothing.
            text = _TEMPLATE_GROUP.sub(lambda m: match.group(m.group(1)) or "", spec.value)
            start, end = match.span()
        else:
            text = spec.value if spec.value is not None else match.group()
            start, end = match.span()
        value = " ".join(text.split())
        if not value:
            continue
        attrs: dict[str, str] = {}
        for key, template in spec.attrs:
            if template.startswith("{") and template.endswith("}"):
                # "{group}" is the group's text; "{group|date}" its ISO date.
                group, _, how = template[1:-1].partition("|")
                group_text = match.group(group)
                if not group_text:
                    continue
                group_text = " ".join(group_text.split())
                if how == "date":
                    date = parse_date(group_text)
                    if date:
                        attrs[key] = date.when
                elif how == "idno":
                    attrs[key] = normalise_idno(group_text)
                else:
                    attrs[key] = group_text
            else:
                attrs[key] = template
        attrs.update(normalised_attrs(spec.normalise, value))
        verbatim = spec.group is None and spec.value is None
        facts.append(Fact(spec.fact, value, start, end, rule.id, spec.scope, tuple(sorted(attrs.items())), verbatim, spec.unit))
    return facts


def normalised_attrs(kind: str, value: str) -> dict[str, str]:
    """Machine-readable forms of a harvested value: ISO date, level id, clean identifier."""
    if kind == "date":
        date = parse_date(value)
        return {"when": date.when} if date else {}
    if kind == "classification":
        level = normalise_level(value)
        return {"level": level.id} if level else {}
    if kind == "idno":
        return {"normal": normalise_idno(value)}
    if kind == "integer":
        digits = "".join(c for c in value if c.isdigit())
        return {"number": str(int(digits))} if digits else {}
    return {}


_DIGIT_CONFUSIONS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# CIA-RDP<job year><series letter or dash><job number>R<box, folder, document>-<check digit>
_RDP = regex.compile(r"(CIA-RDP)([\dOoIl]{2})(-|[A-Z])([\dOoIl]{5})([A-Z])([\dOoIl]{9,14})-?([\dOoIl])")


def normalise_idno(value: str) -> str:
    """Undo OCR letter-for-digit confusions in an identifier.

    ``CIA-RDP80BO1676R...`` is ``CIA-RDP80B01676R...``: in a CIA records
    number the job, box and folder fields are digits, so an O there is a zero.
    Other identifiers only get the same fix where a letter stands between two
    digits.
    """
    compact = "".join(value.split())
    rdp = _RDP.fullmatch(compact)
    if rdp:
        prefix, year, series, job, letter, body, check = rdp.groups()
        fix = lambda digits: digits.translate(_DIGIT_CONFUSIONS)  # noqa: E731
        return f"{prefix}{fix(year)}{series}{fix(job)}{letter}{fix(body)}-{fix(check)}"
    chars = list(compact)
    for i in range(1, len(chars) - 1):
        if chars[i - 1].isdigit() and chars[i + 1].isdigit():
            chars[i] = chars[i].translate(_DIGIT_CONFUSIONS)
    return "".join(chars)


def _timed_out(layout: Layout, rule: Rule, start: int, end: int) -> None:
    layout.changes.append(Change(STAGE, rule.id, start, end, f"pattern timed out after {MATCH_TIMEOUT}s; rule skipped here"))
    layout.traits["timeouts"] = str(int(layout.traits.get("timeouts", "0")) + 1)


def prose_bounds(layout: Layout) -> tuple[int, int]:
    """Offsets of the first and last line that read as running prose.

    Rules restricted to the ``start`` (or ``end``) of a file only fire before
    the first (after the last) such line: a cover sheet or a colophon, never
    the document itself.
    """
    cached = layout.traits.get("prose_bounds")
    if cached:
        first, last = cached.split(",")
        return int(first), int(last)
    text = layout.text
    first = last = None
    for line in layout.lines:
        content = text[line.start : line.end]
        if len(content) >= 60 and len(content.split()) >= 8 and sum(c.islower() for c in content) > len(content) / 3:
            if first is None:
                first = line.start
            last = line.end
    bounds = (first if first is not None else len(text), last if last is not None else 0)
    layout.traits["prose_bounds"] = f"{bounds[0]},{bounds[1]}"
    return bounds


def _in_scope(layout: Layout, rule: Rule, start: int, end: int) -> bool:
    if rule.where == "anywhere":
        return True
    first, last = prose_bounds(layout)
    if rule.where == "start":
        return end <= first
    return start >= last


def _apply_line_rule(layout: Layout, rule: Rule, lines: _LineIndex | None = None) -> None:
    lines = lines or _LineIndex(layout)
    for index in lines.candidates(rule.hint):
        start, end = lines.trimmed[index]
        if start != end:
            _claim_whole(layout, rule, start, end)


def _claim_whole(layout: Layout, rule: Rule, start: int, end: int) -> bool:
    """Claim raw[start:end] for line rule ``rule`` if the rule matches all of it; True if it did."""
    text = layout.text
    if rule.max_length and end - start > rule.max_length:
        return False
    if rule.hint is not None and not rule.hint.search(text[start:end]):
        return False
    if not layout.can_claim(start, end) or not _in_scope(layout, rule, start, end):
        return False
    try:
        match = rule.pattern.fullmatch(text, start, end, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        _timed_out(layout, rule, start, end)
        return False
    if match and layout.claim(mark_for(rule, start, end, match), STAGE, rule.action.element):
        layout.facts.extend(harvest(rule, match))
        return True
    return False


def _apply_inline_rule(layout: Layout, rule: Rule, lines: _LineIndex | None = None) -> None:
    text = layout.text
    lines = lines or _LineIndex(layout)
    for index in lines.candidates(rule.hint, trimmed=False):  # an inline rule reads the whole line
        line = layout.lines[index]
        if line.start == line.end:
            continue
        if rule.hint is not None and not rule.hint.search(text[line.start : line.end]):
            continue
        for lo, hi in list(layout.tiling.free_ranges(line.start, line.end)):
            try:
                matches = list(rule.pattern.finditer(text, lo, hi, timeout=MATCH_TIMEOUT))
            except TimeoutError:
                _timed_out(layout, rule, lo, hi)
                continue
            for match in matches:
                if match.end() == match.start() or not _in_scope(layout, rule, match.start(), match.end()):
                    continue
                if layout.claim(mark_for(rule, match.start(), match.end(), match), STAGE, rule.action.element):
                    layout.facts.extend(harvest(rule, match))
                    lines.cut.add(index)


def _apply_line_rules_to_residues(layout: Layout, rules: list[Rule], lines: _LineIndex) -> None:
    """Line rules again, on what is left of a line once something was cut out of it.

    OCR runs furniture together on one line: a page number and a release
    stamp ("-2- Approved For Release ..."), a banner and a stamp.  Once the
    stamp is cut out, the rest is a line of furniture like any other and
    gets the same rule; left as text, it would be claimed only when the
    cleaned text is cleaned again, and cleaning would not be idempotent.
    The same holds for a line that a control character kept from matching
    (':\x08' is a speck once the backspace is out; '0\x08HW 54321 Docld:3210
    Page 12' a JFK footer).  What is left is read as the reader will read
    it, its pieces joined; a match claims every piece.
    """
    for index in sorted(lines.cut):
        line = layout.lines[index]
        pieces = layout.free_pieces(line.start, line.end)
        if not pieces:
            continue
        joined = layout.free_text(pieces[0][0], pieces[-1][1])
        for rule in rules:
            # A page break is one point: only a line left whole may become one.
            if (len(pieces) == 1 or rule.action.element != "pb") and _claim_pieces(layout, rule, pieces, joined):
                break


def _claim_pieces(layout: Layout, rule: Rule, pieces: list[tuple[int, int]], joined: str) -> bool:
    """Claim every piece for line rule ``rule`` if it matches ``joined``, the pieces' free text.

    Facts the match harvests point back at the raw offsets of the pieces.
    """
    if rule.max_length and len(joined) > rule.max_length:
        return False
    if rule.hint is not None and not rule.hint.search(joined):
        return False
    if not all(_in_scope(layout, rule, a, b) and layout.can_claim(a, b) for a, b in pieces):
        return False
    try:
        match = rule.pattern.fullmatch(joined, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        _timed_out(layout, rule, pieces[0][0], pieces[-1][1])
        return False
    if not match:
        return False
    # joined is the pieces' free ranges concatenated: map its offsets back piece by
    # piece (read before the claims below take those ranges).
    segments = []
    offset = 0
    for lo, hi in layout.tiling.free_ranges(pieces[0][0], pieces[-1][1]):
        segments.append((offset, lo))
        offset += hi - lo
    for a, b in pieces:
        layout.claim(mark_for(rule, a, b, match), STAGE, rule.action.element)

    def raw(position: int) -> int:
        for joined_start, raw_start in reversed(segments):
            if joined_start <= position:
                return raw_start + position - joined_start
        return pieces[0][0]

    for fact in harvest(rule, match):
        layout.facts.append(dataclasses.replace(fact, start=raw(fact.start), end=raw(max(fact.start, fact.end - 1)) + 1))
    return True


def block_timeout(length: int) -> float:
    """The time a block rule may take over a whole text of ``length`` characters.

    A block rule scans the whole file, so its cost grows with the file: a
    fixed budget would make every rule time out, silently, on a file large
    enough.  The budget is fixed for files up to 1 MB and grows with them.
    """
    return MATCH_TIMEOUT * BLOCK_TIMEOUT_PER_MB * max(1.0, length / 1_000_000)


def _at_line_boundaries(text: str, start: int, end: int) -> bool:
    starts_line = start == 0 or text[start - 1] in "\n\r\f"
    ends_line = end == len(text) or text[end] in "\n\r\f" or text[end - 1] == "\n"
    return starts_line and ends_line


# How far from an occurrence of its hint a block rule looks for a match,
# unless the rule says (``reach``).  The longest distance seen between a
# block match and the hint inside it, in the seeds, the dev corpus and the
# bench corpus, is 432 characters; but a garbled stamp may not hold its hint
# at all, and is found only because the hint stands elsewhere nearby (two
# rules match so, up to 8,673 characters from it).
HINT_REACH = 10_000


def hint_windows(text: str, hint: regex.Pattern | None, reach: int = HINT_REACH, *, lower: str | None = None) -> list[tuple[int, int]]:
    """Whole-line ranges of ``text`` within ``reach`` of an occurrence of ``hint``, merged.

    Without a hint (or in a file shorter than the reach) that is the whole
    text.  In a long file a block rule then costs in proportion to where its
    hint occurs, not to the whole file: one 'NO OBJECTION' in a 10 MB
    concatenation no longer runs a fuzzy three-line pattern at every line.
    """
    if hint is None:
        return [(0, len(text))]
    if lower is None and has_plan(hint):
        lower = lowered(text)
    windows: list[tuple[int, int]] = []
    # Line ends are looked for no further than needed, so that a file of a
    # few long lines (a flattened OCR) costs in proportion to its length,
    # not to its length times the occurrences of the hint: a line start
    # only back to the end of the last window (before it, the windows
    # merge anyway), a line end found once serves every later occurrence
    # that stands before it.
    line_end = -1
    for start, end in hint_spans(hint, text, lower, timeout=block_timeout(len(text))):
        last = windows[-1][1] if windows else 0
        cut = text.rfind("\n", last, max(last, start - reach))
        lo = cut + 1 if cut >= 0 else last
        after = min(len(text), end + reach)
        if after > line_end:
            line_end = text.find("\n", after)
            line_end = len(text) if line_end < 0 else line_end
        hi = line_end
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
        else:
            windows.append((lo, hi))
    return windows


def _apply_block_rule(layout: Layout, rule: Rule, lines: _LineIndex | None = None) -> None:
    text = layout.text
    matches = []
    try:
        lower = lines.lowered() if lines is not None else None
        for lo, hi in hint_windows(text, rule.hint, rule.reach or HINT_REACH, lower=lower):
            matches += rule.pattern.finditer(text, lo, hi, timeout=block_timeout(hi - lo))
    except TimeoutError:
        _timed_out(layout, rule, 0, len(text))
        return
    for match in matches:
        start, end = match.span()
        # A block claims whole lines; trailing line breaks stay layout.
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        if end == start or not _at_line_boundaries(text, start, end):
            continue
        if not _in_scope(layout, rule, start, end) or not layout.can_claim(start, end):
            continue
        if layout.claim(mark_for(rule, start, end, match), STAGE, rule.action.element):
            layout.facts.extend(harvest(rule, match))
