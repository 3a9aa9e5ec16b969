"""The parts that read documents nobody tuned for: catalogue panels, identification forms,
weighed type cues, document dates, heading parties, paragraphs of line-per-line OCR.

Each is a table of invented inputs in the shapes the classes of documents take (no dev-set
text): what goes in, and what the stage must make of it.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from declassify.pipeline import encode_bytes, run
from declassify.resources import data_path, schema_path
from declassify.stages.read import decode
from declassify.structure.typing import Evidence, cue_table, weigh

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _layout(text: str, until: str = "strip"):
    return run(decode(text.encode("utf-8"), "t.txt"), start="normalise", until=until)


def _item(text: str, k: int = 0):
    return encode_bytes(text.encode("utf-8"), "t.txt").items[k]


@pytest.mark.parametrize("name", ["catalogue", "doctype_cues", "record_fields"])
def test_data_files_are_schema_valid(name):
    data = json.loads(data_path(f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path(f"{name}.schema.json").read_text(encoding="utf-8")))


# -- catalogue panels ------------------------------------------------------------------------

PANEL_LINES = (
    "NOTES ON A MEETING\n"
    "Document Type:\n"
    "Collection:\n"
    "Document Number (FOIA) /ESDN (CREST):\n"
    "CIA-RDP70B00001R000100010001-1\n"
    "Release Decision:\n"
    "RIPPUB\n"
    "Original Classification:\n"
    "S\n"
    "Document Page Count:\n"
    "3\n"
    "Document Creation Date:\n"
    "December 1, 2016\n"
    "Document Release Date:\n"
    "June 2, 2005\n"
    "Publication Date:\n"
    "March 4, 1965\n"
    "Content Type:\n"
    "MEMO\n"
    "Body:\n"
)
BODY = "4 March 1965\n\nMEMORANDUM FOR THE RECORD\n\nSUBJECT: A meeting\n\n1. The meeting was held at noon and lasted for an hour and a half.\n"


@pytest.mark.parametrize(
    "panel",
    [
        PANEL_LINES,
        PANEL_LINES.replace(":\n", ":\u00a0\n"),  # flattened renderings end each label with a no-break space
        " ".join(PANEL_LINES.split("\n")) + "\n",  # the whole panel run into one line
    ],
    ids=["line-preserving", "no-break-spaces", "one-line"],
)
def test_reading_room_panel_is_header_and_harvested(panel):
    layout = _layout(panel + BODY)
    claimed = [m for m in layout.tiling if m.rule == "catalogue.reading-room"]
    assert claimed, "the panel is claimed"
    assert layout.text.index("4 March 1965") >= max(m.end for m in claimed)
    fields = {f.attr("field") or f.name: f for f in layout.facts if f.rule == "catalogue.reading-room"}
    assert fields["date"].attr("when") == "1965-03-04"  # Publication Date is the document's date
    assert fields["catalogue-date"].attr("when") == "2016-12-01"  # not the creation of the catalogue entry
    assert fields["original-classification"].attr("level") == "secret"
    assert fields["title"].value == "NOTES ON A MEETING"
    assert fields["idno"].attr("type") == "CIA-RDP"


def test_panel_cut_before_body_label_keeps_the_body():
    excerpt = PANEL_LINES.split("Content Type:")[0] + "Approved for Release 2005/06/02 Dear Joe: thank you for the summer.\n"
    layout = _layout(excerpt)
    fields = {f.attr("field") or f.name: f for f in layout.facts if f.rule == "catalogue.reading-room"}
    assert fields["date"].value == "March 4, 1965"
    assert "Dear Joe" in layout.free_text(0, len(layout.text))


@pytest.mark.parametrize(
    "text",
    ["Document Type: memorandum\nThe body of the memo follows.\n", "The collection: letters.\nCase Number: 5\n"],
)
def test_a_label_or_two_in_prose_is_no_panel(text):
    assert not [m for m in _layout(text).tiling if m.rule.startswith("catalogue.")]


def test_catalogue_goes_to_the_record_and_fills_only_what_the_document_omits():
    item = _item(PANEL_LINES + "MEMORANDUM FOR THE RECORD\n\nSUBJECT: A meeting\n\n1. The meeting was held at noon and lasted for an hour.\n")
    root = item.root
    assert root.xpath("string(//t:bibl[@type='catalogue']/t:date[@type='document']/@when)", namespaces=NS) == "1965-03-04"
    assert root.xpath("string(//t:creation/t:date/@when)", namespaces=NS) == "1965-03-04"
    assert root.xpath("string(//t:creation/t:date/@source)", namespaces=NS) == "#catalogue"
    # The catalogue's level is the catalogue's: no marking is claimed for the document.
    assert root.xpath("//t:catRef[@scheme='#classification']", namespaces=NS) == []
    own = _item(PANEL_LINES + BODY).root
    assert own.xpath("string(//t:creation/t:date)", namespaces=NS) == "4 March 1965"  # its own words, same date
    assert own.xpath("//t:creation/t:date/@source", namespaces=NS) == []


# -- identification forms --------------------------------------------------------------------

INLINE_FORM = (
    "JFK ASSASSINATION SYSTEM\nIDENTIFICATION FORM\nAGENCY INFORMATION\nAGENCY : FBI\n"
    "RECORD NUMBER : 124-10000-10000\nDocument Information\nORIGINATOR : FBI\nFROM : SAC, NY\n"
    "TO : DIRECTOR, FBI\nTITLE :\nDATE : 05/06/1964\nPAGES : 2\nDOCUMENT TYPE : PAPER, TEXTUAL DOCUMENT\n"
    "CLASSIFICATION : Secret\nDATE OF LAST REVIEW : 06/02/1998\n"
)
SEPARATED_FORM = (
    "JFK Assassination System Date: 4/1/2018\nIdentification Form\nAgency Information\nAGENCY :\n"
    "RECORD NUMBER :\nDocument Information\nORIGINATOR :\nFROM:\nTO:\nTITLE:\nDATE:\nPAGES:\n"
    "SUBJECTS :\nDOCUMENT TYPE :\nCLASSIFICATION :\nDATE OF LAST REVIEW:\nDocument Information\n"
    "STATE\nDEAN RUSK\nTHE PRESIDENT\nVISIT OF THE PRIME MINISTER\n02/18/1964\n5\nMEMORANDUM\nSecret\n04/21/1998\n"
)


@pytest.mark.parametrize(
    "form, expected",
    [
        (INLINE_FORM, {"from": "SAC, NY", "to": "DIRECTOR, FBI", "date": "05/06/1964", "original-classification": "Secret"}),
        (SEPARATED_FORM, {"from": "DEAN RUSK", "to": "THE PRESIDENT", "date": "02/18/1964", "original-classification": "Secret"}),
        # A value missing from the separated run: nothing is assigned that is not certain.
        (SEPARATED_FORM.replace("VISIT OF THE PRIME MINISTER\n", ""), {"from": None, "to": None, "date": "02/18/1964"}),
    ],
    ids=["inline", "separated", "separated-uncertain"],
)
def test_identification_form_fields(form, expected):
    layout = _layout(form + "\f" + BODY)
    fields: dict[str, str] = {}
    for fact in layout.facts:
        if fact.rule == "cover.identification-form":
            fields.setdefault(fact.attr("field") or fact.name, fact.value)
    for name, value in expected.items():
        assert fields.get(name) == value, name
    assert fields.get("date") != "4/1/2018"  # the printout's date is not the record's


# -- type cues -------------------------------------------------------------------------------


def _evidence(**kw) -> Evidence:
    base = dict(heading_lines=[], head="", raw_head="", body="")
    base.update(kw)
    return Evidence(**base)


@pytest.mark.parametrize(
    "evidence, expected",
    [
        (_evidence(heading_lines=["CLASSIFIED MESSAGE"], head="TO : DIRECTOR\nFROM : MANAGUA\nCITE MANA 4615"), "cable"),
        # A cable relaying a memorandum stays a cable.
        (_evidence(heading_lines=["MEMORANDUM FOR THE SECRETARY"], head="CITE DIR 12345\nIN 54321", catalogue_type="CABLE"), "cable"),
        (_evidence(heading_lines=["INCOMING TELEGRAM", "Department of State"]), "telegram"),
        (_evidence(raw_head="Transmit the following in PLAIN TEXT\nVia AIRTEL", head="TO: DIRECTOR, FBI\nFROM: SAC, TAMPA"), "memorandum"),
        (_evidence(heading_lines=["MEMORANDUM OF CONVERSATION"], catalogue_type="MEMO"), "memorandum-of-conversation"),
        (_evidence(body="Q. Where were you?\nA. At home.\nQ. Alone?\nA. Yes.\nQ. Why?\nA. It rained.\n"), "transcript"),
        (_evidence(heading_lines=["DEPUTIES' MEETING"], head="PRESENT: Mr. A, Mr. B"), "minutes"),
        (_evidence(signals=frozenset({"salutation", "valediction"})), "letter"),
        (_evidence(signals=frozenset({"routing-form"}), heading_lines=["MEMORANDUM FOR: Chief"]), "routing-slip"),
        (_evidence(catalogue_type="REPORT", heading_lines=["THE CABLE SECRETARIAT 1952-1966"]), "report"),
        # A dispatch whose box labels OCR garbled: the printed word and the dispatch symbol and number.
        (_evidence(raw_head="SECRET\nDISPATCH ro Lt wexerne\nChief, WH Division\nXAAZ-20417\n"), "dispatch"),
        (_evidence(raw_head="SECRET\nXAAZ-20417\nChief, WH Division\n"), None),  # a number alone is no dispatch
        (_evidence(head="SUBJECT: nothing much"), None),  # one weak cue types nothing
        (_evidence(), None),
    ],
)
def test_weighed_type(evidence, expected):
    assert weigh(evidence).type == expected


def test_every_cue_has_a_unique_id_and_compiles():
    ids = [cue.id for cue in cue_table().cues]
    assert len(ids) == len(set(ids))
    assert all(cue.pattern is not None or cue.signal for cue in cue_table().cues)


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, when",
    [
        # A date field under a form's head, its value on the next line.
        ("REQUEST FOR AUTHORIZATION\n\nDATE PREPARED\n\n19 May 1978\n\nThe records identified below are scheduled for destruction.\n", "1978-05-19"),
        ("Memorandum\n\nTO : File\n\nFROM : Chief, Staff\n\nDATE: 22 April 1965\n\n1. Mr. Smith advised he has no record of the subject.\n", "1965-04-22"),
        # A release stamp's date left in the text is later than the release: never the document's.
        ("Approved for Release 2009/12/28\n\n9 August 1985\n\nThis is the document I spoke to you about yesterday at the meeting.\n\n"
         "Approved For Release 2009/12/28 : CIA-RDP88B00443R001704340043-9\n", "1985-08-09"),
        # A year before 1900 is an OCR misreading, passed over.
        ("MEMORANDUM FOR THE RECORD\n\n20 September 1902\n\nSUBJECT: Meeting\n\n1. The group met on 20 September 1962 to discuss the plan.\n", "1962-09-20"),
        # A heading's month stays a month.
        ("THE HISTORY OF A STAFF\n\nNovember 1973\n\nThis history was written by the staff to record its work.\n", "1973-11"),
    ],
)
def test_document_date(text, when):
    assert _item(text).item.date.when == when


# -- parties ---------------------------------------------------------------------------------


def _parties(text):
    item = _item(text).item
    sent = [n for a in item.corresp if a.type == "sent" for n in a.names + [p.name for p in item.persons if p.xml_id in a.persons]]
    received = [n for a in item.corresp if a.type == "received" for n in a.names + [p.name for p in item.persons if p.xml_id in a.persons]]
    return sent, received


@pytest.mark.parametrize(
    "text, sender, recipient",
    [
        # Labels alone on their line, values under them (line-per-line OCR of a memorandum form).
        ("UNITED STATES GOVERNMENT\n\nMemorandum\n\nTO\n\nFile\n\nFROM\n\n: Acting Chief, Alien Affairs Staff\n\nSUBJECT:\n\nA case\n\n"
         "1. Mr. Smith advised he has no record on the subject of this memorandum.\n", "Acting Chief, Alien Affairs Staff", "File"),
        # A cable form: the stations, not the routing of copies (ACTION) or the form's last line.
        ("CLASSIFIED MESSAGE\n\nTO : DIRECTOR\n\nFROM : MANAGUA\n\nACTION: C/WH 4\n\nCITE MANA 4615\n\n1. SUBJECT BORN MANAGUA 1921.\n\nCOPY NO.\n",
         "MANAGUA", "DIRECTOR"),
        # A letter: the inside address above the salutation, the name under the close.
        ("June 7, 1976\n\nBY LIAISON\n\nMs. Jeanne W. Davis\n\nStaff Secretary\n\nDear Ms. Davis:\n\n"
         "I write to you about the request of the committee for documents of the library.\n\nSincerely yours,\n\nClarence M. Kelley\n\nDirector\n",
         "Clarence M. Kelley", "Ms. Jeanne W. Davis"),
        # A routing sheet: the printed instruction after TO is not the addressee.
        ("ROUTING AND RECORD SHEET\n\nTO: (Officer designation, room number, and\n\nbuilding)\n\n1.\n\nC/WH/SA\n\nFROM: C/TSD/EB\n\n"
         "Attached is the report that you asked for last week on the sight hood.\n", "C/TSD/EB", "C/WH/SA"),
        # A cable whose FROM box OCR lost: the CITE line names headquarters (DIR).
        ("CLASSIFIED MESSAGE\n\nTO : MEXICO CITY\n\nROUTING\n\nCITE DIR\n\n31415\n\n1. REQUEST TRACES ON SUBJECT OF REF.\n\nEND OF MESSAGE\n",
         "DIRECTOR", "MEXICO CITY"),
        # A memorandum's heading names its addressee after one space; OCR's specks after it go.
        ("SECRET\n\nMEMORANDUM FOR THE PLANNING BOARD Ae ri\n\nSUBJECT: Budget for the coming year\n\n"
         "1. The board is asked to approve the budget proposed in the attached paper.\n\nArthur Keene\n", None, "THE PLANNING BOARD"),
        # An FBI letterhead memorandum: the field office under the letterhead sent it.
        ("In Reply, Please Refer to\nFile No.\n\nUNITED STATES DEPARTMENT OF JUSTICE\n\nFEDERAL BUREAU OF INVESTIGATION\n\nDenver, Colorado\n\nJune 3, 1965\n\n"
         "RE: RIFLE CLUB ACTIVITIES\n\nThe June 1, 1965, issue of the newspaper carried an article on the club and its head, "
         "who was said to be about to leave the city.\n", "Federal Bureau of Investigation, Denver", None),
        # An FBI teletype: its address lines in capitals, without colons; a text line opening with 'TO' is no address.
        ("FBI\n\nDATE: 4-12-62\n\nURGENT 3-15 PM EST RJK\n\nTO DIRECTOR, FBI\n\nFROM SAC, DENVER\n\n"
         "TO ATTEND THE MEETING OF THE CLUB. SUBJECT WAS SEEN AT THE STATION BY AGENTS ON APRIL TEN.\n", "SAC, DENVER", "DIRECTOR, FBI"),
    ],
    ids=["memo-form", "cable", "letter", "routing-sheet", "cable-cite", "memorandum-for", "fbi-letterhead", "fbi-teletype"],
)
def test_parties(text, sender, recipient):
    sent, received = _parties(text)
    if sender is not None:
        assert sender in sent
    if recipient is not None:
        assert recipient in received


# -- paragraphs of line-per-line OCR ------------------------------------------------------------


def test_line_per_line_ocr_gets_its_paragraphs_back():
    lines = [
        "MEMORANDUM FOR THE RECORD",
        "SUBJECT: Meeting of the group on the plan for the coming year",
        "1. At 0900 this morning I talked with the chief of the station who had",
        "returned from a trip abroad, about the inquiry of the commission concerning",
        "the dates of the travel of the subject in the autumn of that year.",
        "2. He gave me the following information, which I have checked since",
        "with the records of the office, and which I believe to be correct.",
    ] * 3
    layout = _layout("\n\n".join(lines) + "\n", until="repair")
    assert layout.traits.get("spacing") == "double"
    texts = [" ".join(layout.free_text(b.start, b.end).split()) for b in layout.blocks]
    assert texts[:4] == [lines[0], lines[1], " ".join(lines[2:5]), " ".join(lines[5:7])]


def test_short_letter_with_blank_lines_is_not_line_per_line():
    text = "Washington, March 1, 1962\n\nDear Mr. Smith:\n\nThank you for your letter.\n\nSincerely,\n\nJohn Doe\n"
    assert "spacing" not in _layout(text, until="normalise").traits


# -- speakers --------------------------------------------------------------------------------


def _turns(text):
    root = _item(text).root
    return [sp.get("who") for sp in root.xpath("//t:sp", namespaces=NS)]


MEETING = (
    "MEMORANDUM FOR THE RECORD\n\nSUBJECT: Morning Meeting of 3 December 1968\n\n"
    "1. DD/I noted that the briefing of yesterday had been most useful to all concerned.\n\n"
    "2. The Director asked Goodwin to review the record on this matter with care.\n\n"
    "3. I told the group that we would have the paper ready within the week.\n\n"
    "Paul Smith\n"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        # A memorandum recording a meeting: an office, a title alone, the writer's 'I'.
        (MEETING, ["#pers-dd-i", "#pers-the-director", "#pers-paul-smith"]),
        # A memorandum with one reported sentence is no meeting's record: no turns.
        ("MEMORANDUM FOR THE RECORD\n\nSUBJECT: A call\n\n1. Mr. Jones said that he would call again next week about it.\n\n"
         "2. The file was closed after the call and sent to the registry.\n", []),
        # An outline's letters are not answers.
        ("STUDY OF THE PLAN\n\nA. Interim Financing of the Opposition\n\nB. Propaganda and the press in the capital\n\n"
         "C. The military aspects of the plan\n", []),
    ],
    ids=["meeting", "one-sentence", "outline"],
)
def test_meeting_turns(text, expected):
    assert _turns(text) == expected


def test_transcript_labels_inside_a_paragraph_open_turns():
    text = (
        "TRANSCRIPT OF PROCEEDINGS\n\nMR. SMITH: Where were you on that day, and who was with you?\n"
        "MR. JONES: I was at home.\nMR. SMITH: Alone?\nMR. JONES:\nYes, alone, the whole day.\n"
    )
    assert _turns(text) == ["#pers-mr-smith", "#pers-mr-jones", "#pers-mr-smith", "#pers-mr-jones"]


def test_flattened_minutes_cut_at_labels():
    text = ("DEPUTIES MEETING Monday, 1 February 1954 PRESENT: Mr. Dulles, Mr. Amory, Colonel Smith Mr, Dulles: a. Asked the deputy "
            "to draft a paper on the political situation for the next meeting. Mr. Amory: Stated that the office had already "
            "produced studies on this subject and would send a summary. " * 3)
    layout = _layout(text, until="repair")
    assert layout.traits.get("flattened") == "yes"
    assert len(_turns(text)) >= 2


@pytest.mark.parametrize(
    "text, label",
    [("A. O. Schwarz, Jr., Chief Counsel", None), ("A. Yes, I was.", "A"), ("Q And then?", None), ("a. Asked DD/I to draft", None)],
)
def test_answer_labels_are_not_initials_or_sub_paragraphs(text, label):
    from declassify.people.speech import speech_in

    speech = speech_in(text)
    assert (speech.subject if speech and speech.label else None) == label


# -- printed forms, a memorandum under a slip, capitals broken by a hyphen ------------------------

from declassify.noise.forms import is_printed  # noqa: E402
from declassify.reading import reading_text  # noqa: E402


@pytest.mark.parametrize(
    "cell, printed",
    [
        ("COMMENTS (Number each comnent to show frem whom te whom. Draw a lime across colunn after each comment.)", True),
        ("Draw a lime across colunm after each", True),  # a piece of the instruction on a line of its own
        ("SUBJECT: (Optional)", True),
        ("Attached is the report you asked for on the travel plans.", False),
        ("Jim, Here is the draft of the paper on the", False),
        ("C/WH/SA", False),
    ],
)
def test_garbled_form_cells_near_a_title(cell, printed):
    assert is_printed(cell, garbled=True) is printed


def test_garbled_cells_are_forgiven_only_near_the_title():
    assert not is_printed("COMMENTS (Number each comnent to show frem whom te whom. Draw a lime across colunn after each comment.)")


SLIP_THEN_MEMO = (
    "ROUTING AND RECORD SHEET\n"
    "TO: (Officer designation, room number, and\nbuilding)\n"
    "C/LOG\n"
    "DATE\n"
    "3 March 1986\n"
    "Jim,\nHere is the draft on the storage program that we discussed\n"
    "at the staff meeting on Monday.\n"
    "MEMORANDUM FOR: Director of Logistics\n"
    "FROM: Chief, Records Staff\n"
    "SUBJECT: Storage of records\n"
    "1. The staff visited the center and counted the boxes of records awaiting their transfer.\n"
)


def test_a_memorandum_under_a_slip_is_its_own_document_and_keeps_its_heading():
    result = encode_bytes(SLIP_THEN_MEMO.encode("utf-8"), "t.txt")
    assert len(result.items) == 2
    slip, memo = (reading_text(item.root) for item in result.items)
    assert "ROUTING AND RECORD SHEET" not in slip and "Officer designation" not in slip
    assert "Here is the draft" in slip
    assert memo.startswith("MEMORANDUM FOR: Director of Logistics")
    assert "FROM: Chief, Records Staff" in memo  # the slip's FROM/TO cells do not reach the memorandum


@pytest.mark.parametrize(
    "text, word",
    [
        ("THE ATMOS-\nPHERE OF THE TALKS WAS GOOD AND THE TALKS WENT ON.\n", "ATMOSPHERE"),
        ("THE SOVIET DELEGATION AND THE AMERICAN ONE MET. THE SOVIET-\nAMERICAN TALKS WENT ON.\n", "SOVIET-AMERICAN"),
        ("The Soviet-\nAmerican talks went on.\n", "Soviet-American"),
        ("the identifica-\ntion of the man was made.\n", "identification"),
    ],
)
def test_hyphens_broken_over_lines(text, word):
    assert word in reading_text(_item(text).root)


ROW_BY_ROW_FORM = (
    "JFK ASSASSINATION SYSTEM\nIDENTIFICATION FORM\n\nAGENCY: NARA\nRECORD NUMBER : 176-10001-10001\n"
    "RECORD SERIES : Committee\nAGENCY FILE NUMBER :\nORIGINATOR : CIA\nFROM: Director\nTO: Secretary\n"
    "TITLE: Report on the conference\nDATE: 6/09/1962\nPAGES: 4\nSUBJECTS:\nDOCUMENT TYPE: Paper, Textual\n"
    "CLASSIFICATION: Declassified\nRESTRICTIONS :\nCURRENT STATUS:\nDATE OF LAST REVIEW: 5/14/1999\n"
    "OPENING CRITERIA:\nCOMMENTS :\n\nMEMORANDUM FOR: The Secretary\n\nAs you asked.\n\nTHE DIRECTOR\n\n"
    "9 June 1962\n\nREPORT ON THE CONFERENCE\n\nI. Summary\n\n"
    "The delegations met for three days in the capital and agreed on a schedule for the talks to come in the autumn.\n"
)


def test_a_form_read_row_by_row_ends_at_the_covered_memorandum():
    """Empty fields of a form whose values stand beside their labels owe no lines: the heading under it is the record's."""
    text = " ".join(reading_text(item.root) for item in encode_bytes(ROW_BY_ROW_FORM.encode("utf-8"), "t.txt").items)
    assert "RECORD SERIES" not in text and "OPENING CRITERIA" not in text
    assert "MEMORANDUM FOR: The Secretary" in text
    assert "REPORT ON THE CONFERENCE" in text


TWO_MEMORANDA = (
    "## Page 1\n\n5 March 1962\n\nMEMORANDUM FOR THE RECORD\n\nSUBJECT: Minutes of the meeting of the board, 5 March 1962\n\n"
    "1. The group met at noon and discussed the plans for the coming month at length, without a decision.\n\n"
    "Distribution\n\nMr. Carter\n\nMr. Lowell\n\n"
    "## Page 2\n\n12 March 1962\n\nMEMORANDUM FOR THE RECORD\n\nSUBJECT: Minutes of the meeting of the board, 12 March 1962\n\n"
    "1. The group met again and approved the plans that had been discussed at the meeting before.\n"
)


def test_a_distribution_list_closes_a_memorandum():
    """Memoranda end with their copy list as often as with a close: the next page's memorandum is another document."""
    items = encode_bytes(TWO_MEMORANDA.encode("utf-8"), "t.txt").items
    assert len(items) == 2
    assert [item.item.date.when for item in items] == ["1962-03-05", "1962-03-12"]


@pytest.mark.parametrize(
    "block, closes",
    [
        ("Distribution\nMr. Carter\nMr. Lowell", True),
        ("DISTRIBUTION:\nOrig & 1 - Addressee", True),
        ("Enclosures (2)", True),
        ("DISTRIBUTION\nX7-Bqe", False),  # the printed dissemination box at a report page's foot
        ("Distribution of the report was limited to the committee.", False),
    ],
)
def test_closing_labels(block, closes):
    from declassify.structure.cues import closing_label

    assert closing_label(block) is closes


def test_an_agency_named_under_a_memorandums_fields_is_no_letterhead():
    text = (
        "MEMORANDUM FOR: Director\n\nFederal Bureau of Investigation\n\nSUBJECT: Travel of the subject\n\n"
        "1. Reference is made to your inquiry of last week about the travel of the subject to Mexico in the autumn.\n"
    )
    sent, received = _parties(text)
    assert "Federal Bureau of Investigation" not in sent


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("abcxyzABCXYZé'-.1"), min_size=1, max_size=10))
def test_wordlike_fast_path_agrees_with_the_pattern(token):
    from declassify.noise.garbage import _WORDLIKE, _is_wordlike

    assert _is_wordlike(token) == (_WORDLIKE.fullmatch(token) is not None)
