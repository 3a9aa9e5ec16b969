"""The analysed document: what ``analyse`` knows about one item and ``encode`` writes.

Body structure is a small tree of :class:`Node`; a leaf covers a raw range
(usually one block, sometimes part of one: a dateline and a salutation can
share a line).  The encoder renders a leaf's range from the layout's tiling,
so forme work and annotations inside it come out where they stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import DateValue
from .model import Anno, Fact, Layout, Source


@dataclass(slots=True)
class Node:
    """A TEI element of the body: a leaf over raw[start:end], or a container of nodes."""

    tag: str
    start: int = 0
    end: int = 0
    children: list["Node"] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def is_leaf(self) -> bool:
        return not self.children and self.end > self.start

    def first_offset(self) -> int:
        if self.children:
            return self.children[0].first_offset()
        return self.start

    def last_offset(self) -> int:
        if self.children:
            return self.children[-1].last_offset()
        return self.end

    def leaves(self):
        if self.children:
            for child in self.children:
                yield from child.leaves()
        elif self.end > self.start:
            yield self


@dataclass(slots=True)
class Person:
    """A person the document names, with the roles they play in it."""

    xml_id: str
    name: str
    ref: str | None = None  # registry key, when resolved
    roles: list[str] = field(default_factory=list)
    side: str | None = None
    note: str | None = None
    forms: list[str] = field(default_factory=list)  # how the document writes the name, where not the canonical name


@dataclass(slots=True)
class Correspondence:
    """A sending or receiving of the document (``correspAction``)."""

    type: str  # sent | received
    subtype: str | None = None  # info: a copy repeated for information
    persons: list[str] = field(default_factory=list)  # Person xml:ids
    names: list[str] = field(default_factory=list)  # organisations or unresolved names
    place: str | None = None
    date: DateValue | None = None


@dataclass(slots=True)
class Classification:
    level_id: str
    label: str
    text: str
    struck: bool
    caveat: str | None
    start: int
    end: int


@dataclass(slots=True)
class Item:
    """One document of a raw file, analysed."""

    item_id: str
    ordinal: int
    source: Source
    start: int
    end: int
    doctype: str = "other"
    doctype_evidence: str = "no signal"
    title: str = ""
    date: DateValue | None = None
    date_evidence: str | None = None  # where the date came from, when not the document's own text
    place: str | None = None
    classification: Classification | None = None
    pages: int | None = None
    facts: list[Fact] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    corresp: list[Correspondence] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)  # (relation, item id)
    number: str | None = None  # the document's number in an edition ("7.")
    subject: str | None = None
    subtype: str | None = None  # a telegram's direction (outgoing | incoming)
    annos: list[Anno] = field(default_factory=list)  # inline markup analysis adds (date, placeName, persName)
    evidence: list[str] = field(default_factory=list)  # why the item was cut and typed as it was
    notes: list[tuple[str, str]] = field(default_factory=list)  # (type, text) for notesStmt
    anatomy: object = None  # structure.anatomy.Anatomy, while analysis runs
    catalogue: object = None  # structure.catalogue.Catalogue, for the record's main document


@dataclass(slots=True)
class Analysed:
    layout: Layout
    items: list[Item]
