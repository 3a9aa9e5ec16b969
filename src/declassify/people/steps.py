"""Analysis steps for people: participants, persons resolved in the registry, speaker turns.

``participants`` reads the participant and distribution lists the anatomy
built and the statements of who attended or recorded; ``speakers`` wraps the
paragraphs of conversations, minutes and transcripts in turns; ``link_persons``
resolves every person and every ``persName`` the item holds against the
registry. Each works on the item's nodes as analysis left them.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache

import regex

from ..document import Item, Node, Person
from ..model import Anno, Layout
from ..naming import local_person_id
from ..resources import data_path
from ..settings import Settings
from ..structure.freetext import FreeText
from .matching import ocr_budget, ocr_distance, resolve, strip_honorifics
from .registry import Entry, fold, load_registry
from .speech import WRITER, is_narration, is_participants_statement, speech_in

RULE = "people.speech"
STATEMENT_HEAD = 200  # characters of a paragraph in which a participants statement's heading stands
TURN_TYPES = ("memorandum-of-conversation", "minutes", "transcript")
_NAME_IN_TEXT = regex.compile(r"(?:\p{Lu}\.\s?){1,3}\p{Lu}[\p{L}'\u2019-]+|\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+){0,2}")


@cache
def _speech_data() -> dict:
    return json.loads(data_path("speech.json").read_text(encoding="utf-8"))


def _sides() -> dict[str, str]:
    return _speech_data()["sides"]["markers"]


def _office_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _speech_data()["office_words"]["words"])


def _heading_role(text: str) -> str | None:
    folded = fold(text)
    for heading in _speech_data()["participants"]["headings"]:
        for words in heading["words"]:
            if folded.startswith(fold(words)):
                return heading["role"]
    return None


def _role_cues() -> dict[str, str]:
    return _speech_data()["participants"]["cues"]


class People:
    """The persons of one item, keyed by registry key or by the name as written."""

    def __init__(self, item: Item, settings: Settings):
        self.item = item
        self.registry = load_registry(tuple(settings.people))
        self.when = item.date.when if item.date else None

    def present(self) -> frozenset[str]:
        return frozenset(p.ref for p in self.item.persons if p.ref)

    def person(self, name: str, role: str | None, side: str | None = None, *, create: bool = True, title_ok: bool = False) -> Person | None:
        """The item's person for ``name`` (resolved in the registry, else local), with ``role`` added.

        With ``create=False`` an unresolved name that is not already a person of the item gives None.
        With ``title_ok`` a title or office alone ('The Director', 'DD/I') that the registry cannot
        resolve is still a person of this document: the one who held it there (a speaker of a meeting).
        """
        name = " ".join(name.split()).strip(" ,;:()")
        entry = resolve(self.registry, name, self.when, self.present())
        titled = entry is None and title_ok and _is_title(name)
        if entry is None and not titled and not strip_honorifics(fold(name) + " ").strip():
            return None  # 'Mrs.' alone, or an office nobody certainly held, names nobody
        person = self._find(entry, name)
        if person is None:
            if entry is None and not titled and (not create or not looks_personal(name)):
                return None
            person = Person(
                xml_id=f"per-{entry.key}" if entry else local_person_id(name),
                name=entry.name if entry else name,
                ref=entry.key if entry else None,
                side=side or (entry.side if entry else None),
            )
            self.item.persons.append(person)
        if side and not person.side:
            person.side = side
        if role and role not in person.roles:
            person.roles.append(role)
        if name != person.name and name not in person.forms:
            person.forms.append(name)
        return person

    def _find(self, entry: Entry | None, name: str) -> Person | None:
        for person in self.item.persons:
            if entry is not None and person.ref == entry.key:
                return person
            if entry is None and person.ref is None and (fold(person.name) == fold(name) or person.xml_id == local_person_id(name)):
                # Spellings that differ only in what an id drops ("Dr. Baker'", "Dr. Baker") are one person.
                return person
        if entry is None:
            # The OCR spellings of one person in one document ('MR. MARCHETI', 'MR. MARCHETTI') are one person.
            surname = _surname(name)
            if len(surname) >= MIN_VARIANT_SURNAME:
                budget = ocr_budget(len(surname))
                for person in self.item.persons:
                    other = _surname(person.name)
                    if person.ref is None and other and other != surname and _same_title(person.name, name) and ocr_distance(surname, other, budget) <= budget:
                        return person
        return None


MIN_VARIANT_SURNAME = 5


def _surname(name: str) -> str:
    words = strip_honorifics(fold(name) + " ").split()
    return words[-1] if words else ""


def _same_title(a: str, b: str) -> bool:
    """Two spellings with the same first names or none ('MR. X' and 'MR. Y'), not two people sharing a surname."""
    first_a = strip_honorifics(fold(a) + " ").split()[:-1]
    first_b = strip_honorifics(fold(b) + " ").split()[:-1]
    return not first_a or not first_b or first_a[0][:1] == first_b[0][:1]


_OFFICE_ABBREVIATION = regex.compile(r"\p{Lu}{1,4}(?:/\p{Lu}{1,6}){1,2}")


def _is_title(name: str) -> bool:
    """A title or office standing for its holder: 'The Director', 'the Attorney General', 'The DCI', 'DD/I'."""
    if _OFFICE_ABBREVIATION.fullmatch(name):
        return True
    folded = fold(name)
    if not folded.startswith("the "):
        return False
    rest = folded[4:].strip()
    return bool(rest) and (not strip_honorifics(folded + " ").strip() or (name[4:].isupper() and 2 <= len(rest) <= 5))


def looks_personal(name: str) -> bool:
    """A name as a person's name is written: capitalised words or initials, no office or article among them."""
    words = [w.strip(",.()") for w in name.split() if w.strip(",.()")]
    office = _office_words() | {a.lower() for a in _speech_data()["office_words"]["articles"]}
    particles = {p.lower() for p in _speech_data()["name_particles"]}
    if not words or len(words) > 5:
        return False
    return all((w[:1].isupper() or w.lower() in particles) and w.lower() not in office for w in words)


def _text(layout: Layout, node: Node) -> FreeText:
    return FreeText(layout, node.start, node.end)


def link_persons(layout: Layout, item: Item, draft, settings: Settings) -> None:
    """Persons the structure step named (senders, recipients) resolved in the registry; persName marks given @ref."""
    people = People(item, settings)
    local = list(item.persons)
    item.persons.clear()
    renamed: dict[str, str] = {}
    for old in local:
        person = people.person(old.name, None, old.side)
        if person is None:
            item.persons.append(old)
            continue
        for role in old.roles:
            if role not in person.roles:
                person.roles.append(role)
        renamed[old.xml_id] = person.xml_id
    for action in item.corresp:
        action.persons = [renamed.get(pid, pid) for pid in action.persons]
    annos = []
    for anno in item.annos:
        if anno.tag == "persName" and not dict(anno.attrs).get("ref"):
            person = people.person(layout.free_text(anno.start, anno.end), None, create=False)
            if person is not None:
                anno = Anno(anno.start, anno.end, anno.tag, anno.rule, (("ref", f"#{person.xml_id}"),))
        annos.append(anno)
    item.annos = annos


def participants(layout: Layout, item: Item, draft, settings: Settings) -> None:
    """Participant and distribution lists, and statements of who attended or recorded."""
    people = People(item, settings)
    sides = _sides()
    for node in _walk(item.body):
        if node.tag == "list" and node.attrs.get("type") in ("participants", "distribution"):
            _read_list(layout, item, people, node, sides)
        elif node.tag == "p" and node.is_leaf:
            if layout.text.find(":", node.start, node.end) < 0:
                continue  # every statement's heading ends with a colon: most paragraphs have none
            # The statement opens its paragraph: its first characters tell.
            if not is_participants_statement(FreeText(layout, node.start, min(node.end, node.start + STATEMENT_HEAD)).text):
                continue
            text = _text(layout, node).text
            if is_participants_statement(text):
                _read_statement(layout, item, people, node, text)


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        if node.tag not in ("floatingText",):
            yield from _walk(node.children)


def _read_list(layout: Layout, item: Item, people: People, node: Node, sides: dict[str, str]) -> None:
    kind = node.attrs.get("type")
    side = None
    role = "participant" if kind == "participants" else "copy-recipient"
    for child in node.children:
        text = " ".join(_text(layout, child).text.split())
        if child.tag == "head":
            side = sides.get(text.strip(" :"), side)
            role = _heading_role(text) or role
            continue
        if child.tag != "item" or not text:
            continue
        name = text.split(" - ")[-1].split(",")[0].strip()
        after = text[text.find(name) + len(name) :].lower() if name in text else ""
        # A role is read from what follows the name ('Mr. Sukhodrev, Interpreter'), never from the name itself.
        cue = next((r for word, r in _role_cues().items() if regex.search(rf"\b{regex.escape(word)}\b", after)), None)
        if text.strip("() ").lower() in _role_cues():
            # '(Interpreting)' on a line of its own qualifies the person above it.
            cue = _role_cues()[text.strip("() ").lower()]
            if item.persons:
                last = item.persons[-1]
                if cue not in last.roles:
                    last.roles.append(cue)
            continue
        # 'Eric Richard, Peter Fenn' names two people; 'Mr. Dobrynin, Chief, American' one and an office.
        names = [part.strip() for part in regex.split(r",|\s+and\s+", text.split(" - ")[-1]) if part.strip()]
        names = [n for n in names if n == name or (len(n.split()) >= 2 and looks_personal(n) and n not in _sides())]
        for each in names:
            person = people.person(each, role, side if kind == "participants" else None)
            if person is None:
                continue
            if cue and each == name and cue not in person.roles:
                person.roles.append(cue)
            ft = _text(layout, child)
            at = ft.text.find(each)
            if at >= 0:
                start, end = ft.raw_span(at, at + len(each))
                item.annos.append(Anno(start, end, "persName", RULE, (("ref", f"#{person.xml_id}"),)))


def _read_statement(layout: Layout, item: Item, people: People, node: Node, text: str) -> None:
    role = _heading_role(text) or "present"
    colon = text.find(":")
    ft = _text(layout, node)
    for match in _NAME_IN_TEXT.finditer(text, colon + 1):
        name = match.group()
        entry = resolve(people.registry, name, people.when, people.present())
        if entry is None:
            continue
        person = people.person(name, role)
        start, end = ft.raw_span(match.start(), match.end())
        item.annos.append(Anno(start, end, "persName", RULE, (("ref", f"#{person.xml_id}"),)))


def _is_heading(text: str) -> bool:
    """A short line in capitals between turns ('TESTIMONY OF JAMES ANGLETON'): a heading, nobody's words."""
    words = text.split()
    return text.isupper() and len(words) <= _speech_data()["narration"]["heading_max_words"]


_SENTENCE_START = regex.compile(r"(?:^|(?<=[.!?][\"'\u201d)]?\s))(?=\p{Lu})")
REPORTED_ROLES = ("interviewee", "witness")


def _reported_of(item: Item, people: People, text: str):
    """In an interview summary, the interviewee's reported speech anywhere in the paragraph ('... Moody stated that').

    Only a person the document lists as interviewee or witness is taken this
    way: the summary's narrator reports that one person's words.
    """
    reported = {p.xml_id for p in item.persons if set(p.roles) & set(REPORTED_ROLES)}
    if not reported:
        return None
    for start in _SENTENCE_START.finditer(text):
        speech = speech_in(text[start.start() :])
        if speech is None or speech.label:
            continue
        person = people.person(speech.subject, None, create=False)
        if person is not None and person.xml_id in reported:
            return type(speech)(speech.subject, speech.start + start.start(), speech.end + start.start(), False)
    return None


# Types that may record a meeting in reported speech ('DD/I noted that ...', 'Mr. Johnson reported ...'):
# their paragraphs are read as turns when at least this many turns are found, else left alone.
MEETING_TYPES = ("memorandum", "report")
MEETING_MIN_TURNS = 2
VERB_HEAD = 400  # characters of a paragraph that tell whether it opens with speech
_QUESTION_LINE = regex.compile(r"(?m)^[ \t]*Q[.:]?[ \t]+[\p{Lu}\"']")
QUESTION_LINES = 3


def speakers(layout: Layout, item: Item, draft, settings: Settings) -> None:
    """Paragraphs of conversations, minutes and transcripts grouped in turns (``sp who``).

    A memorandum or report that records a meeting gets turns too, where two
    paragraphs or more open with a speaker; else it is left as it was.
    """
    if item.doctype not in TURN_TYPES + MEETING_TYPES:
        return
    tentative = item.doctype in MEETING_TYPES
    if tentative and not _may_record_a_meeting(layout, item):
        return
    saved = (list(item.persons), [replace_person(p) for p in item.persons], list(item.annos))
    bare_qa = item.doctype == "transcript" and len(_QUESTION_LINE.findall(layout.free_text(item.start, item.end))) >= QUESTION_LINES
    people = People(item, settings)
    result: list[Node] = []
    turn: Node | None = None
    turns = 0
    for node in item.body:
        if node.tag != "p" or not node.is_leaf:
            turn = None
            result.append(node)
            continue
        ft = _text(layout, node)
        text = ft.text.lstrip()
        lead = len(ft.text) - len(text)
        if is_narration(text) or is_participants_statement(text) or _is_heading(text):
            turn = None
            result.append(node)
            continue
        speech = speech_in(text, bare_qa=bare_qa)
        if speech is None:
            speech = _reported_of(item, people, text)
        if speech is not None and speech.subject == WRITER:
            person = _writer(item)  # 'I told the President ...': the memorandum's writer
            if person is not None and "speaker" not in person.roles:
                person.roles.append("speaker")
        else:
            person = people.person(speech.subject, "speaker", title_ok=True) if speech else None
        if person is None:
            if turn is not None:
                turn.children.append(node)
            else:
                result.append(node)
            continue
        turns += 1
        start, end = ft.raw_span(lead + speech.start, lead + speech.end)
        ref = (("ref", f"#{person.xml_id}"),)
        who = f"#{person.xml_id}"
        # A label opens a turn even for the same speaker: TEI allows one speaker per sp, first,
        # and a transcript that names him twice running means two turns (a question, then another).
        if turn is None or turn.attrs.get("who") != who or speech.label:
            turn = Node("sp", attrs={"who": who})
            result.append(turn)
        if speech.label:
            rest = ft.raw_start(lead + speech.end)
            label_end = rest
            while label_end < node.end and layout.text[label_end] in ".: \t":
                label_end += 1
            turn.children.append(Node("speaker", node.start, label_end))
            # A turn holds a paragraph even when the label stands alone on its line.
            turn.children.append(Node("p", label_end, node.end) if label_end < node.end else Node("p", label_end, label_end))
        else:
            item.annos.append(Anno(start, end, "persName", RULE, ref))
            turn.children.append(node)
    if tentative and turns < MEETING_MIN_TURNS:
        # Not a meeting's record: the persons and marks this reading made are undone.
        persons, copies, annos = saved
        item.persons[:] = copies
        item.annos[:] = annos
        return
    item.body = result


def _may_record_a_meeting(layout: Layout, item: Item) -> bool:
    """At least two paragraphs open with speech (before any name is resolved: the cheap test first)."""
    found = 0
    for node in item.body:
        if node.tag == "p" and node.is_leaf:
            # The raw head, not its reading text: a claim inside a paragraph's first words is rare
            # in a memorandum, and the full reading below decides whatever this test lets through.
            head = layout.text[node.start : min(node.end, node.start + VERB_HEAD)].lstrip()
            if speech_in(head) is not None:
                found += 1
                if found >= MEETING_MIN_TURNS:
                    return True
    return False


def _writer(item: Item) -> Person | None:
    """The person who wrote the document: its one sender, where it is a person."""
    senders = [pid for action in item.corresp if action.type == "sent" for pid in action.persons]
    if len(set(senders)) != 1:
        return None
    return next((p for p in item.persons if p.xml_id == senders[0]), None)


def replace_person(person: Person) -> Person:
    return dataclasses.replace(person, roles=list(person.roles), forms=list(person.forms))
