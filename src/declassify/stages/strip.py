"""Stage 3, strip: claim the noise, harvest what it tells.

The transforms run in the order of ``TRANSFORMS``; each claims only free
text, so an earlier one wins a dispute.  Rule packs (data) come first, then
the structure-aware detectors that need to see what the packs left.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Layout
from ..noise.banners import claim_banners
from ..noise.engine import apply_packs
from ..noise.markup import claim_emphasis
from ..noise.packs import load_packs
from ..settings import DEFAULT, Settings


def apply_rule_packs(layout: Layout, settings: Settings) -> None:
    """Stamps, wrappers, redaction markers and boilerplate named by the rule packs."""
    apply_packs(layout, load_packs(settings.rules))


def classification_banners(layout: Layout, settings: Settings) -> None:
    """Lines that are only a classification marking (plain, struck, spaced, garbled)."""
    claim_banners(layout)


def markup_emphasis(layout: Layout, settings: Settings) -> None:
    """Markdown and HTML emphasis markers, turned into hi/del annotations."""
    claim_emphasis(layout)


TRANSFORMS: tuple[Callable[[Layout, Settings], None], ...] = (
    apply_rule_packs,
    classification_banners,
    markup_emphasis,
)


def strip(layout: Layout, settings: Settings = DEFAULT) -> Layout:
    """Return a new layout with the noise claimed and its facts harvested."""
    result = layout.evolve()
    for transform in TRANSFORMS:
        transform(result, settings)
    return result
