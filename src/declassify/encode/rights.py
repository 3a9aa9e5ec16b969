"""Which licence a document's text carries: decided per source, never a blanket CC0.

Records created by US federal agencies are not subject to copyright (17
U.S.C. 105).  What someone else wrote around them (a magazine's
introduction, an archive's translation) is theirs; the facts harvested from
the file say when that is the case.
"""

from __future__ import annotations

from ..document import Item

US_GOVERNMENT = (
    "A work of the United States Government, not subject to copyright in the United States "
    "(17 U.S.C. 105); the transcription adds no rights."
)


def licence_for(item: Item) -> tuple[str, str]:
    """(availability status, licence text) for ``item``."""
    rights = [f for f in item.facts if f.name == "rights"]
    if rights:
        return "restricted", rights[0].value
    if item.doctype == "editorial":
        return "unknown", (
            "Editorial matter of the publication that reprinted these documents; "
            "rights rest with its publisher, not with the US Government."
        )
    return "free", US_GOVERNMENT
