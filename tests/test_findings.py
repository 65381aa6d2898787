"""Findings: severity order, the JSON form, citations, and the documented code registry."""

from __future__ import annotations

import json
import operator
import re
from pathlib import Path

import pytest

from actionplan import (
    CODES,
    Citation,
    Finding,
    Forum,
    Plan,
    Section,
    Severity,
    Source,
    validate,
)
from actionplan.findings import cite

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reference" / "findings.md"

SECTION_7 = Section(
    number="7",
    heading="Se individerna, inte enbart de ideologier som dessa förespråkar",
    text="Det arbete som sker på individnivå i samverkansgruppen bör fokusera på ...",
)
QUOTE = "Det arbete som sker på individnivå i samverkansgruppen"


def plan_with_sections() -> Plan:
    return Plan(
        id="demo",
        title="Lokal handlingsplan",
        sections=[Section(number="1", heading="Samverkan"), SECTION_7],
    )


def finding(citation: Citation | None = None, path: str | None = "forums[3].members") -> Finding:
    return Finding(
        code="AP201",
        severity=Severity.WARNING,
        message="forum 'samverkansgruppen' has no members",
        message_sv="forumet 'samverkansgruppen' saknar medlemmar",
        path=path,
        subject="samverkansgruppen",
        citation=citation,
    )


# --- severity --------------------------------------------------------------------------


def test_severities_are_ordered_info_warning_error():
    """info < warning < error, so sorting and thresholds work."""
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert max(Severity) is Severity.ERROR


def test_severity_threshold_selects_that_level_and_above():
    """``severity >= WARNING`` keeps warnings and errors; ``<=`` is its mirror."""
    assert [s for s in Severity if s >= Severity.WARNING] == [Severity.WARNING, Severity.ERROR]
    assert [s for s in Severity if s <= Severity.WARNING] == [Severity.INFO, Severity.WARNING]
    assert [s.rank for s in Severity] == [0, 1, 2]


@pytest.mark.parametrize("compare", [operator.lt, operator.le, operator.gt, operator.ge])
@pytest.mark.parametrize("other", [1, "warning", None])
def test_severity_does_not_compare_with_other_types(compare, other):
    """Ordering a severity against a number or a string is a TypeError, not a silent answer."""
    with pytest.raises(TypeError):
        compare(Severity.WARNING, other)


def test_severity_labels_in_english_and_swedish():
    """Severities read as their value in English and as Swedish words in Swedish."""
    assert [s.label() for s in Severity] == ["info", "warning", "error"]
    assert [s.label("sv") for s in Severity] == ["information", "varning", "fel"]


# --- the JSON form ---------------------------------------------------------------------


def test_finding_json_form_in_english():
    """to_dict gives exactly code, severity, message, path and citation."""
    citation = Citation(section="7", heading=SECTION_7.heading, quote=QUOTE)
    assert finding(citation).to_dict() == {
        "code": "AP201",
        "severity": "warning",
        "message": "forum 'samverkansgruppen' has no members",
        "path": "forums[3].members",
        "citation": {"section": "7", "heading": SECTION_7.heading, "quote": QUOTE},
    }


def test_finding_json_form_in_swedish():
    """to_dict('sv') carries the Swedish message and nothing else changes."""
    data = finding().to_dict("sv")
    assert data == {
        "code": "AP201",
        "severity": "warning",
        "message": "forumet 'samverkansgruppen' saknar medlemmar",
        "path": "forums[3].members",
        "citation": None,
    }


def test_finding_json_form_serialises_as_json_with_swedish_letters():
    """The mapping goes through json unchanged, åäö included."""
    citation = Citation(section="7", quote=QUOTE)
    text = json.dumps(finding(citation, path=None).to_dict("sv"), ensure_ascii=False)
    data = json.loads(text)
    assert list(data) == ["code", "severity", "message", "path", "citation"]
    assert data["path"] is None
    assert data["citation"] == {"section": "7", "heading": None, "quote": QUOTE}
    assert "individnivå" in text


def test_finding_text_and_str():
    """text() picks the language; str() gives severity, code, path and English message."""
    item = finding()
    assert item.text() == item.message
    assert item.text("sv") == item.message_sv
    assert str(item) == "warning AP201 forums[3].members: forum 'samverkansgruppen' has no members"
    assert str(finding(path=None)) == "warning AP201 forum 'samverkansgruppen' has no members"


# --- citations -------------------------------------------------------------------------


def test_cite_adds_the_section_heading_to_the_source():
    """A citation carries the cited section's heading and the source's sentence."""
    citation = cite(plan_with_sections(), Source(section="7", quote=QUOTE))
    assert citation == Citation(section="7", heading=SECTION_7.heading, quote=QUOTE)


def test_cite_without_a_quote_keeps_the_heading():
    """A source naming only a section still cites the section and its heading."""
    assert cite(plan_with_sections(), Source(section="1")) == Citation(
        section="1", heading="Samverkan", quote=None
    )


def test_cite_of_an_unknown_section_has_no_heading():
    """A section the plan lacks is cited by number, without inventing a heading."""
    assert cite(plan_with_sections(), Source(section="9", quote=QUOTE)) == Citation(
        section="9", heading=None, quote=QUOTE
    )


def test_cite_without_a_source_is_none():
    """A part with no source gives no citation."""
    assert cite(plan_with_sections(), None) is None


def test_validation_findings_cite_the_plan_text():
    """A finding from validate carries the citation of the part it is about."""
    forum = Forum(id="samverkansgruppen", name="Samverkansgruppen", source=Source(section="7"))
    plan = Plan(id="demo", title="Demo", sections=[SECTION_7], forums=[forum])
    [members] = [f for f in validate(plan) if f.code == "AP201"]
    assert members.to_dict()["citation"] == {
        "section": "7",
        "heading": SECTION_7.heading,
        "quote": None,
    }


# --- the code registry -----------------------------------------------------------------


def test_integrity_codes_keep_their_names():
    """AP101-AP104 keep the codes and names tools already filter on."""
    assert {code: CODES[code].name for code in ("AP101", "AP102", "AP103", "AP104")} == {
        "AP101": "duplicate-id",
        "AP102": "unknown-reference",
        "AP103": "unknown-section",
        "AP104": "duplicate-section",
    }
    assert {CODES[code].severity for code in ("AP101", "AP102", "AP103", "AP104")} == {
        Severity.ERROR
    }


def test_every_code_is_well_formed_and_explained():
    """Each code is AP and three digits, keyed by itself, with a unique kebab-case name,
    a meaning and a fix written as sentences."""
    names = [info.name for info in CODES.values()]
    assert len(set(names)) == len(names)
    for code, info in CODES.items():
        assert re.fullmatch(r"AP[0-9]{3}", code)
        assert info.code == code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", info.name)
        assert info.meaning.endswith(".")
        assert info.fix.endswith(".")


def test_every_code_is_documented_with_its_name_and_severity():
    """docs/reference/findings.md has a table row per code, naming it and its severity."""
    rows = {
        cells[0]: cells[1:3]
        for line in DOCS.read_text(encoding="utf-8").splitlines()
        if line.startswith("| AP")
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    assert rows == {code: [info.name, info.severity.value] for code, info in CODES.items()}
