"""declassify: raw OCR of declassified records to clean, validated TEI P5."""

__version__ = "0.1.0"
