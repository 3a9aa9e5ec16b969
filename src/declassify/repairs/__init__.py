"""Repairs: mending what page breaks, captions and OCR did to the text, each with its own rule."""
