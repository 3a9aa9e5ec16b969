"""The dev corpus, file by file: what noise must go from the reading text, and what text must stay.

Each entry records a judgement made by reading the file's reading text and
its removals (``declassify clean FILE --explain``).  'gone' strings are
noise of the file's class (stamps, forms, wrappers, furniture); 'kept'
strings are document text that a too-eager rule could take with it.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS
from declassify.pipeline import encode_file
from declassify.reading import reading_text

JUDGEMENTS = {
    "archorg_01.txt": {
        "gone": ["STAT", "Approved For Release", "CIA-RDP80B01676R0", 'r~~ "'],
        "kept": ["3 May 1961", "We are in a cold war.", "Three: Oar diplomacy appears reluctant to risk"],
    },
    "crest_01.txt": {
        "gone": ["Document Type:", "RIPPUB", "Body:", "Approved For", "CIA84A001800070046-1", "identifica- tion"],
        "kept": [
            "MEMORANDUM FOR THE RECORD Morning Meeting of 3 December 1968",
            "identification of Agency affiliation",
            "DD/S advised that we will be talking to the security officer",
        ],
    },
    "crest_02.txt": {
        "gone": [
            "Document Type:",
            "SENDER WILL CHECK CLASSIFICATION",
            "DIRECT REPLY",
            "RECOMMENDATION",
            "CONCURRENCE",
            "FOLD HE",
            "25X1",
            "Approved For Release",
            "OnonnQGnn4Ann",
            # The form's printed title is form matter: the labelled references of every
            # routing slip in the eval set print what was written on it, never its name.
            "OFFICIAL ROUTING SLIP",
        ],
        "kept": [
            "Deputy Director for Support",
            "In principle, I have no trouble",
            "published as an Agency regulatory issuance",
            "L. K. White",
            "This memorandum contains a recommendation for approval",
        ],
    },
    "plusd_01.txt": {
        "gone": ["PAGE 01 MOSCOW", "PAGE 02 MOSCOW", "STADIS", "LIMITED OFFICIAL USE FOR COMMUNICATIONS"],
        "kept": ["FM AMEMBASSY MOSCOW", "SUBJECT: US-USSR COOPERATIVE AGREEMENTS", "PRIMARY CHANNEL FOR COMMUNICATIONS UNDER THE AGREEMENTS"],
    },
    "jfkav_01.txt": {
        "gone": ["agency: ''", "## Page", "2025 RELEASE UNDER", "104-10003-10041", "FORWARDED", "RECEIVED.", "EXTENSION", "SUBJECT: (Optional)", "ROUTING AND RECORD SHEET", "Draw a line across column"],
        "kept": ["26 March 1964", "The attached article, which may bo of interest to you", "Birch O'Neil"],
    },
    "jfkav_02.txt": {
        "gone": ["record_number:", "Identification Form", "RECORD NUMBER", "DocId", "HH 55355", "JEK Act", "Page 2 of", "report- ing"],
        "kept": [
            "INTERVIEW WITH: Mrs. Juanita Moody",
            "PRESENT: Eric Richard, Peter Fenn",
            "Moody began SIGINT work on April 20, 1943",
            'she was "protecting the need to know."',
            "requirements, reporting, and the NSOC",
        ],
    },
    "jfkav_03.txt": {
        "gone": ["JFK ASSASSINATION SYSTEM", "CLASSIFICATION - DISSEMINATION CONTROLS", "NO FOREIGN DISSEM", "EnD OF. MESSAGE", "176-10036-10078"],
        "kept": ["OPPOSITION IN KHANH HOA PROVINCE", "ON 29 AUGUST 1962 BUI BO", "LACKING IN AUTHORITY"],
    },
    "jfkav_04.txt": {
        "gone": ["Identification Form", "SECRET", "EYES ONLY", "SENSITIVE", "680UP", "Excluded trem"],
        "kept": [
            "Extract from paper sent Gen. Lansdale 29 August 62",
            "It was ascertained that this vessel",
            "none of the personnel connected with the vessel are aware",
        ],
    },
    "jfkav_05.txt": {
        "gone": ["ROCKCOM", "DooId", "PHOTOCOPY FROM THE GERALD R. FORD", "FORD LIBPARY", "SECRET"],
        "kept": ["MEMORANDUM FOR THE RECORD OF SPECIAL GROUP MEETING", "General Carter briefed the meeting", "Such dietres: intelligeme rapability."],
    },
    "jfkdoctly_01.txt": {
        "gone": ["IDENTIFICATION FORM", "# SECRET", "Page 2", "-2-", "Converted with", "doctly"],
        "kept": ["MEMORANDUM FOR: The Director of Central Intelligence", "19. Recently, however, the operation has been increasing in tempo."],
    },
    "jfkdoctly_02.txt": {
        "gone": ["2025 RELEASE", "# SECRET", "![", "Converted with"],
        "kept": ["Dear Charles,", "/s/ Richard Helms", "26 NOV 1968", "21 NOV 1968"],
    },
    "jfkdoctly_03.txt": {
        "gone": ["IDENTIFICATION FORM", "TOP SECRET", "| --- |", "2 Mr. Schwarz", "ab- sorb"],
        "kept": ["Senator Tower. Mr. Angleton, I understand", "Mr. Angleton. I do.", "until December, the end of December.", "to absorb the British experience"],
    },
    "jfkmd_01.txt": {
        "gone": ["AGENCY: ARMY", "Docld:32423995", "Released under the John F. Kennedy", "SECRET-NO FOREIGN DISSIM"],
        "kept": ["MEMORANDUM FOR GENERAL KRULAK:", "Room 3e733", "TABLE OF CONTENTS"],
    },
    "jfktess_01.txt": {
        "gone": ["# Document", "```", "Docid: 32205111", "Exempted from automatic downgrading", "~2-", "RECORD NUMBER"],
        "kept": ["MEMORANDUM FOR THE PRESIDENT", "Dean Rusk", "Lopez Mateos wants to be recorded in history"],
    },
    "jfktess_02.txt": {
        "gone": ["14-00000", "2025 RELEASE UNDER"],
        "kept": ["Dear Mr. Tunheim:", "George J. Tenet", "Jim Oliver called"],
    },
    "jfktess_03.txt": {
        "gone": ["RECORD NUMBER", "Identification Form", "DOC. #8", "For The President Only - Top Secret"],
        "kept": ["INTELLIGENCE CHECKLIST", "Election campaigning ended", "The effect in France of the President's death."],
    },
    "jfkvis_01.txt": {
        "gone": ["--- Image", "CIA HAS NO OBJECTION", "No DoD objection", "Reviewed by NSA", "NATIONAL SECURITY COUNCIL", "DocId", "2/23/94"],
        "kept": ["McCone testified that he recalled that activity", "Lansdale traces the history of the project", "PERSONS/ENTITIES:"],
    },
    "talbott_01.txt": {
        "gone": ["U.S. Department of State Case No.", "[Page", "RELEASE IN FULL", "- 2 -"],
        "kept": ["REMARKS BY", "Mr. Secretary, thank you for those kind remarks.", "Thank you all very much."],
    },
    "tpajax_01.txt": {
        "gone": ["SECRET"],
        "kept": ["SUHMARY OF PRELIMINARY PLAN", "present following:"],
    },
}

CASES = [(name, kind, text) for name, judged in JUDGEMENTS.items() for kind in ("gone", "kept") for text in judged[kind]]


def test_every_dev_file_is_judged():
    assert sorted(JUDGEMENTS) == sorted(p.name for p in CORPUS.glob("*.txt"))


_TEXTS: dict[str, str] = {}


def _reading(name: str) -> str:
    if name not in _TEXTS:
        encoded = encode_file(CORPUS / name)
        _TEXTS[name] = " ".join(reading_text(item.root) for item in encoded.items)
    return _TEXTS[name]


@pytest.mark.parametrize("name, kind, text", CASES, ids=[f"{n}-{k}-{i}" for i, (n, k, _) in enumerate(CASES)])
def test_judgement(name, kind, text):
    reading = _reading(name)
    if kind == "gone":
        assert text not in reading
    else:
        assert text in reading


# Text that must stand exactly once: a page the scan holds twice is read once.
ONCE = [
    ("jfkvis_01.txt", "Lansdale traces the history of the project"),
]


@pytest.mark.parametrize("name, text", ONCE)
def test_repeated_page_is_read_once(name, text):
    assert " ".join(_reading(name).split()).count(text) == 1
