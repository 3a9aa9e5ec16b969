"""The parts of one document: heading, opener, heading fields, paragraphs, closer.

``dissect`` reads an item's blocks once and returns its ``Anatomy``: the body
as nodes over raw ranges, and what the parts say (the dateline's date and
place, the salutation, the signer, the heading fields, the edition's number
and title). Analysis steps take their facts from it; the encoder writes its
nodes. A part that is not certain is left a paragraph: a paragraph too many
loses nothing, a wrong closer misreads the document.

The reading is split by where in the document it looks: ``heads`` (the
top), ``fields`` (labelled heading fields), ``closers`` (the foot).
"""

from __future__ import annotations

from ..document import Node
from ..model import Block, Layout
from .closers import FootReader
from .fields import FieldReader
from .freetext import FreeText
from .heads import HeadReader
from .parts import PROSE_WORDS, Anatomy, Field, leaf
from .vocabulary import vocabulary

__all__ = ["Anatomy", "Field", "dissect"]


class _Reader(HeadReader, FieldReader, FootReader):
    """Walks the blocks of one item, consuming parts from the head and from the foot."""

    def __init__(self, layout: Layout, blocks: list[Block]):
        self.layout = layout
        read = [(b, FreeText(layout, b.start, b.end)) for b in blocks]
        kept = [(b, text) for b, text in read if text.text.strip()]
        self.blocks = [b for b, _ in kept]
        self.texts = [text for _, text in kept]
        self.anatomy = Anatomy()

    # -- helpers -------------------------------------------------------------------------

    def words(self, i: int) -> int:
        return len(self.texts[i].text.split())

    def is_prose(self, i: int) -> bool:
        text = self.texts[i].text
        return len(text.split()) >= PROSE_WORDS and not vocabulary().heading_label.match(text.lstrip())

    def read(self) -> Anatomy:
        a = self.anatomy
        first_body = self.head()
        self.emit_fields()
        closer_at, closer = self.foot(first_body)
        for j in range(first_body, closer_at):
            a.nodes.append(leaf("p", (self.blocks[j].start, self.blocks[j].end)))
        a.nodes.extend(closer)
        a.nodes = _in_profile_order(a.nodes)
        return a


_DIV_TOP = ("head", "opener")
_DIV_BOTTOM = ("closer", "postscript")


def _in_profile_order(nodes: list[Node]) -> list[Node]:
    """Nodes in raw order, as the profile orders a div: heads and openers, body, closer.

    A heading part found after body text (a short line between paragraphs
    that looked like a title) is a paragraph there; body text after the
    closer goes into a postscript.
    """
    ordered = sorted(nodes, key=lambda n: n.first_offset())
    result: list[Node] = []
    seen_common = seen_bottom = False
    for node in ordered:
        if node.tag in _DIV_TOP and seen_common:
            result.extend(_as_paragraphs(node))
            continue
        if node.tag in _DIV_BOTTOM:
            seen_bottom = True
        elif node.tag not in _DIV_TOP:
            if seen_bottom:
                result.append(Node("postscript", children=[node]))
                continue
            seen_common = True
        result.append(node)
    return result


def _as_paragraphs(node: Node) -> list[Node]:
    if node.is_leaf:
        return [Node("p", node.start, node.end)]
    return [p for child in node.children for p in _as_paragraphs(child)]


def dissect(layout: Layout, blocks: list[Block]) -> Anatomy:
    """The anatomy of the document made of ``blocks``."""
    return _Reader(layout, blocks).read()
