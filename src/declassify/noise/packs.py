"""Noise rule packs: load, validate against schemas/rules.schema.json, compile.

A pack is a TOML (or JSON) file of rules.  Built-in packs live in
``declassify/rules/``; users add their own with ``--rules PACK``.  Every
pattern is compiled once per process with the ``regex`` module, so packs may
use its fuzzy matching (``(?:Approved For Release){e<=3}``) to survive OCR
garbles.  A broken pack is refused with a one-line error naming the pack and
the rule.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import regex

from ..errors import DeclassifyError
from ..resources import rules_dir, schema_path

FLAG_VALUES = {
    "IGNORECASE": regex.IGNORECASE,
    "VERBOSE": regex.VERBOSE,
    "MULTILINE": regex.MULTILINE,
    "DOTALL": regex.DOTALL,
    "BESTMATCH": regex.BESTMATCH,
}


class RulePackError(DeclassifyError):
    """A rule pack is unreadable, invalid against its schema, or has a bad pattern."""


@dataclass(frozen=True, slots=True)
class Action:
    element: str
    fw_type: str | None = None
    stamp_type: str | None = None
    place: str | None = None
    reason: str | None = None
    page: str | None = None  # start | end: the match opens or closes a page


@dataclass(frozen=True, slots=True)
class Harvest:
    fact: str
    group: str | None = None
    value: str | None = None
    normalise: str = "text"
    scope: str = "item"
    attrs: tuple[tuple[str, str], ...] = ()
    unit: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    pack: str
    kind: str
    pattern: regex.Pattern
    action: Action
    harvest: tuple[Harvest, ...]
    justification: str
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    hint: regex.Pattern | None = None
    where: str = "anywhere"
    max_length: int | None = None
    reach: int | None = None  # block rules: from the hint, in characters (None: the engine's default)


@dataclass(frozen=True, slots=True)
class RulePack:
    name: str
    path: str
    description: str
    rules: tuple[Rule, ...]

    def of_kind(self, kind: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.kind == kind)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path("rules.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RulePackError(f"{path}: cannot read rule pack: {err.strerror or err}") from None
    try:
        if path.suffix == ".json":
            return json.loads(raw.decode("utf-8"))
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as err:
        raise RulePackError(f"{path}: not a valid rule pack file: {err}") from None


def load_pack(path: Path | str) -> RulePack:
    """Read, validate and compile one rule pack."""
    path = Path(path)
    data = _read(path)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise RulePackError(f"{path}: invalid rule pack at {where}: {first.message}")
    rules = []
    seen: set[str] = set()
    for entry in data["rules"]:
        if entry["id"] in seen:
            raise RulePackError(f"{path}: rule {entry['id']} is defined twice")
        seen.add(entry["id"])
        rules.append(_compile_rule(entry, data["pack"], path))
    return RulePack(data["pack"], str(path), data["description"], tuple(rules))


def _compile_rule(entry: dict, pack: str, path: Path) -> Rule:
    flags = 0
    for name in entry.get("flags", ()):
        flags |= FLAG_VALUES[name]
    if entry["kind"] == "block":
        flags |= regex.MULTILINE
    try:
        pattern = regex.compile(entry["pattern"], flags)
        hint = regex.compile(entry["hint"], regex.IGNORECASE) if "hint" in entry else None
    except regex.error as err:
        raise RulePackError(f"{path}: rule {entry['id']}: bad pattern: {err}") from None
    harvest = []
    for spec in entry.get("harvest", ()):
        group = spec.get("group")
        if group is not None and group not in pattern.groupindex:
            raise RulePackError(f"{path}: rule {entry['id']}: harvest names unknown group {group!r}")
        if spec.get("unit") and spec.get("scope") != "file":
            raise RulePackError(f"{path}: rule {entry['id']}: a fact naming the unit (unit = true) must have scope = \"file\"")
        for group_name in regex.findall(r"\{(\w+)\}", spec.get("value", "")):
            if group_name not in pattern.groupindex:
                raise RulePackError(f"{path}: rule {entry['id']}: value names unknown group {{{group_name}}}")
        for value in spec.get("attrs", {}).values():
            if value.startswith("{") and value.endswith("}") and value[1:-1].partition("|")[0] not in pattern.groupindex:
                raise RulePackError(f"{path}: rule {entry['id']}: attribute names unknown group {value}")
        harvest.append(
            Harvest(
                fact=spec["fact"],
                group=group,
                value=spec.get("value"),
                normalise=spec.get("normalise", "text"),
                scope=spec.get("scope", "item"),
                attrs=tuple(sorted(spec.get("attrs", {}).items())),
                unit=spec.get("unit", False),
            )
        )
    action = entry["action"]
    return Rule(
        id=entry["id"],
        pack=pack,
        kind=entry["kind"],
        pattern=pattern,
        action=Action(
            element=action["element"],
            fw_type=action.get("fw_type"),
            stamp_type=action.get("stamp_type"),
            place=action.get("place"),
            reason=action.get("reason"),
            page=action.get("page"),
        ),
        harvest=tuple(harvest),
        justification=entry["justification"],
        examples=tuple(entry["examples"]),
        counterexamples=tuple(entry.get("counterexamples", ())),
        hint=hint,
        where=entry.get("where", "anywhere"),
        max_length=entry.get("max_length"),
        reach=entry.get("reach"),
    )


def builtin_pack_paths() -> tuple[Path, ...]:
    return tuple(sorted(p for p in rules_dir().iterdir() if p.suffix in (".toml", ".json")))


@cache
def load_packs(extra: tuple[str, ...] = ()) -> tuple[RulePack, ...]:
    """The built-in packs in name order, then the user's packs in the order given.

    Cached per process: a worker compiles each pattern once, not per file.
    """
    packs = [load_pack(path) for path in builtin_pack_paths()]
    packs.extend(load_pack(path) for path in extra)
    names = [p.name for p in packs]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise RulePackError(f"rule pack name used twice: {', '.join(sorted(duplicates))}")
    return tuple(packs)
