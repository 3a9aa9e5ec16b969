"""Stage 3, strip: claim the noise, harvest what it tells.

The transforms run in the order of ``TRANSFORMS``; each claims only free
text, so an earlier one wins a dispute.  Rule packs (data) come first, then
the structure-aware detectors that need to see what the packs left.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Layout
from ..noise.catalogue import claim_catalogue_panels
from ..noise.banners import claim_banners, claim_inline_banners
from ..noise.coversheets import claim_cover_sheets
from ..noise.duplicates import claim_duplicate_pages
from ..noise.engine import apply_packs
from ..noise.forms import claim_forms
from ..noise.frontmatter import claim_front_matter
from ..noise.furniture import (
    claim_catchwords,
    claim_lone_page_numbers,
    claim_running_lines,
    claim_stamp_satellites,
    infer_page_breaks,
)
from ..noise.garbage import claim_garbage_lines, claim_line_numbers
from ..noise.markup import claim_emphasis, claim_heading_markers, claim_table_pipes
from ..noise.packs import load_packs
from ..settings import DEFAULT, Settings


def front_matter(layout: Layout, settings: Settings) -> None:
    """YAML front matter of OCR repositories: catalogue fields, harvested."""
    claim_front_matter(layout)


def catalogue_panels(layout: Layout, settings: Settings) -> None:
    """Repositories' catalogue panels at the head of a page (the CIA reading room's fields), harvested."""
    claim_catalogue_panels(layout)


def rule_packs(layout: Layout, settings: Settings) -> None:
    """Stamps, wrappers, redaction markers, page numbers and boilerplate named by the rule packs."""
    apply_packs(layout, load_packs(settings.rules))


def forms(layout: Layout, settings: Settings) -> None:
    """Printed grids of routing slips and record sheets; what was written in them stays text."""
    claim_forms(layout)


def cover_sheets(layout: Layout, settings: Settings) -> None:
    """Pages that catalogue the record (the JFK identification form), harvested."""
    claim_cover_sheets(layout)


def classification_banners(layout: Layout, settings: Settings) -> None:
    """Lines that are only a classification marking (plain, struck, spaced, garbled), and
    banners and page numbers run into the text of a flattened file."""
    claim_banners(layout)
    claim_inline_banners(layout)


def running_lines(layout: Layout, settings: Settings) -> None:
    """Running heads and footers: short lines that recur at page boundaries."""
    claim_running_lines(layout)


def page_breaks(layout: Layout, settings: Settings) -> None:
    """Page breaks inferred from page numbers, footers and banner pairs."""
    infer_page_breaks(layout)


def lone_page_numbers(layout: Layout, settings: Settings) -> None:
    """Numbers alone on a line beside page furniture (the '6' of a split 'Page 1 of 6')."""
    claim_lone_page_numbers(layout)


def stamp_satellites(layout: Layout, settings: Settings) -> None:
    """Review dates and exemption codes written beside a declassification stamp."""
    claim_stamp_satellites(layout)


def catchwords(layout: Layout, settings: Settings) -> None:
    """A page's last words repeated at the head of the next."""
    claim_catchwords(layout)


def markup(layout: Layout, settings: Settings) -> None:
    """Markdown and HTML: heading markers and table pipes dropped, emphasis turned into hi/del."""
    claim_heading_markers(layout)
    claim_table_pipes(layout)
    claim_emphasis(layout)


def line_numbers(layout: Layout, settings: Settings) -> None:
    """Stenographers' line numbers in the margin of transcript pages, kept as lb/@n."""
    claim_line_numbers(layout)


def garbage_lines(layout: Layout, settings: Settings) -> None:
    """Lines of OCR symbol soup that no document wrote."""
    claim_garbage_lines(layout)


def duplicate_pages(layout: Layout, settings: Settings) -> None:
    """A page whose text repeats an earlier page: the same sheet scanned twice."""
    claim_duplicate_pages(layout)


TRANSFORMS: tuple[Callable[[Layout, Settings], None], ...] = (
    front_matter,
    catalogue_panels,
    rule_packs,
    forms,
    cover_sheets,
    classification_banners,
    page_breaks,
    catchwords,
    lone_page_numbers,
    running_lines,
    lone_page_numbers,
    page_breaks,
    stamp_satellites,
    markup,
    line_numbers,
    garbage_lines,
    duplicate_pages,
)


def strip(layout: Layout, settings: Settings = DEFAULT) -> Layout:
    """Return a new layout with the noise claimed and its facts harvested."""
    result = layout.evolve()
    for transform in TRANSFORMS:
        transform(result, settings)
    return result
