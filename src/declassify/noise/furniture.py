"""Page furniture found by structure, not by pattern: running heads and footers,
inferred page breaks, catchwords.

Everything here works from *furniture runs*: maximal runs of lines that hold
no free text (blank, or wholly claimed by stamps, banners, page numbers).  A
run that holds a page-boundary hint (a page number, a footer that closes a
page, a header that opens one) is where one page ends and the next begins.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

import regex

from ..model import Layout, Line
from ..tiling import Disposition, Mark, make_attrs

STAGE = "strip"
INFERRED = "furniture.inferred-page-break"
FIRST_PAGE = "furniture.first-page"


@dataclass(slots=True)
class Run:
    """Lines first..last (indices) with no free text; its claims in order."""

    first: int
    last: int
    marks: list[Mark]

    def start(self, layout: Layout) -> int:
        return layout.lines[self.first].start

    def end(self, layout: Layout) -> int:
        return layout.lines[self.last].next


def furniture_runs(layout: Layout) -> list[Run]:
    runs: list[Run] = []
    current: list[Line] = []

    def close() -> None:
        if current:
            start, end = current[0].start, current[-1].next
            marks = [m for m in layout.tiling.marks_in(start, end) if m.start >= start and m.end <= end]
            runs.append(Run(current[0].index, current[-1].index, marks))
            current.clear()

    for line in layout.lines:
        if layout.has_free_text(line.start, line.end):
            close()
        else:
            current.append(line)
    close()
    return runs


# ---------------------------------------------------------------- hints

def _is_hint(mark: Mark) -> bool:
    return mark.kind == "pb" or mark.attr("page") in ("start", "end") or mark.attr("type") == "pageNum"


def _role(mark: Mark, banners_after: int) -> str:
    """Whether a claim sits at the foot of the old page, the head of the new one, or either."""
    if mark.attr("type") == "catch" or mark.attr("page") == "end" or mark.attr("type") == "footer":
        return "bottom"
    if mark.attr("page") == "start" or mark.attr("type") in ("pageNum", "header"):
        return "top"
    if mark.attr("type") == "banner":
        # A banner closes one page and the next opens another: the last banner of a run is the head.
        return "top" if banners_after == 0 else "bottom"
    return "neutral"


# ---------------------------------------------------------------- running heads and footers

_NORMALISE = regex.compile(r"\d+")
_NOT_KEY = regex.compile(r"[^\w#]+")
_ENUMERATION = regex.compile(r"\s*\(?\d{1,3}[.)]\s")
MAX_PAGE_STEP = 20
MIN_RUNNING_REPEATS = 3


def _running_key(text: str) -> str:
    folded = _NORMALISE.sub("#", text.casefold())
    return " ".join(_NOT_KEY.sub(" ", folded).split())


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in _NORMALISE.findall(text))


def _any_within(positions: list[int], lo: int, hi: int) -> bool:
    """Does the sorted list ``positions`` hold a value in [lo, hi]?  (Bisection: a file has a hint per page.)"""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] <= hi


def _near_hint(layout: Layout, line: Line, hints: list[int], reach: int = 0) -> bool:
    """Is ``line`` within ``reach`` free-text lines of a page-boundary hint (0: next to it)?"""
    for step in (-1, 1):
        passed = 0
        i = line.index + step
        while 0 <= i < len(layout.lines) and passed <= reach:
            other = layout.lines[i]
            edge = other.next if step < 0 else other.start
            if _any_within(hints, edge - 1, edge + 1) or _any_within(hints, other.start, other.next):
                return True
            if layout.has_free_text(other.start, other.end):
                passed += 1
            i += step
    return False


def claim_running_lines(layout: Layout) -> None:
    """Short lines that recur on page after page (running heads and footers).

    A recurring line whose only change is a number that grows (a magazine's
    footer with its page number) is furniture wherever it stands.  Any other
    line that recurs word for word at least three times is furniture where it
    stands next to a page boundary; an appearance away from any boundary is
    left alone: on page one the same words are the document's own heading or
    dateline.
    """
    text = layout.text
    hints = sorted({h for m in layout.tiling if _is_hint(m) for h in (m.start, m.end)})
    groups: dict[str, list[Line]] = defaultdict(list)
    for line in layout.lines:
        content = text[line.start : line.end].strip()
        if not content or len(content) > 100 or len(content.split()) > 12 or not any(c.isalpha() for c in content):
            continue
        if content[0].islower():
            continue  # a sentence's tail that happens to recur ('cable.'), not a running head
        if content.endswith(":"):
            continue  # a field label ('DATE:', 'SUBJECT:') recurs with every record: analysis needs it
        start = line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        if not layout.tiling.is_free(start, start + len(content)):
            continue
        groups[_running_key(content)].append(line)
    for key, members in groups.items():
        if len(members) < 2:
            continue
        numbers = [_numbers(text[m.start : m.end]) for m in members]
        exact = {" ".join(text[m.start : m.end].casefold().split()) for m in members}
        # A page number grows by a few pages from one footer to the next; an
        # enumeration ('7. Letter ...', '22. Letter ...') is a heading, not furniture.
        growing = (
            "#" in key
            and not _ENUMERATION.match(text[members[0].start : members[0].end])
            and all(a and b and 0 < b[-1] - a[-1] <= MAX_PAGE_STEP for a, b in zip(numbers, numbers[1:]))
        )
        if not growing and (len(exact) > 1 or len(members) < MIN_RUNNING_REPEATS):
            continue  # two different dates are not a running head; a line seen twice may be content
        first_hint = hints[0] if hints else None
        for member in members:
            if not growing:
                if first_hint is None or member.end < first_hint or not _near_hint(layout, member, hints):
                    continue
            content = text[member.start : member.end]
            start = member.start + len(content) - len(content.lstrip())
            end = member.start + len(content.rstrip())
            n = str(numbers[members.index(member)][-1]) if growing else None
            attrs = make_attrs(type="footer" if growing else "header", page="end" if growing else None, page_n=n)
            layout.claim(Mark(start, end, Disposition.FORME, "furniture.running-line", "fw", attrs), STAGE, "running line")


# ---------------------------------------------------------------- page breaks

def _page_after(mark: Mark) -> int | None:
    n = mark.attr("page_n") or (mark.attr("n") if mark.kind == "pb" else None)
    if n is None or not n.isdigit():
        return None
    if mark.attr("page") == "end":
        return int(n) + 1
    return int(n)


def infer_page_breaks(layout: Layout) -> None:
    """Put a page break in every furniture run that holds a boundary hint but no page break yet.

    It goes after the claims that close the old page (catchword, footer, the
    first of two banners) and before those that open the new one (the last
    banner, a running head, a page number).  Claims that could be either
    (stamps, forms) stay with the old page.
    """
    text = layout.text
    # Offsets of the first and past the last character that is not white space
    # (slicing the text at every run would make a long file quadratic).
    content_start, content_end = len(text) - len(text.lstrip()), len(text.rstrip())
    last_number = 1
    inferred = 0
    # The changes of stale breaks, dropped after the loop: the change list only
    # grows meanwhile, so a change goes if it was there (index < count) when a
    # break at its offset was found stale.
    stale_changes: dict[int, int] = {}
    for run in furniture_runs(layout):
        marks = run.marks
        # A break inferred by an earlier pass is placed again: the run may have grown since.
        for stale in [m for m in marks if m.rule == INFERRED]:
            layout.tiling.remove(stale)
            marks.remove(stale)
            stale_changes[stale.start] = len(layout.changes)
        if any(m.kind == "pb" for m in marks):
            numbered = [int(m.attr("n")) for m in marks if m.kind == "pb" and (m.attr("n") or "").isdigit()]
            last_number = numbered[-1] if numbered else last_number + 1
            continue
        if not any(_is_hint(m) for m in marks):
            continue
        run_start, run_end = run.start(layout), run.end(layout)
        if run_end >= content_end or run_start <= content_start:
            continue  # the foot of the last page or the head of the first: no break
        banners = [m for m in marks if m.attr("type") == "banner"]
        roles = []
        for mark in marks:
            after = sum(1 for b in banners if b.start > mark.start)
            roles.append(_role(mark, after))
        # Page numbers that repeat the number of the page that is ending belong to its foot.
        for i, mark in enumerate(marks):
            if roles[i] == "top" and mark.attr("type") == "pageNum" and _page_after(mark) == last_number:
                roles[i] = "bottom"
        tops = [i for i, r in enumerate(roles) if r == "top"]
        bottoms = [i for i, r in enumerate(roles) if r == "bottom"]
        if tops:
            position = marks[tops[0]].start
            if bottoms and bottoms[-1] > tops[0]:
                position = marks[bottoms[-1]].end
        elif bottoms:
            position = marks[bottoms[-1]].end
        else:
            continue
        number = None
        for i in tops:
            number = number or _page_after(marks[i])
        for i in bottoms:
            if number is None and marks[i].attr("page") == "end":
                number = _page_after(marks[i])
        number = number or last_number + 1
        last_number = number
        attrs = make_attrs(n=number)
        if layout.claim(Mark(position, position, Disposition.FORME, INFERRED, "pb", attrs), STAGE, f"page {number}"):
            inferred += 1
        _place_run(layout, marks, position)
    if stale_changes:
        layout.changes = [
            c
            for i, c in enumerate(layout.changes)
            if not (c.rule == INFERRED and i < stale_changes.get(c.start, 0))
        ]
    if inferred:
        first = next((m for m in layout.tiling if m.kind == "pb"), None)
        start = _first_content(layout)
        # Only when the breaks count from page 2: a file that starts on page 49 of a
        # magazine does not say where its own first page began.
        if first is not None and first.attr("n") == "2" and start < first.start:
            mark = Mark(start, start, Disposition.FORME, FIRST_PAGE, "pb", make_attrs(n=1))
            layout.claim(mark, STAGE, "page 1")


def _first_content(layout: Layout) -> int:
    text = layout.text
    for line in layout.lines:
        if text[line.start : line.end].strip():
            return line.start
    return 0


def _place_run(layout: Layout, marks: list[Mark], position: int) -> None:
    """Say where each piece of forme work of the run stood: foot of one page or head of the next."""
    for mark in marks:
        if mark.kind != "fw" or mark.width == 0:
            continue
        place = "bottom" if mark.end <= position else "top"
        if mark.attr("place") in ("margin", "inline") or mark.attr("place") == place:
            continue
        kind = mark.attr("type")
        if kind == "header" and place == "bottom":
            kind = "footer"
        elif kind == "footer" and place == "top":
            kind = "header"
        updated = Mark(
            mark.start,
            mark.end,
            mark.disposition,
            mark.rule,
            mark.kind,
            make_attrs(**{**dict(mark.attrs), "place": place, "type": kind}),
            mark.out,
        )
        layout.tiling.remove(mark)
        layout.tiling.add(updated)


# ---------------------------------------------------------------- catchwords

_WORD = regex.compile(r"\S+")
_TERMINAL = ".!?:;\u201d\""


def _free_lines_before(layout: Layout, index: int) -> Line | None:
    i = index - 1
    while i >= 0:
        line = layout.lines[i]
        if layout.has_free_text(line.start, line.end):
            return line
        i -= 1
    return None


def _free_lines_after(layout: Layout, index: int) -> Line | None:
    i = index + 1
    while i < len(layout.lines):
        line = layout.lines[i]
        if layout.has_free_text(line.start, line.end):
            return line
        i += 1
    return None


def _free_span(layout: Layout, line: Line) -> tuple[int, int]:
    ranges = [(a, b) for a, b in layout.tiling.free_ranges(line.start, line.end) if layout.text[a:b].strip()]
    start, end = ranges[0][0], ranges[-1][1]
    text = layout.text
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def claim_catchwords(layout: Layout, max_words: int = 4) -> None:
    """The last words of a page, repeated at the head of the next, are a catchword.

    The words stay in the text once, where the next page has them; their
    first appearance becomes ``fw type="catch"``.  Either the page's last
    line is nothing but the catchword ('and complete'), or its last words
    are (a line that ends '... However' before a page that opens 'However
    Khrushchev ...'); in both cases the words must not end a sentence.
    """
    text = layout.text
    for run in furniture_runs(layout):
        if not any(m.kind == "pb" for m in run.marks):
            continue
        before = _free_lines_before(layout, run.first)
        after = _free_lines_after(layout, run.last)
        if before is None or after is None:
            continue
        b_start, b_end = _free_span(layout, before)
        a_start, a_end = _free_span(layout, after)
        tail_words = [m for m in _WORD.finditer(text, b_start, b_end)]
        head_words = [m.group() for m in _WORD.finditer(text, a_start, a_end)]
        if not tail_words or len(head_words) < 2 or text[b_end - 1] in _TERMINAL:
            continue
        for count in range(min(max_words, len(tail_words), len(head_words) - 1), 0, -1):
            tail = [m.group() for m in tail_words[-count:]]
            if tail != head_words[:count]:
                continue
            start = tail_words[-count].start()
            # The whole line, or its last words when the line holds more.
            mark = Mark(start, b_end, Disposition.FORME, "furniture.catchword", "fw", make_attrs(type="catch", place="bottom"))
            layout.claim(mark, STAGE, "catchword")
            break


# ---------------------------------------------------------------- stray page numbers

_LONE_NUMBER = regex.compile(r"[\s(\[]*\d{1,3}[\s).\]]*")


def claim_lone_page_numbers(layout: Layout) -> None:
    """A line that is only a small number, next to page furniture, is part of a page number.

    OCR splits 'Page 1 of 6' so that '6' stands alone, or keeps a page's
    number away from its label; beside a page break, a footer or a page
    number such a line is furniture too.
    """
    text = layout.text
    lines = layout.lines
    for line in lines:
        content = text[line.start : line.end]
        if not _LONE_NUMBER.fullmatch(content) or not content.strip():
            continue
        start = line.start + len(content) - len(content.lstrip())
        end = line.start + len(content.rstrip())
        if not layout.tiling.is_free(start, end):
            continue
        if _beside_page_furniture(layout, line):
            mark = Mark(start, end, Disposition.FORME, "furniture.lone-page-number", "fw", make_attrs(type="pageNum"))
            layout.claim(mark, STAGE, "page number")


def _beside_page_furniture(layout: Layout, line: Line) -> bool:
    """Is the nearest non-blank line above or below page furniture (or a page break at the edge)?"""
    text = layout.text
    for step in (-1, 1):
        i = line.index + step
        while 0 <= i < len(layout.lines) and not text[layout.lines[i].start : layout.lines[i].end].strip():
            i += step
        edge = line.start if step < 0 else line.next
        gap_start, gap_end = (layout.lines[i].next, edge) if step < 0 and i >= 0 else (edge, layout.lines[i].start if i < len(layout.lines) else len(text))
        if any(m.kind == "pb" for m in layout.tiling.marks_in(min(gap_start, gap_end), max(gap_start, gap_end) + 1)):
            return True
        if not 0 <= i < len(layout.lines):
            continue
        neighbour = layout.lines[i]
        if layout.has_free_text(neighbour.start, neighbour.end):
            continue
        for mark in layout.tiling.marks_in(neighbour.start, neighbour.end):
            if _is_hint(mark) or mark.attr("type") in ("pageNum", "header", "footer"):
                return True
    return False


# ---------------------------------------------------------------- stamp satellites

_STAMP_SATELLITE = regex.compile(
    r"[^\w\n]{0,2}\s*(?:(?:[A-Za-z]{1,8}\s+)?\d{1,3}/\d{1,2}/\d{2,4}|\d{1,2}\.?\s*[A-Za-z]{3}\.?\s*\d{2,4}|\(\w\)\s*(?:\(\w\)\s*)*)[.,]?"
)


def _line_holding(layout: Layout, offset: int) -> Line | None:
    """The line whose span (terminator included) holds ``offset``, found by bisection."""
    lines = layout.lines
    i = bisect.bisect_right(lines, offset, key=lambda ln: ln.start) - 1
    if i >= 0 and lines[i].start <= offset < lines[i].next:
        return lines[i]
    return None


def claim_stamp_satellites(layout: Layout) -> None:
    """A date or exemption code on the line right next to a review stamp belongs to the stamp.

    Reviewers write the date of their review ('2/23/94', '1 FEB 94') and
    the exemptions applied ('(1)(c)') beside the stamp; OCR gives them
    lines of their own.
    """
    text = layout.text
    stamps = [m for m in layout.tiling if m.kind == "fw" and m.attr("stamp") in ("declassification", "release")]
    for stamp in stamps:
        first = _line_holding(layout, stamp.start)
        last = _line_holding(layout, max(stamp.start, stamp.end - 1))
        if first is None or last is None:
            continue
        for index in (first.index - 1, last.index + 1):
            if not 0 <= index < len(layout.lines):
                continue
            line = layout.lines[index]
            content = text[line.start : line.end]
            if not content.strip() or not _STAMP_SATELLITE.fullmatch(content.strip()):
                continue
            start = line.start + len(content) - len(content.lstrip())
            end = line.start + len(content.rstrip())
            if layout.tiling.is_free(start, end):
                attrs = make_attrs(type="stamp", stamp=stamp.attr("stamp"), place=stamp.attr("place"))
                layout.claim(Mark(start, end, Disposition.FORME, "furniture.stamp-date", "fw", attrs), STAGE, "stamp date")
