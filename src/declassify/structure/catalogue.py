"""What a repository's catalogue says of a record, and which document of the file it describes.

Catalogue fields (a reading room's panel, an identification form, YAML
front matter) are harvested as ``record-field`` facts of the archival unit
they stand in (``fact_scope``).  They describe the *record*, which is its
main document: not the routing slip filed on top of it, and not the
attachment behind it.  So each unit's catalogue goes to one item, its
principal document: the first one that is not a printed routing form.

Analysis then weighs the catalogue beside what the document itself says:
the document's own dateline, marking and heading come first; the
catalogue fills what the document does not say, and every fact taken from
it says so in its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import DateValue, parse_date
from ..model import Fact, ItemDraft, Layout

CATALOGUE_FACT = "record-field"
FORM_RULE_PREFIX = "form."


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The catalogue entry of the record an item is the main document of: field name -> fact."""

    fields: tuple[tuple[str, Fact], ...]

    def fact(self, name: str) -> Fact | None:
        for key, fact in self.fields:
            if key == name:
                return fact
        return None

    def value(self, name: str) -> str | None:
        fact = self.fact(name)
        return fact.value if fact is not None else None

    def date(self) -> DateValue | None:
        """The record's date, to the precision the catalogue gives ('00' for an unknown day or month)."""
        fact = self.fact("date")
        if fact is None:
            return None
        date = parse_date(fact.value)
        if date is not None:
            return DateValue(date.when, date.precision, fact.start, fact.end, fact.value)
        return partial_form_date(fact)

    def evidence(self, name: str) -> str:
        fact = self.fact(name)
        return f"catalogue field {name} {fact.value!r} ({fact.rule})" if fact else ""


def partial_form_date(fact: Fact) -> DateValue | None:
    """A form's date with '00' for what is unknown ('00/00/1963' is 1963, '11/00/63' is 1963-11).

    NARA's identification forms write an unknown day or month as 00; and
    01/01 is the database's filler for an unknown day and month, so it
    says only the year.
    """
    parts = fact.value.replace("-", "/").split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        return None
    month, day, year = (int(p) for p in parts)
    if year < 100:
        year += 1900
    if not 1900 <= year <= 2029 or month > 12 or day > 31:
        return None
    if month == 0 or (month == 1 and day == 1):
        return DateValue(f"{year:04d}", "year", fact.start, fact.end, fact.value)
    if day == 0:
        return DateValue(f"{year:04d}-{month:02d}", "month", fact.start, fact.end, fact.value)
    return None


def _is_form(layout: Layout, draft: ItemDraft) -> bool:
    """The item is a printed routing or transmittal form (its grid claimed by the forms detector)."""
    return any(mark.rule.startswith(FORM_RULE_PREFIX) and mark.rule.endswith("routing-slip") for mark in layout.tiling.marks_in(draft.start, draft.end))


def catalogues(layout: Layout, drafts: Sequence[ItemDraft], facts: Sequence[list[Fact]]) -> list[Catalogue | None]:
    """For each item, the catalogue it is the principal document of, or None."""
    result: list[Catalogue | None] = [None] * len(drafts)
    units: dict[tuple[int, ...], list[int]] = {}
    for index, item_facts in enumerate(facts):
        key = tuple(id(f) for f in item_facts if f.name == CATALOGUE_FACT)
        if key:
            units.setdefault(key, []).append(index)
    for members in units.values():
        principal = next((i for i in members if drafts[i].blocks and not _is_form(layout, drafts[i])), members[0])
        fields: dict[str, Fact] = {}
        for fact in facts[principal]:
            if fact.name == CATALOGUE_FACT and fact.attr("field"):
                fields.setdefault(fact.attr("field"), fact)
        result[principal] = Catalogue(tuple(fields.items()))
    return result
