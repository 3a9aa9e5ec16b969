"""Who sent a document and to whom: from its heading, salutation, signature, inside address and form fields.

Names are kept as the document gives them. A person becomes a local
``person`` of the item (the people registry may later link it); an office
or organisation ('O/DCI', 'Amembassy PARIS') stays an ``orgName``.
"""

from __future__ import annotations

import regex

from ..document import Correspondence, Item, Person
from ..naming import local_person_id
from .anatomy import Anatomy
from .telegrams import Addressing
from .vocabulary import vocabulary

_SALUTE_NAME = regex.compile(r"(?i)^(?:my\s+)?dear\s+(?P<name>[^:;,\n]+?)\s*[:;,]\s*$")
_HONORIFIC = regex.compile(r"(?i)^(?:the\s+honou?rable|his\s+excellency|her\s+excellency)\s+")
_PERSONAL = regex.compile(r"^(?:[\p{Lu}][\p{L}'\u2019.-]*\s+){0,4}[\p{Lu}][\p{L}'\u2019.-]+$")
_ORG_WORDS = regex.compile(r"(?i)\b(?:department|embassy|amembassy|amconsul|secstate|agency|office|division|staff|bureau|mission|ministry|house|committee|council|board)\b")


def is_person_name(name: str) -> bool:
    """A personal name, not an office, a post or a cable station ('AMCONGEN LENINGRAD')."""
    if vocabulary().acp_station.match(name):
        return False
    return bool(_PERSONAL.match(name)) and not _ORG_WORDS.search(name) and "/" not in name


def add_person(item: Item, name: str, role: str) -> Person:
    """The item's local person named ``name`` (created on first mention), with ``role`` added."""
    xml_id = local_person_id(name)
    for person in item.persons:
        if person.xml_id == xml_id:
            if role not in person.roles:
                person.roles.append(role)
            return person
    person = Person(xml_id=xml_id, name=name, roles=[role])
    item.persons.append(person)
    return person


def add_correspondence(item: Item, kind: str, names: list[str], subtype: str | None = None) -> Correspondence | None:
    """A sending or receiving of the document by ``names`` (persons where they are personal names)."""
    return _action(item, kind, names, subtype)


def _action(item: Item, kind: str, names: list[str], subtype: str | None = None) -> Correspondence | None:
    names = [" ".join(n.split()).strip(" ,.;") for n in names if n and n.strip(" ,.;")]
    if not names:
        return None
    action = Correspondence(kind, subtype=subtype)
    for name in names:
        if is_person_name(name):
            action.persons.append(add_person(item, name, "sender" if kind == "sent" else "recipient").xml_id)
        else:
            action.names.append(name)
    item.corresp.append(action)
    return action


def _addressee_like(line: str) -> bool:
    """An inside address's first line names someone ('The Honorable ...', 'Mr. Smith'), not a signer's title ('Director')."""
    from .addressees import is_name_line, names_with_honorific

    return names_with_honorific(line) or is_name_line(line)


def salute_name(salute: str | None) -> str | None:
    match = _SALUTE_NAME.match(salute or "")
    return match.group("name").strip() if match else None


def letter_correspondents(item: Item, anatomy: Anatomy) -> None:
    senders = [anatomy.signer or anatomy.letterhead or anatomy.heading_from]
    recipients = []
    if anatomy.addressee_lines and _addressee_like(anatomy.addressee_lines[0]):
        recipients.append(_HONORIFIC.sub("", anatomy.addressee_lines[0]))
    elif anatomy.heading_to:
        recipients += regex.split(r"\s+and\s+", anatomy.heading_to)
    elif salute_name(anatomy.salute):
        recipients.append(salute_name(anatomy.salute))
    sent = _action(item, "sent", [n for n in senders if n])
    if sent is not None:
        sent.place = anatomy.place
        sent.date = anatomy.date
    _action(item, "received", recipients)


def memo_correspondents(item: Item, anatomy: Anatomy) -> None:
    for kind, action in (("from", "sent"), ("to", "received")):
        names = [" ".join(f.text.split()) for f in anatomy.fields if f.kind == kind]
        _action(item, action, names)


def telegram_correspondents(item: Item, anatomy: Anatomy, addressing: Addressing, signer: str | None, office: str | None) -> None:
    sender = None
    if office and signer:
        sender = f"{office} ({signer})"
    else:
        sender = signer or office or (addressing.sender[0] if addressing.sender else None) or anatomy.signer or anatomy.heading_from
    sent = _action(item, "sent", [sender] if sender else [])
    if sent is not None:
        sent.date = anatomy.date
        sent.place = anatomy.place
    recipients = addressing.to or ([anatomy.heading_to] if anatomy.heading_to else [])
    if not addressing.to and anatomy.heading_to:
        recipients = regex.split(r"\s+and\s+", anatomy.heading_to)
    _action(item, "received", recipients)
    _action(item, "received", addressing.info, subtype="info")
