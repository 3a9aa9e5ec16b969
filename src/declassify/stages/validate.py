"""Stage 8, validate: every TEI file against the project RELAX NG and Schematron.

The bytes that will be written are re-parsed and checked, so what is
validated is exactly what lands on disk.  An invalid file is never written:
the whole source fails with a one-line error naming the item and the rule.
"""

from __future__ import annotations

from ..errors import ValidationFailure
from ..settings import DEFAULT, Settings
from ..validation import validate_bytes
from .encode import Encoded


def validate(encoded: Encoded, settings: Settings = DEFAULT) -> Encoded:
    if not settings.validate:
        return encoded
    for item in encoded.items:
        errors = validate_bytes(item.xml, item.filename)
        if errors:
            more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
            raise ValidationFailure(f"{encoded.source.name}: {item.filename} is invalid: {errors[0]}{more}")
    return encoded
