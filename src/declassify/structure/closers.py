"""Reading a document's foot: complimentary close, signature, inside address."""

from __future__ import annotations

from ..document import Node
from ..model import Anno, Block
from . import cues
from .freetext import FreeText
from .parts import (
    INSIDE_ADDRESS,
    RULE,
    SENTENCE_END,
    SURNAME_SIGNATURE,
    leaf,
)


class FootReader:
    """The closer of a document, read from its last blocks upwards."""

    def foot(self, first_body: int) -> tuple[int, list[Node]]:
        """Consume the closer from the end; return where it begins and its nodes."""
        n = len(self.blocks)
        valediction_at = None
        for j in range(n - 1, first_body - 1, -1):
            if cues.valediction(self.texts[j].text):
                valediction_at = j
                break
            if self.is_prose(j) and j < n - 1:
                break
        if valediction_at is None:
            closer_nodes = self.trailing_signature(first_body)
            return len(self.blocks), closer_nodes
        closer: list[Node] = []
        ft = self.texts[valediction_at]
        match = cues.valediction(ft.text)
        lead = len(ft.text) - len(ft.text.lstrip())
        closer.append(leaf("salute", ft.raw_span(lead, lead + match.end())))
        rest = ft.text[lead + match.end() :].strip(" ;,\t")
        if rest.strip():
            at = (
                lead
                + match.end()
                + (len(ft.text[lead + match.end() :]) - len(ft.text[lead + match.end() :].lstrip(" ;,\t\n")))
            )
            self.signed(closer, ft, at, len(ft.text))
        after = valediction_at + 1
        # The signature: an OCR description of a signature, then a typed name.
        block_end = self.blocks[after - 1].end
        next_start = self.blocks[after].start if after < n else None
        for mark in self.layout.tiling.marks_in(
            block_end, next_start if next_start is not None else self.blocks[-1].end + 1
        ):
            if mark.kind == "figure" and not any(node.tag == "signed" for node in closer):
                closer.append(Node("signed", mark.start, mark.end))
        for j in range(after, n):
            text = self.texts[j].text
            span = self.texts[j].raw_span(0, len(text))
            if (
                cues.signature(text.split("\n")[0])
                and not any(
                    node.tag == "signed"
                    and node.end > node.start
                    and self.layout.text[node.start : node.end].strip()
                    and self.layout.tiling.mark_at(node.start) is None
                    for node in closer
                )
                and not INSIDE_ADDRESS.match(text)
            ):
                self.signed(closer, self.texts[j], 0, len(text))
            elif INSIDE_ADDRESS.match(text) or (j > after and len(text.split()) <= 12):
                lines = [leaf("addrLine", self.texts[j].raw_span(lo, hi)) for lo, hi in self.texts[j].lines()]
                self.anatomy.addressee_lines += [
                    " ".join(self.texts[j].text[lo:hi].split()) for lo, hi in self.texts[j].lines()
                ]
                closer.append(Node("address", children=lines))
            else:
                closer.append(
                    leaf(
                        "signed"
                        if not any(c.tag == "signed" for c in closer)
                        else "dateline"
                        if cues.dateline(text)
                        else "signed",
                        span,
                    )
                )
        return valediction_at, [Node("closer", children=closer)]

    def signed(self, closer: list[Node], ft: FreeText, lo: int, hi: int) -> None:
        span = ft.raw_span(lo, hi)
        name = " ".join(ft.text[lo:hi].split()).strip(" .,;")
        closer.append(leaf("signed", span))
        if cues.signature(name):
            self.anatomy.signer = self.anatomy.signer or name
            self.anatomy.signer_span = self.anatomy.signer_span or span
            self.anatomy.annos.append(Anno(span[0], span[1], "persName", RULE))

    def trailing_signature(self, first_body: int) -> list[Node]:
        """A name that ends the last paragraph ('... peace with them. John F. Kennedy'), or a last block that is a name."""
        if len(self.blocks) <= first_body:
            return []
        j = len(self.blocks) - 1
        ft = self.texts[j]
        text = ft.text.rstrip()
        if (cues.signature(text) or SURNAME_SIGNATURE.match(text)) and j > first_body:
            self.blocks.pop()
            self.texts.pop()
            closer: list[Node] = []
            self.signed(closer, ft, 0, len(text))
            return [Node("closer", children=closer)]
        ends = list(SENTENCE_END.finditer(text))
        if not ends or j < first_body:
            return []
        tail_at = ends[-1].end()
        tail = text[tail_at:]
        if not cues.signature(tail) or len(tail.split()) < 2:
            return []
        closer = []
        self.signed(closer, ft, tail_at, len(text))
        self.blocks[j] = Block(
            self.blocks[j].start, ft.raw_end(ends[-1].start() + 1), self.blocks[j].first_line, self.blocks[j].last_line
        )
        self.texts[j] = FreeText(self.layout, self.blocks[j].start, self.blocks[j].end)
        return [Node("closer", children=closer)]

    # -- all -----------------------------------------------------------------------------
