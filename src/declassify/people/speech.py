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


def _roles(roles) -> str:
    """Role labels: 'The Chairman' in any case, a one-letter 'Q' or 'A' only in capitals (a sub-paragraph is 'a.')."""
    single = [r for r in roles if len(r) == 1]
    longer = [r for r in roles if len(r) > 1]
    # 'A. O. Schwarz' is a name's initials, not the answer's label.
    return f"(?:(?i:{_alternation(longer)})|(?:{_alternation(single)})(?!\\.\\s*\\p{{Lu}}\\.))"


def _honorific_alternation(words) -> str:
    """Honorifics with their abbreviation's period optional, or read as a comma ('Mr, Dulles')."""
    return "|".join(
        regex.escape(w[:-1]) + r"[.,]?" if w.endswith(".") else regex.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(set(words), key=len, reverse=True)
    ).replace(r"\ ", r"\s+")


_WORDS = regex.compile(r"[a-z]+")
WRITER = "I"  # the subject of a first-person paragraph: the document's writer, whom the caller knows
CLAUSE_WORD_CHARS = 10
# How far into a paragraph its speech verb may stand: a lead-in clause, a subject with titles, a verb.
VERB_REACH = 16 * 10 + 200  # characters a clause's word takes, on average, for the clause's bound
MATCH_TIMEOUT = 0.5


@dataclass(frozen=True, slots=True)
class Patterns:
    reported: regex.Pattern
    label: regex.Pattern
    narration: tuple[regex.Pattern, ...]
    participants_heading: regex.Pattern
    pronouns: frozenset[str]
    bare_qa: regex.Pattern
    first_person: regex.Pattern
    verb_near: frozenset[str]  # the first words of the speech verbs


@cache
def patterns() -> Patterns:
    data = json.loads(data_path("speech.json").read_text(encoding="utf-8"))
    honorifics = data["honorifics"]["words"] + data["honorifics"]["nationality"]
    verbs = data["speech_verbs"]["forms"]
    adverbs = data["speech_verbs"]["adverbs"]
    lead = data["lead_ins"]
    clause_words = lead["max_clause_words"]
    name_token = r"(?:\p{Lu}\.\s?){0,3}\p{Lu}[\p{L}'\u2019-]+"
    # An office written as its abbreviation ('DD/I', 'D/ONE', 'C/WH'): who holds it speaks.
    office = r"\p{Lu}{1,4}(?:/\p{Lu}{1,6}){1,2}(?![\w/])"
    subject = (
        rf"(?:(?i:the)\s+)?(?:(?:{_honorific_alternation(honorifics)})\s+)*"
        rf"(?:{name_token}(?:\s+(?:de|van|von)\s+{name_token}|\s+{name_token}){{0,2}}|{office})"
        # A title alone ('The Director', 'The Attorney General', 'The DCI'): the holder present speaks.
        rf"|(?i:the)\s+(?:(?:{_alternation(honorifics)})(?![\w'])|\p{{Lu}}{{2,5}}(?!\w))"
        rf"|(?i:the)\s+\p{{Ll}}+"
    )
    lead_in = (
        rf"(?:(?:{_alternation(lead['connectives'])})\s*,?\s+"
        # The clause runs to the first punctuation, which must be its comma, read once
        # (atomically): a long paragraph without punctuation is given up at once.
        rf"|(?:{_alternation(lead['clause_openers'])})\b(?>[^.;:!?,]{{0,{clause_words * CLAUSE_WORD_CHARS}}}),\s+)?"
    )
    # A numbered paragraph ('4. The President then raised ...', 'b. Mr. Amory noted ...').
    # A single capital with a period is an initial ('N. S. KHRUSHCHEV'), never a paragraph's letter.
    enumerator = r"(?:(?:\d{1,2}|[a-h]|[IVX]{2,4}|[ivx]{1,4})[.)]\s+)?"
    reported = regex.compile(
        rf"^\W*{enumerator}{lead_in}(?P<subject>{subject})\s+(?:(?:{_alternation(adverbs)})\s+)?(?:{_alternation(verbs)})\b"
    )
    # The writer's own words in a record of a conversation: 'I told the President ...'.
    first_person = regex.compile(
        rf"^\W*{enumerator}{lead_in}(?P<subject>I)\s+(?:(?:{_alternation(adverbs)})\s+)?(?:{_alternation(verbs)})\b"
    )
    label_roles = data["labels"]["roles"]
    # A label ends its paragraph when the answer begins on the next page ('MR. MARCHETTI:' / '25' / ...).
    label = regex.compile(
        rf"^\W*(?P<subject>{_roles(label_roles)}|(?i:{_honorific_alternation(honorifics)})\s*\p{{Lu}}[\p{{L}}'\u2019-]+)\s*[.:](?:\s+|$)"
    )
    # 'Q And Mr. Fitzgerald?' / 'A Yes, ...': question and answer letters whose period OCR dropped,
    # read as labels only in a transcript that has question lines.
    bare_qa = regex.compile(r"^\W{0,2}(?P<subject>[QA])[ \t]+(?=[\p{Lu}\"'])")
    narration = tuple(regex.compile(p) for p in data["narration"]["patterns"])
    headings = [w for h in data["participants"]["headings"] for w in h["words"]]
    participants_heading = regex.compile(rf"^\W*(?i:{_alternation(headings)})\s*:")
    pronouns = frozenset({"he", "she", "they", "it", "this", "that", "we", "i", "you", "there", "one", "both", "each", "all"})
    # Every reported-speech paragraph holds one of the verbs near its start: the patterns are
    # tried only on paragraphs that do (most paragraphs of a memorandum report nobody's words).
    verb_near = frozenset(v.split()[0].lower() for v in verbs)
    return Patterns(reported, label, narration, participants_heading, pronouns, bare_qa, first_person, verb_near)


def speech_in(text: str, *, bare_qa: bool = False) -> Speech | None:
    """The speaker a paragraph opens with, if it opens with one.

    ``bare_qa`` also reads 'Q ...' and 'A ...' without their period as labels
    (for a transcript whose question lines show it is one).
    """
    p = patterns()
    try:
        return _speech_in(p, text, bare_qa)
    except TimeoutError:
        return None  # bounded like every match: a paragraph that defeats the patterns has no speaker


def _speech_in(p: Patterns, text: str, bare_qa: bool) -> Speech | None:
    match = p.label.match(text, timeout=MATCH_TIMEOUT)
    if match:
        return Speech(match.group("subject"), match.start("subject"), match.end("subject"), True)
    if bare_qa:
        match = p.bare_qa.match(text)
        if match:
            return Speech(match.group("subject"), match.start("subject"), match.end("subject"), True)
    if p.verb_near.isdisjoint(_WORDS.findall(text[:VERB_REACH].lower())):
        return None
    match = p.first_person.match(text, timeout=MATCH_TIMEOUT)
    if match:
        return Speech(WRITER, match.start("subject"), match.end("subject"), False)
    match = p.reported.match(text, timeout=MATCH_TIMEOUT)
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
