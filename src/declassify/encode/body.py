"""The body of one item: its structural nodes, with forme work where it stood.

Nodes are written in order.  Forme work (and any stray text) between two
nodes is written at the level of the innermost container being filled, so
a page break between two paragraphs of a speech turn stays inside the turn.
Text that analysis left outside every node is never lost: it is written as
a paragraph of its own.
"""

from __future__ import annotations

from lxml import etree

from ..document import Item, Node
from ..model import Anno, Layout
from .inline import render_mark, render_range
from .tei import append_text, el, last_child


PARAGRAPH_CONTAINERS = frozenset({"div", "body", "sp", "postscript"})


class BodyWriter:
    """Writes an item's nodes into a ``div``, tracking how far the raw range is written."""

    def __init__(self, layout: Layout, item: Item, annos: list[Anno]):
        self.layout = layout
        self.item = item
        self.annos = annos
        self.cursor = item.start
        self.line_break_newlines = 2 if layout.traits.get("spacing") == "double" else 1
        self.orphans = 0
        self.emitted: set = set()  # zero-width marks already written (they sit between pieces)

    def write(self, div: etree._Element) -> None:
        self.write_nodes(div, self.item.body)
        self.flush(div, self.item.end)

    def write_nodes(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            first = node.first_offset()
            if first >= self.cursor:
                self.flush(parent, first)
                self.flush_milestones(parent, first)
            if node.tag == "#text":
                # Words of the enclosing element that no child holds ('QUOTE' around a quoted letter).
                render_range(parent, self.layout, node.start, node.end, self.annos, line_break_newlines=self.line_break_newlines, skip=self.emitted)
                self.cursor = max(self.cursor, node.end)
                continue
            element = el(parent, node.tag, **node.attrs)
            if node.children:
                self.write_nodes(element, node.children)
            elif node.end > node.start:
                render_range(
                    element,
                    self.layout,
                    node.start,
                    node.end,
                    self.annos,
                    line_break_newlines=self.line_break_newlines,
                    skip=self.emitted,
                )
                self.cursor = max(self.cursor, node.end)

    def flush_milestones(self, parent: etree._Element, at: int) -> None:
        """A page break that stands exactly where a node begins goes before the node, not inside it."""
        for mark in self.layout.tiling.marks_in(at, at):
            if mark.width == 0 and mark.start == at and mark not in self.emitted:
                render_mark(parent, self.layout, mark)
                self.emitted.add(mark)

    def flush(self, parent: etree._Element, upto: int) -> None:
        """Write the claims in raw[cursor:upto]; free text there becomes a paragraph."""
        text = self.layout.text
        for lo, hi, mark in self.layout.tiling.pieces(self.cursor, upto):
            if mark is not None:
                if mark not in self.emitted:
                    render_mark(parent, self.layout, mark)
                    self.emitted.add(mark)
            elif not text[lo:hi].strip():
                # Between the parts of a closer or opener, white space keeps their words apart
                # for a reader of the text ('Sincerely, John F. Kennedy').
                if hi > lo and etree.QName(parent).localname not in PARAGRAPH_CONTAINERS and last_child(parent) is not None:
                    append_text(parent, "\n" if "\n" in text[lo:hi] else " ")
            else:
                # Analysis should have placed every block; keep the text anyway.
                self.orphans += 1
                a, b = lo, hi
                while text[a].isspace():
                    a += 1
                while text[b - 1].isspace():
                    b -= 1
                # Inside a closer, opener or list the stray words stay words of that element.
                target = el(parent, "p") if etree.QName(parent).localname in PARAGRAPH_CONTAINERS else parent
                render_range(target, self.layout, a, b, self.annos, line_break_newlines=self.line_break_newlines)
        self.cursor = max(self.cursor, upto)
