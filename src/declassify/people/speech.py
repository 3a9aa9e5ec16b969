"""Who speaks in a paragraph: reported speech, labels in capitals, transcript labels.

Three patterns, each a compiled expression built from ``data/speech.json``:

- reported speech: '[lead-in] SUBJECT [adverb] VERB ...' ('The President said',
  'After greeting each other, Thompson says', 'Further, the Ambassador thanks');
- the same with the subject in capitals inside the sentence ('N. S. KHRUSHCHEV
  answers affirmatively') — the same pattern, case-blind;
- a label that stands apart ('MR. SMITH:', 'Q.', 'THE CHAIRMAN.').

A paragraph that matches none continues the turn before it; narration
('At this point the group moved ...') and participant statements ('The
conversation was recorded by: ...') stand outside any turn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import regex

from ..resources import data_path


@dataclass(frozen=True, slots=True)
class Speech:
    subject: str
    start: int  # offsets of the subject in the paragraph's text
    end: int
    label: bool  # a label standing apart (rendered as <speaker>)


def _alternation(words) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Patterns:
    reported: regex.Pattern
    label: regex.Pattern
    narration: tuple[regex.Pattern, ...]
    participants_heading: regex.Pattern
    pronouns: frozenset[str]


@cache
def patterns() -> Patterns:
    data = json.loads(data_path("speech.json").read_text(encoding="utf-8"))
    honorifics = data["honorifics"]["words"] + data["honorifics"]["nationality"]
    verbs = data["speech_verbs"]["forms"]
    adverbs = data["speech_verbs"]["adverbs"]
    lead = data["lead_ins"]
    clause_words = lead["max_clause_words"]
    name_token = r"(?:\p{Lu}\.\s?){0,3}\p{Lu}[\p{L}'\u2019-]+"
    subject = (
        rf"(?:(?i:the)\s+)?(?:(?:{_alternation(honorifics)})\s+)*"
        rf"(?:{name_token}(?:\s+(?:de|van|von)\s+{name_token}|\s+{name_token}){{0,2}}|(?i:the)\s+\p{{Ll}}+)"
    )
    lead_in = (
        rf"(?:(?:{_alternation(lead['connectives'])})\s*,?\s+"
        rf"|(?:{_alternation(lead['clause_openers'])})\b(?:[^.;:!?,]+?\s){{0,{clause_words}}}[^.;:!?,]*,\s+)?"
    )
    reported = regex.compile(
        rf"^\W*{lead_in}(?P<subject>{subject})\s+(?:(?:{_alternation(adverbs)})\s+)?(?:{_alternation(verbs)})\b"
    )
    label_roles = data["labels"]["roles"]
    label = regex.compile(
        rf"^\W*(?P<subject>(?i:{_alternation(label_roles)})|(?i:{_alternation(honorifics)})\s*\p{{Lu}}[\p{{L}}'\u2019-]+)\s*[.:]\s+"
    )
    narration = tuple(regex.compile(p) for p in data["narration"]["patterns"])
    headings = [w for h in data["participants"]["headings"] for w in h["words"]]
    participants_heading = regex.compile(rf"^\W*(?i:{_alternation(headings)})\s*:")
    pronouns = frozenset({"he", "she", "they", "it", "this", "that", "we", "i", "you", "there", "one", "both", "each", "all"})
    return Patterns(reported, label, narration, participants_heading, pronouns)


def speech_in(text: str) -> Speech | None:
    """The speaker a paragraph opens with, if it opens with one."""
    p = patterns()
    match = p.label.match(text)
    if match:
        return Speech(match.group("subject"), match.start("subject"), match.end("subject"), True)
    match = p.reported.match(text)
    if match:
        subject = match.group("subject")
        if subject.split()[-1].lower() in p.pronouns or subject.lower().startswith(("the ", "the\n")) and len(subject.split()) == 1:
            return None
        return Speech(subject, match.start("subject"), match.end("subject"), False)
    return None


def is_narration(text: str) -> bool:
    p = patterns()
    return any(pattern.search(text) for pattern in p.narration)


def is_participants_statement(text: str) -> bool:
    """'In attendance were: ...', 'The conversation was recorded by: ...': who was there, not what was said."""
    return bool(patterns().participants_heading.match(text))
