"""Which documents of a file each harvested fact describes.

An item-scoped fact (a classification banner, a receipt stamp) describes
the document it stands in, and only that one.

A file-scoped fact (a release stamp, an archive identifier) describes the
archival unit it is printed on, which may hold several documents: a cover
letter, its attachment and a routing slip share one record's stamps,
although a stamp may stand on the first page only, or a reviewer's stamp on
some pages and not others.  So within a unit every document takes every
file-scoped fact of the unit.

A file may also hold several units: a FOIA release of twenty documents,
each stamped with its own document number; a box of records scanned as one
text.  One unit's stamps say nothing of its neighbours, and giving every
document every stamp of the file would also make the cost grow with the
square of the file's length.  The units are told apart by the identifiers
that name them (facts with ``unit`` set, which a rule pack declares):

- each fact belongs to the document it stands in, or to the next one when
  it stands between documents (a stamp heads the page it belongs to), or to
  the last one when it follows them all;
- documents holding one same identifier are one unit, and so are, in
  chains, documents linked by any shared identifier (a page whose number
  OCR misread still shares the good one with its neighbours);
- a document holding no identifier belongs to the unit of the nearest
  document before it that holds one (an attachment follows its letter) or,
  failing that, after it;
- a file with no identifier at all is one unit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .model import Fact


def holders(facts: Sequence[Fact], spans: Sequence[tuple[int, int]]) -> list[tuple[int, bool]]:
    """For each fact, the index of its document and whether it stands inside it."""
    starts = [start for start, _ in spans]
    result = []
    for fact in facts:
        holder = bisect_right(starts, fact.start) - 1
        inside = holder >= 0 and fact.start < spans[holder][1]
        result.append((holder if inside else min(holder + 1, len(spans) - 1), inside))
    return result


def units(facts: Sequence[Fact], held: Sequence[tuple[int, bool]], count: int) -> list[int]:
    """For each of ``count`` documents, the index of the first document of its unit."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_holder: dict[str, int] = {}
    keyed = [False] * count
    for fact, (holder, _) in zip(facts, held):
        if not (fact.unit and fact.scope == "file"):
            continue
        keyed[holder] = True
        key = fact.attr("normal") or fact.value
        other = first_holder.setdefault(key, holder)
        a, b = root(holder), root(other)
        parent[max(a, b)] = min(a, b)
    if not any(keyed):
        return [0] * count
    keyed_indices = [i for i in range(count) if keyed[i]]
    result = []
    for i in range(count):
        if not keyed[i]:
            before = bisect_right(keyed_indices, i) - 1
            i = keyed_indices[before] if before >= 0 else keyed_indices[0]
        result.append(root(i))
    return result


def facts_by_item(facts: Sequence[Fact], spans: Sequence[tuple[int, int]]) -> list[list[Fact]]:
    """For each document (start, end), in reading order, the facts that describe it, in the order given."""
    starts = [start for start, _ in spans]
    assert starts == sorted(starts), "documents out of reading order"
    if not spans:
        return []
    held = holders(facts, spans)
    unit_of = units(facts, held, len(spans))
    members: dict[int, list[int]] = {}
    for item, unit in enumerate(unit_of):
        members.setdefault(unit, []).append(item)
    result: list[list[Fact]] = [[] for _ in spans]
    for fact, (holder, inside) in zip(facts, held):
        if fact.scope == "file":
            for item in members[unit_of[holder]]:
                result[item].append(fact)
        elif inside:
            result[holder].append(fact)
    return result
