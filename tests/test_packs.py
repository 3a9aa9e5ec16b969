"""Rule packs: valid against their schema, every rule proven on its own examples."""

from __future__ import annotations

import json

import jsonschema
import pytest
import regex

from declassify.noise.packs import RulePackError, builtin_pack_paths, load_pack, load_packs
from declassify.resources import schema_path

RULES = [(pack.name, rule) for pack in load_packs() for rule in pack.rules]


def matches(rule, text: str):
    if rule.kind == "line":
        stripped = text.strip()
        return rule.pattern.fullmatch(stripped)
    return rule.pattern.search(text)


@pytest.mark.parametrize("pack, rule", RULES, ids=[r.id for _, r in RULES])
def test_rule_matches_its_examples(pack, rule):
    for example in rule.examples:
        assert matches(rule, example), f"{rule.id} does not match its example {example!r}"
        if rule.hint is not None:
            assert rule.hint.search(example), f"{rule.id}: hint would filter out {example!r}"


@pytest.mark.parametrize("pack, rule", RULES, ids=[r.id for _, r in RULES])
def test_rule_rejects_its_counterexamples(pack, rule):
    for counter in rule.counterexamples:
        assert not matches(rule, counter), f"{rule.id} matches its counterexample {counter!r}"


FUZZY_CONSTRAINT = regex.compile(r"\{[^{}]*[eisd]\s*<=?\s*\d[^{}]*\}")


@pytest.mark.parametrize("pack, rule", [(p, r) for p, r in RULES if r.kind == "block"], ids=lambda v: getattr(v, "id", v))
def test_block_rules_keep_fuzzy_errors_within_a_line(pack, rule):
    """A fuzzy group of a multi-line pattern may not take a line break as an error.

    Otherwise a garbled stamp's lines can be re-read in combinatorially many
    ways whenever a later line fails: one rule spent 20 s on one page.  A
    constraint ``{e<=N:[^\\n]}`` keeps each error on its line.
    """
    for constraint in FUZZY_CONSTRAINT.findall(rule.pattern.pattern):
        assert constraint.endswith(":[^\\n]}"), f"{rule.id}: {constraint} lets errors cross lines"


def test_every_builtin_pack_is_schema_valid():
    import tomllib

    schema = json.loads(schema_path("rules.schema.json").read_text())
    for path in builtin_pack_paths():
        jsonschema.validate(tomllib.loads(path.read_text()), schema)


def test_rule_ids_are_unique_across_packs():
    ids = [rule.id for _, rule in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "content, message",
    [
        ("pack = 'x'\n", "invalid rule pack"),
        (
            "pack = 'bad'\ndescription = 'a pack with a broken pattern'\n[[rules]]\nid = 'bad.one'\nkind = 'line'\n"
            "pattern = '(unclosed'\naction = { element = 'drop' }\njustification = 'exists only to be broken here'\nexamples = ['x']\n",
            "bad pattern",
        ),
        ("not toml at all [[[", "not a valid rule pack file"),
        (
            "pack = 'bad'\ndescription = 'an identifier naming a unit but scoped to an item'\n[[rules]]\nid = 'bad.unit'\nkind = 'line'\n"
            "pattern = 'REF (?P<n>\\d+)'\naction = { element = 'drop' }\njustification = 'exists only to be broken here'\nexamples = ['REF 1']\n"
            "harvest = [{ fact = 'idno', group = 'n', unit = true }]\n",
            "must have scope",
        ),
    ],
)
def test_broken_packs_give_one_line_errors(tmp_path, content, message):
    path = tmp_path / "pack.toml"
    path.write_text(content)
    with pytest.raises(RulePackError) as err:
        load_pack(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_user_pack_is_applied(tmp_path):
    from declassify.pipeline import encode_bytes
    from declassify.reading import reading_text
    from declassify.settings import Settings

    pack = tmp_path / "local.toml"
    pack.write_text(
        "pack = 'local'\ndescription = 'a collection stamps RECEIVED IN REGISTRY on each page'\n"
        "[[rules]]\nid = 'local.registry'\nkind = 'line'\npattern = 'RECEIVED IN REGISTRY'\n"
        "action = { element = 'fw', fw_type = 'stamp', stamp_type = 'received' }\n"
        "justification = 'Every page of this collection carries the stamp.'\nexamples = ['RECEIVED IN REGISTRY']\n"
    )
    data = b"RECEIVED IN REGISTRY\n\nThe meeting began at noon.\n"
    plain = encode_bytes(data, "r.txt")
    with_pack = encode_bytes(data, "r.txt", Settings(rules=(str(pack),)))
    assert "RECEIVED IN REGISTRY" in reading_text(plain.items[0].root)
    assert "RECEIVED IN REGISTRY" not in reading_text(with_pack.items[0].root)
    assert any(s["rule"] == "local.registry" for s in with_pack.ledger["spans"])
