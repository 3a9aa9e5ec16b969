"""The page structure of a file, as far as the claims so far tell it.

A page boundary is a page-break claim (a wrapper's '## Page 2', a form feed,
one inferred from a page number) or the end of a claim that closes a page
(a JFK DocId footer).  Between boundaries lie pages; at each boundary lies a
*furniture run*: the lines around it that hold no free text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Layout, Line


@dataclass(frozen=True, slots=True)
class Page:
    start: int  # raw offset where the page begins
    end: int
    first_line: int
    last_line: int
    n: str | None  # the page number, where one is known


def boundary_offsets(layout: Layout) -> list[tuple[int, str | None]]:
    """Offsets where a new page begins, with its number when known, in order."""
    found: dict[int, str | None] = {}
    for mark in layout.tiling:
        if mark.kind == "pb":
            found[mark.start] = mark.attr("n") or found.get(mark.start)
        elif mark.attr("page") == "end":
            found.setdefault(mark.end, None)
    return sorted(found.items())


def _line_index(layout: Layout, offset: int) -> int:
    lines = layout.lines
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def pages(layout: Layout) -> list[Page]:
    """The pages between boundaries; a boundary with nothing after it opens no page."""
    text = layout.text
    content_end = len(text.rstrip())  # past it, only white space: a boundary there opens no page
    bounds = [(0, "1")]
    for offset, n in boundary_offsets(layout):
        if offset == 0:
            bounds[0] = (0, n or "1")
        elif offset < content_end:
            bounds.append((offset, n))
    result = []
    for i, (start, n) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if end <= start:
            continue
        result.append(Page(start, end, _line_index(layout, start), _line_index(layout, max(start, end - 1)), n))
    return result


def page_lines(layout: Layout, page: Page) -> list[Line]:
    """The lines that lie (at least partly) on ``page``."""
    return [ln for ln in layout.lines[page.first_line : page.last_line + 1] if ln.end >= page.start and ln.start < page.end]
