"""Reading a plan's own text into a draft plan: sections, commitments, actors, cadences."""

from __future__ import annotations

import enum
import subprocess
import sys
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actionplan
from actionplan import (
    ActorKind,
    AsNeeded,
    Dates,
    Decision,
    ElectoralCycle,
    EveryNth,
    ForumKind,
    InvitationStatus,
    MaxInterval,
    Modality,
    MonthDeadline,
    NotStated,
    Period,
    PerPeriod,
    PreventionLevel,
    ResourceKind,
    Role,
    Season,
    Seasonal,
)
from actionplan.errors import InvalidValueError, PlanFileError
from actionplan.extract import (
    FINDING_CODES,
    Draft,
    Lexicon,
    compare,
    extract,
    extract_file,
    review,
    write,
)

TEXTS = Path(__file__).parent / "texts"
SEED = TEXTS / "handlingsplan-vbe-2016.txt"
FICTIONAL = TEXTS / "fiktiva-kommuner.toml"
OWN_TEXTS = ("bra-stadgar-ekby.txt", "medborgarlofte-aby.md", "gemensam-plan-mellanbygden.txt")


@pytest.fixture(scope="module")
def draft() -> Draft:
    return extract_file(SEED)


def _codes(draft: Draft) -> Counter[str]:
    return Counter(f.code for f in draft.findings)


def _commitment(draft: Draft, start: str) -> Any:
    parts = [*draft.plan.measures, *draft.plan.follow_ups]
    found = [p for p in parts if p.source and (p.source.quote or "").startswith(start)]
    assert len(found) <= 1
    return found[0] if found else None


def _plain(value: Any) -> Any:
    """A model value as plain data: attrs classes as dicts with every field set."""
    if attrs.has(type(value)):
        out: dict[str, Any] = {}
        kind = getattr(type(value), "kind", None)
        if isinstance(kind, str):
            out["kind"] = kind
        for field in attrs.fields(type(value)):
            item = _plain(getattr(value, field.name))
            if item is not None:
                out[field.name] = item
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _subset(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where *actual* differs from *expected*, looking only at the keys *expected* has."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        problems: list[str] = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            else:
                problems.extend(_subset(value, actual[key], f"{path}.{key}"))
        return problems
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [
            p
            for i, (e, a) in enumerate(zip(expected, actual, strict=True))
            for p in _subset(e, a, f"{path}[{i}]")
        ]
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


# --- the seed plan ---------------------------------------------------------------------------


def test_seed_copy_is_the_real_plan_text():
    """The test copy of the seed keeps its stray line breaks: the reader must handle them."""
    text = SEED.read_text(encoding="utf-8")
    assert "den s.k.\n\nvit makt-miljön" in text
    assert "finns på:\n\nwww.samtalskompassen" in text


def test_seed_sections_equal_the_hand_encoded_sections(draft):
    """Numbered headings split the text; stray breaks inside sentences are joined."""
    assert draft.plan.sections == actionplan.example().sections


def test_seed_title_and_adopting_decision(draft):
    """The first line is the title; 'Antagen av kommunfullmäktige (KF) ...' is the decision."""
    assert draft.plan.title == "Lokal handlingsplan mot våldsbejakande extremism"
    assert draft.plan.decision == Decision(
        body="KF", body_name="kommunfullmäktige", date=date(2016, 4, 25), paragraph="74"
    )
    assert draft.plan.id == "valdsbejakande-extremism-2016"


def test_seed_commitments_reach_the_targets_against_the_reviewed_plan(draft):
    """Commitments with their modality and section: precision and recall at least 0.9."""
    metrics = {m.name: m for m in compare(draft, actionplan.example())}
    for name in ("commitments", "commitments+modality"):
        assert metrics[name].precision >= 0.9, metrics[name]
        assert metrics[name].recall >= 0.9, metrics[name]
    assert metrics["forums-by-kind"].recall == 1.0
    assert metrics["actors-by-kind"].recall == 1.0


@pytest.mark.parametrize(
    "sentence",
    [
        "Det kan exempelvis röra sig om lokala idrottsföreningar",
        "Gemensamt för alla grupper är att de kan hylla",
        "Vid framtagandet av konkreta åtgärder spelar genusperspektivet",
        "Landstinget kan också vara en viktig samverkanspartner.",
        "Dessa aspekter är viktiga att beakta",
    ],
)
def test_descriptive_sentences_are_not_commitments(draft, sentence):
    """'kan' that describes groups, examples or possible partners commits nobody."""
    assert _commitment(draft, sentence) is None
    assert not [
        i for i in draft.items if i.kind == "commitment" and i.sentence.startswith(sentence)
    ]


def test_kan_in_a_relative_clause_does_not_weaken_the_sentence(draft):
    """'... bör fokusera på ... åtgärder som kan genomföras' is a should, not a may."""
    measure = _commitment(draft, "Det arbete som sker på individnivå")
    assert measure.modality is Modality.SHOULD
    assert measure.forums == ("samverkansgruppen",)
    assert measure.levels == (PreventionLevel.INTERVENTIVE,)


@pytest.mark.parametrize(
    ("start", "modality"),
    [
        ("Vi ska sprida information", Modality.SHALL),
        ("Förutom samverkan inom Brå ska ett långsiktigt arbete bedrivas", Modality.SHALL),
        ("Det är nödvändigt att aktörer", Modality.SHALL),
        ("Kontinuerlig dialog med länsstyrelsen är också att rekommendera", Modality.SHOULD),
        ("Att föra kontinuerlig dialog", Modality.SHOULD),
        ("Uppföljningen bör ske", Modality.SHOULD),
        ("Ett sätt att inkludera dessa perspektiv", Modality.MAY),
    ],
)
def test_modality_is_read_from_verbs_and_phrases(draft, start, modality):
    """ska/bör/kan, the passive, 'nödvändigt att' and 'att rekommendera' set the modality."""
    assert _commitment(draft, start).modality is modality


def test_skulle_kunna_is_a_may_with_low_confidence_and_a_finding(draft):
    """'skulle kunna vara' is read as may, flagged for review."""
    item = next(i for i in draft.items if i.sentence.startswith("Ett sätt att inkludera"))
    assert item.confidence < 0.5
    assert "skulle kunna" in item.detail
    uncertain = [f for f in draft.findings if f.code == "AP611"]
    assert any(f.citation and f.citation.quote == item.sentence for f in uncertain)


def test_vi_gives_a_commitment_without_actor_finding(draft):
    """'Vi ska ...' names nobody responsible; the finding says so and cites the sentence."""
    measure = _commitment(draft, "Vi ska sprida information")
    assert measure.responsible == ()
    found = [f for f in draft.findings if f.code == "AP606" and f.subject == measure.id]
    assert len(found) == 1
    assert "'vi'" in found[0].message
    assert found[0].citation.section == "6"


def test_generic_owner_is_kept_as_responsible_text(draft):
    """'Kommunens verksamheter ska ...' keeps the owner in the plan's own words."""
    measure = _commitment(draft, "Kommunens verksamheter ska veta")
    assert measure.responsible_text == "Kommunens verksamheter"
    assert "kommunen" not in {a.id for a in draft.plan.actors}


def test_seed_bra_members_come_from_where_ingar(draft):
    """'Där ingår X, Y och Z' after the Brå gives its members, in the plan's order."""
    assert draft.plan.forum("bra").members == actionplan.example().forum("bra").members


def test_seed_bra_cadence_takes_the_sentence_modality(draft):
    """'Brå bör träffas minst fyra gånger per år' is a should cadence, not a measure."""
    cadence = draft.plan.forum("bra").cadence
    assert cadence == PerPeriod(
        count=4, period=Period.YEAR, at_least=True, modality=Modality.SHOULD, text=cadence.text
    )
    assert _commitment(draft, "Brå bör träffas") is None


def test_vague_cadence_stays_not_stated_with_a_finding(draft):
    """'kontinuerliga mötesplatser' is kept as words, with a vague-cadence finding."""
    forum = next(f for f in draft.plan.forums if f.kind is ForumKind.DIALOGUE_MEETING)
    assert isinstance(forum.cadence, NotStated)
    assert forum.cadence.text == "kontinuerliga mötesplatser"
    assert {m.actor for m in forum.members} == {"civilsamhallet", "trossamfunden"}
    assert any(f.code == "AP607" and f.subject == forum.id for f in draft.findings)


def test_seed_invitation_to_skinnskatteberg_is_declined_for_now(draft):
    """The neighbour's code comes from the lexicon; 'tillsvidare nej' is declined for now."""
    (invitation,) = draft.plan.invitations
    assert invitation.municipality == actionplan.Municipality(code="1904", name="Skinnskatteberg")
    assert invitation.status is InvitationStatus.DECLINED_FOR_NOW
    assert invitation.forum == "bra"
    assert invitation.subject == "Medverkan i ett gemensamt Brå mellan kommunerna"
    assert draft.plan.municipalities == ()
    assert _codes(draft)["AP604"] == 1


def test_seed_resources_carry_phone_and_url(draft):
    """The helpline gets its number, the training material the address on the next line."""
    helpline = next(r for r in draft.plan.resources if r.kind is ResourceKind.HELPLINE)
    assert (helpline.name, helpline.provider, helpline.phone) == (
        "Rädda Barnens stödtelefon",
        "Rädda Barnen",
        "020-100 200",
    )
    material = next(r for r in draft.plan.resources if r.id == "samtalskompassen")
    assert material.url == "www.samtalskompassen.samordnarenmotextremism.se"
    assert _commitment(draft, "Vi ska sprida information").resources == ("stodtelefon",)


def test_seed_levels_milieus_and_picture(draft):
    """'samtliga preventionsnivåer' names all three levels; the picture covers three milieus."""
    measure = _commitment(draft, "Det är nödvändigt att aktörer")
    assert measure.levels == (
        PreventionLevel.PROMOTIVE,
        PreventionLevel.PREVENTIVE,
        PreventionLevel.INTERVENTIVE,
    )
    assert [m.id for m in draft.plan.milieus] == ["vit-makt", "autonoma", "islamistisk"]
    (picture,) = draft.plan.situational_pictures
    assert picture.producer == "bra"
    assert picture.milieus == ("vit-makt", "autonoma", "islamistisk")
    assert [(c.actor, c.central) for c in picture.contributors] == [("polisen", True)]


def test_general_word_skola_stands_for_the_schools_the_plan_names(draft):
    """'skola' in point 3 is read as grundskolan and gymnasieskolan, with a finding."""
    measure = _commitment(draft, "Det är nödvändigt att aktörer")
    assert {"grundskolan", "gymnasieskolan"} <= set(measure.participants)
    assert "skolan" not in {a.id for a in draft.plan.actors}
    assert _codes(draft)["AP612"] == 2


def test_partner_sentence_sets_the_actor_modality(draft):
    """'Landstinget kan också vara en viktig samverkanspartner' makes it a may actor."""
    assert draft.plan.actor("landstinget").modality is Modality.MAY
    assert draft.plan.actor("landstinget").kind is ActorKind.REGION


def test_seed_draft_passes_integrity_and_round_trips(draft):
    """The draft is a valid plan: no integrity findings, same plan after TOML and back."""
    assert actionplan.integrity(draft.plan) == []
    assert (
        actionplan.loads(actionplan.dumps(draft.plan, format="toml"), format="toml") == draft.plan
    )


def test_every_finding_code_is_documented(draft):
    """Each code the reader gives has a name, severity, meaning and fix to register."""
    for name in OWN_TEXTS:
        codes = set(_codes(draft)) | set(_codes(extract_file(TEXTS / name, lexicon=FICTIONAL)))
        assert codes <= set(FINDING_CODES)
    for code, info in FINDING_CODES.items():
        assert code.startswith("AP6")
        assert info.code == code
        assert info.name
        assert info.meaning
        assert info.fix


def test_reading_is_deterministic():
    """The same text gives the same draft and the same review list."""
    text = SEED.read_text(encoding="utf-8")
    first, second = extract(text), extract(text)
    assert first == second
    assert review(first) == review(second)


_WORDS = SEED.read_text(encoding="utf-8").replace("\n", " \n ").split(" ")


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_WORDS), st.text(alphabet="aåö A.,:;-–§#*()”\n0129/", max_size=6)
        ),
        max_size=120,
    )
)
def test_any_text_gives_a_valid_plan(pieces):
    """Whatever the text, the draft passes integrity and survives a TOML round trip."""
    draft = extract(" ".join(pieces))
    assert actionplan.integrity(draft.plan) == []
    assert (
        actionplan.loads(actionplan.dumps(draft.plan, format="toml"), format="toml") == draft.plan
    )


# --- own texts -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_TEXTS)
def test_own_texts_give_their_expected_drafts(name):
    """Statutes, a citizens' promise and a joint plan give the drafts written beside them."""
    expected = tomllib.loads((TEXTS / name).with_suffix(".expected.toml").read_text("utf-8"))
    draft = extract_file(TEXTS / name, lexicon=FICTIONAL)
    plan = draft.plan
    assert plan.id == expected["id"]
    assert plan.title == expected["title"]
    assert [m.code for m in plan.municipalities] == expected["municipalities"]
    assert [f"{s.number} {s.heading}" for s in plan.sections] == expected["sections"]
    assert _subset(expected["decision"], _plain(plan.decision)) == []
    for key in (
        "actors",
        "forums",
        "measures",
        "follow_ups",
        "invitations",
        "resources",
        "situational_pictures",
    ):
        parts = getattr(plan, key)
        assert [p.id for p in parts] == [e["id"] for e in expected[key]], key
        for wanted, part in zip(expected[key], parts, strict=True):
            assert _subset(wanted, _plain(part), f"{key}.{part.id}") == []
    assert dict(_codes(draft)) == expected["findings"]
    assert actionplan.integrity(plan) == []


def test_statutes_read_chair_convener_adjuncts_and_offered_seat():
    """'är rådets ordförande', 'sammankallande', 'adjungeras vid behov', 'ska erbjudas'."""
    forum = extract_file(TEXTS / OWN_TEXTS[0], lexicon=FICTIONAL).plan.forum("bra")
    seats = {m.actor: m for m in forum.members}
    assert seats["kommunstyrelsen"].role is Role.CHAIR
    assert seats["sakerhetssamordnare"].role is Role.CONVENER
    assert (seats["raddningstjansten"].role, seats["raddningstjansten"].as_needed) == (
        Role.ADJUNCT,
        True,
    )
    assert seats["regionen"].offered
    assert forum.cadence == PerPeriod(
        count=4, period=Period.YEAR, at_least=True, as_needed=True, text=forum.cadence.text
    )


def test_unknown_actor_in_a_member_list_is_kept_with_a_finding():
    """'Ekbyhem AB adjungeras' names an actor the lexicon lacks: kind other, AP605."""
    draft = extract_file(TEXTS / OWN_TEXTS[0], lexicon=FICTIONAL)
    assert draft.plan.actor("ekbyhem-ab").kind is ActorKind.OTHER
    (finding,) = [f for f in draft.findings if f.code == "AP605"]
    assert finding.subject == "ekbyhem-ab"
    assert finding.path == "actors[9]"


def test_extra_lexicon_file_adds_actors_and_municipalities(tmp_path):
    """A municipality's own lexicon file names its housing company; no finding is left."""
    own = tmp_path / "ekby.toml"
    own.write_text(
        FICTIONAL.read_text(encoding="utf-8")
        + '\n[[actor]]\nid = "ekbyhem"\nname = "Ekbyhem AB"\nkind = "housing"\n'
        + 'forms = ["ekbyhem ab", "ekbyhem"]\n',
        encoding="utf-8",
    )
    draft = extract_file(TEXTS / OWN_TEXTS[0], lexicon=own)
    assert draft.plan.actor("ekbyhem").kind is ActorKind.HOUSING
    assert "AP605" not in _codes(draft)
    assert draft.plan.municipality_codes == ("9901",)


def test_without_the_municipality_table_the_names_are_reported():
    """Fictional municipalities lack codes in the bundled table: AP614 and AP604."""
    draft = extract_file(TEXTS / OWN_TEXTS[1])
    assert [f.subject for f in draft.findings if f.code == "AP614"] == ["Åby"]
    assert draft.plan.municipalities == ()
    assert _codes(draft)["AP604"] == 1


def test_joint_plan_reports_the_shared_plan_and_an_unknown_genitive_name():
    """'respektive kommun' gives AP615; 'Norrviks kommuner' is reported as Norrvik."""
    draft = extract_file(TEXTS / OWN_TEXTS[2], lexicon=FICTIONAL)
    assert _codes(draft)["AP615"] == 1
    (unknown,) = [f for f in draft.findings if f.code == "AP614"]
    assert unknown.subject == "Norrvik"
    assert "Norrviks" in unknown.message


# --- sentences and sections --------------------------------------------------------------------


def test_abbreviations_urls_and_phone_numbers_do_not_end_sentences():
    """'t.ex.', 'bl.a.', 's.k.', a web address and a phone number stay inside a sentence."""
    text = (
        "Plan\n\n1. Insatser\n\n"
        "Polisen ska t.ex. Delta i trygghetsvandringar. "
        "Skolan ska bl.a. Ordna föräldramöten om den s.k. Näthatet. "
        "Vi ska sprida numret 020-100 200 och adressen www.exempel.se. "
        "Socialtjänsten bör följa upp."
    )
    quotes = [i.sentence for i in extract(text).items if i.kind in ("commitment", "follow-up")]
    assert quotes == [
        "Polisen ska t.ex. Delta i trygghetsvandringar.",
        "Skolan ska bl.a. Ordna föräldramöten om den s.k. Näthatet.",
        "Vi ska sprida numret 020-100 200 och adressen www.exempel.se.",
        "Socialtjänsten bör följa upp.",
    ]


def test_markdown_headings_and_paragraph_sections():
    """'# Title', '## 1. Heading' and '§ 2 Heading' lines are read as title and sections."""
    draft = extract(
        "# Stadgar för Brå\n\n## 1. Ändamål\n\nBrå ska samordna.\n\n"
        "§ 2 Möten\n\nBrå träffas varje månad."
    )
    assert draft.plan.title == "Stadgar för Brå"
    assert [(s.number, s.heading) for s in draft.plan.sections] == [
        ("1", "Ändamål"),
        ("2", "Möten"),
    ]


def test_numbered_list_inside_a_section_is_not_a_heading():
    """A list '1. Polisen' inside point 3 does not restart the numbering."""
    text = (
        "Plan\n\n1. Först\n\nText.\n\n2. Sedan\n\nBrå består av:\n\n1. Polisen\n\n3. Sist\n\nSlut."
    )
    assert [s.number for s in extract(text).plan.sections] == ["1", "2", "3"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("mark", ["-", "•", "1."])
def test_bullet_list_after_a_colon_lists_members(gap, mark):
    """'Rådet består av:' followed by a list is one sentence listing the members."""
    text = (
        "Plan\n\n1. Brå\n\nBrå är kommunens råd.\n\n"
        f"Rådet består av:{gap}{mark} polisen\n{mark} socialtjänsten\n"
    )
    forum = extract(text).plan.forum("bra")
    assert forum.member_ids == ("polisen", "socialtjanst")


def test_text_without_title_or_numbered_sections_is_one_section():
    """A bare text becomes section 1 with findings for the missing title and decision."""
    draft = extract("Polisen ska genomföra trygghetsvandringar.", source_name="lappen.txt")
    assert [s.number for s in draft.plan.sections] == ["1"]
    assert draft.plan.title == "lappen"
    assert {"AP601", "AP602", "AP603"} <= set(_codes(draft))
    assert draft.plan.measures[0].responsible == ("polisen",)


# --- cadences, members, resources -----------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("en gång i månaden", PerPeriod(count=1, period=Period.MONTH, at_least=False)),
        ("två gånger i månaden", PerPeriod(count=2, period=Period.MONTH, at_least=False)),
        ("minst 6 gånger per år", PerPeriod(count=6, period=Period.YEAR, at_least=True)),
        ("kvartalsvis", PerPeriod(count=1, period=Period.QUARTER, at_least=False)),
        ("varannan vecka", EveryNth(every=2, period=Period.WEEK)),
        ("var tredje månad", EveryNth(every=3, period=Period.MONTH)),
        ("minst vartannat år", MaxInterval(months=24)),
        ("under våren", Seasonal(seasons=(Season.SPRING,))),
        ("höst och vår", Seasonal(seasons=(Season.AUTUMN, Season.SPRING))),
        (
            "två gånger per termin",
            Seasonal(seasons=(Season.SPRING_TERM, Season.AUTUMN_TERM), count_per_season=2),
        ),
        ("vid behov", AsNeeded()),
        ("2027-02-03 och 2027-05-12", Dates(dates=(date(2027, 2, 3), date(2027, 5, 12)))),
    ],
)
def test_forum_cadence_phrases(phrase, expected):
    """Each way plans say how often a forum meets becomes the matching cadence kind."""
    cadence = (
        extract(f"Plan\n\n1. Möten\n\nStyrgruppen ska träffas {phrase}.").plan.forums[0].cadence
    )
    assert attrs.evolve(cadence, text=None, modality=None) == expected
    assert cadence.modality is Modality.SHALL
    assert cadence.text


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("senast i februari varje år", MonthDeadline(month=2)),
        ("senast i december 2027", MonthDeadline(month=12, every_year=False, year=2027)),
        ("varje ny mandatperiod", ElectoralCycle(offset_months=6)),
        ("inför nästkommande mandatperiod", ElectoralCycle(offset_months=0)),
        ("en gång per mandatperiod", ElectoralCycle()),
        ("inom sex månader efter varje val, varje mandatperiod", ElectoralCycle(offset_months=6)),
        (
            "första mötet på vårterminen",
            Seasonal(seasons=(Season.SPRING_TERM,), first_in_term=True),
        ),
        ("kontinuerligt", NotStated()),
    ],
)
def test_commitment_cadence_phrases(phrase, expected):
    """Deadlines, terms of office and vague words attach to the commitment itself."""
    measure = extract(f"Plan\n\n1. Arbete\n\nKommunen ska revidera planen {phrase}.").plan.measures[
        0
    ]
    assert measure.responsible == ("kommunen",)
    assert attrs.evolve(measure.cadence, text=None, modality=None) == expected


@pytest.mark.parametrize(
    ("sentence", "offset"),
    [
        ("Kommunen ska redovisa föregående års resultat senast i februari.", 1),
        ("Kommunen ska redovisa resultatet senast i mars varje år.", 1),
        ("Kommunen ska ta fram nästa års plan senast i december.", -1),
        ("Kommunen ska anta nästa verksamhetsplan senast i oktober.", -1),
        ("Kommunen ska genomföra en trygghetsvandring senast i maj.", 0),
    ],
)
def test_deadline_year_offset_follows_what_the_work_is_about(sentence, offset):
    """Reports due early in a year concern the year before, plans due late the next one."""
    measure = extract(f"Plan\n\n1. Arbete\n\n{sentence}").plan.measures[0]
    assert measure.cadence.year_offset == offset


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            (
                "Styrgruppen har fyra möten: 3 februari, 12 maj och 8 september 2027; "
                "hösten planläggs senare."
            ),
            Dates(
                dates=(date(2027, 2, 3), date(2027, 5, 12), date(2027, 9, 8)),
                complete=False,
                stated_count=4,
            ),
        ),
        ("Styrgruppen ska träffas minst var 18:e månad.", MaxInterval(months=18)),
        ("Styrgruppen ska träffas var 3:e vecka.", EveryNth(every=3, period=Period.WEEK)),
    ],
)
def test_written_dates_and_numbered_intervals(sentence, expected):
    """Dates in words with the year at the end, 'var 18:e månad', 'var 3:e vecka'."""
    cadence = extract(f"Plan\n\n1. Möten\n\n{sentence}").plan.forums[0].cadence
    assert attrs.evolve(cadence, text=None, modality=None) == expected


def test_dates_without_a_year_are_kept_as_words():
    """'3 februari och 12 maj' cannot be dated without a year: not-stated and AP609."""
    draft = extract("Plan\n\n1. Möten\n\nStyrgruppen ska träffas 3 februari och 12 maj.")
    assert draft.plan.forums[0].cadence.text == "3 februari och 12 maj"
    assert _codes(draft)["AP609"] == 1


def test_vague_words_keep_the_whole_phrase():
    """'regelbundna och täta kontakter' is quoted whole in the not-stated cadence."""
    draft = extract("Plan\n\n1. X\n\nPolisen ska ha regelbundna och täta kontakter med skolan.")
    assert draft.plan.measures[0].cadence == NotStated(
        modality=Modality.SHALL, text="regelbundna och täta kontakter"
    )


def test_cadence_findings_for_anchor_unreadable_and_ownerless():
    """No anchor for 'varannan vecka' (AP608), 'per läsår' (AP609), no owner (AP610)."""
    draft = extract(
        "Plan\n\n1. Möten\n\nStyrgruppen ska träffas varannan vecka. "
        "Arbetsgruppen ska träffas två gånger per läsår. Det händer fyra gånger per år."
    )
    assert {"AP608", "AP609", "AP610"} <= set(_codes(draft))
    unreadable = draft.plan.forum("arbetsgruppen").cadence
    assert isinstance(unreadable, NotStated)
    assert unreadable.text == "två gånger per läsår"


def test_an_anchor_date_in_the_sentence_is_used():
    """'varannan vecka från 2027-01-13' can be scheduled: no AP608."""
    draft = extract("Plan\n\n1. Möten\n\nStyrgruppen ska träffas varannan vecka från 2027-01-13.")
    assert draft.plan.forums[0].cadence.anchor == date(2027, 1, 13)
    assert "AP608" not in _codes(draft)


def test_members_without_a_forum_give_a_finding():
    """'Där ingår ...' with no forum before it cannot be placed: AP613."""
    draft = extract("Plan\n\n1. Samverkan\n\nDär ingår polisen och socialtjänsten.")
    assert _codes(draft)["AP613"] == 1
    assert draft.plan.forums == ()


def test_contact_without_resource_becomes_a_resource_with_a_finding():
    """A phone number alone becomes a resource of kind other, flagged AP616."""
    draft = extract("Plan\n\n1. Stöd\n\nRing 08-123 45 67 för råd.")
    (resource,) = draft.plan.resources
    assert (resource.phone, resource.kind) == ("08-123 45 67", ResourceKind.OTHER)
    assert _codes(draft)["AP616"] == 1


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("Svaret är ja.", InvitationStatus.ACCEPTED),
        ("Kommunen har tackat nej.", InvitationStatus.DECLINED),
        ("Vi inväntar svar.", InvitationStatus.ASKED),
    ],
)
def test_invitation_status_is_read_from_the_answer(answer, status):
    """The sentence after an invitation tells whether it was accepted or declined."""
    text = (
        f"Plan\n\n1. Brå\n\nBrå ska träffas varje kvartal. Vi har bjudit in Sala kommun. {answer}"
    )
    (invitation,) = extract(text).plan.invitations
    assert invitation.municipality.code == "1981"
    assert (invitation.forum, invitation.status) == ("bra", status)


# --- writing, files and the lexicon ----------------------------------------------------------


def test_write_toml_puts_the_review_list_on_top_and_still_loads(tmp_path, draft):
    """The findings are TOML comments above the plan; the file loads as the same plan."""
    target = tmp_path / "utkast.toml"
    assert write(draft, target) == (target,)
    text = target.read_text(encoding="utf-8")
    header = text.split("\n\n[", 1)[0].split("\nformat_version")[0]
    assert all(line.startswith("#") for line in header.splitlines() if line)
    assert "AP606" in header
    assert actionplan.load(target) == draft.plan
    write(draft, target)
    assert target.read_text(encoding="utf-8") == text


def test_write_json_puts_the_review_list_beside_the_plan(tmp_path, draft):
    """JSON holds no comments: the review list goes to a companion .review.md file."""
    target = tmp_path / "utkast.json"
    plan_file, notes = write(draft, target)
    assert (plan_file, notes.name) == (target, "utkast.review.md")
    assert actionplan.load(target) == draft.plan
    assert notes.read_text(encoding="utf-8") == review(draft)


def test_write_refuses_an_unknown_suffix(tmp_path, draft):
    """Only plan file formats can be written."""
    with pytest.raises(PlanFileError, match=r"\.txt"):
        write(draft, tmp_path / "utkast.txt")


def test_review_lists_findings_and_items_in_swedish_too(draft):
    """The review list names every finding and every item with its confidence."""
    text = review(draft, lang="sv")
    assert text.startswith("# Utkast till plan att granska")
    assert text.count("\n- ") == len(draft.findings) + len(draft.items)
    assert "varning AP606" in text


def test_extract_file_refuses_other_file_types(tmp_path):
    """PDF is out of scope; the message names the types that are read."""
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF-1.4")
    with pytest.raises(PlanFileError, match=r"\.txt, \.md or \.docx"):
        extract_file(target)


def test_extract_file_reports_a_missing_file(tmp_path):
    """A file that cannot be read is a PlanFileError naming it."""
    with pytest.raises(PlanFileError, match=r"saknas\.txt"):
        extract_file(tmp_path / "saknas.txt")


def test_docx_without_python_docx_asks_for_text(tmp_path):
    """Word files need python-docx; without it the error says how to go on."""
    try:
        import docx  # noqa: F401, PLC0415
    except ImportError:
        target = tmp_path / "plan.docx"
        target.write_bytes(b"PK")
        with pytest.raises(PlanFileError, match="python-docx"):
            extract_file(target)
    else:
        pytest.skip("python-docx is installed")


def test_malformed_lexicon_entry_names_its_path(tmp_path):
    """An unknown actor kind in a lexicon file is an error naming the entry and the choices."""
    bad = tmp_path / "fel.toml"
    bad.write_text('[[actor]]\nid = "x"\nkind = "dragon"\nforms = ["x"]\n', encoding="utf-8")
    with pytest.raises(InvalidValueError) as caught:
        extract("Plan", lexicon=bad)
    assert caught.value.field == "actor[0].kind"
    assert "police" in str(caught.value)


def test_lexicon_entry_ids_must_be_plan_ids(tmp_path):
    """An id a plan cannot use is refused when the lexicon is read, not halfway through."""
    bad = tmp_path / "fel.toml"
    bad.write_text('[[actor]]\nid = "Polisen X"\nkind = "police"\nforms = ["x"]\n', "utf-8")
    with pytest.raises(InvalidValueError) as caught:
        Lexicon.load(bad)
    assert caught.value.field == "actor[0].id"


def test_extra_entry_with_a_bundled_id_replaces_it(tmp_path):
    """A municipality can rename a bundled actor and give it its own words."""
    own = tmp_path / "egen.toml"
    own.write_text(
        '[[actor]]\nid = "polisen"\nname = "Lokalpolisområde Norr"\nkind = "police"\n'
        'forms = ["lpo norr"]\n',
        encoding="utf-8",
    )
    lexicon = Lexicon.load(own)
    assert [e.name for e in lexicon.actors if e.id == "polisen"] == ["Lokalpolisområde Norr"]
    draft = extract("Plan\n\n1. X\n\nLPO Norr ska delta. Polisen ska delta.", lexicon=lexicon)
    assert [m.responsible for m in draft.plan.measures] == [("polisen",), ()]


def test_lexicon_that_is_not_toml_is_a_file_error(tmp_path):
    """A broken lexicon file is reported as a file problem."""
    bad = tmp_path / "fel.toml"
    bad.write_text("[[actor]\n", encoding="utf-8")
    with pytest.raises(PlanFileError, match="not a TOML file"):
        Lexicon.load(bad)


def test_bundled_lexicon_has_the_county_municipalities():
    """The Västmanland municipalities come with their four-digit codes."""
    codes = {m.name: m.code for m in Lexicon.bundled().municipalities}
    assert codes == {
        "Skinnskatteberg": "1904",
        "Surahammar": "1907",
        "Kungsör": "1960",
        "Hallstahammar": "1961",
        "Norberg": "1962",
        "Västerås": "1980",
        "Sala": "1981",
        "Fagersta": "1982",
        "Köping": "1983",
        "Arboga": "1984",
    }


def test_compare_counts_what_differs():
    """A draft missing a measure loses recall; an extra actor loses precision."""
    seed = actionplan.example()
    fewer = attrs.evolve(
        seed,
        measures=seed.measures[1:],
        actors=(*seed.actors, actionplan.Actor(id="extra", name="Extra")),
    )
    metrics = {m.name: m for m in compare(fewer, seed)}
    assert (metrics["commitments"].true_positives, metrics["commitments"].false_negatives) == (
        20,
        1,
    )
    assert metrics["actors-by-id"].false_positives == 1
    assert metrics["actors-by-id"].precision == pytest.approx(15 / 16)


def test_benchmark_script_reports_the_seed_scores():
    """benchmarks/extraction_score.py prints precision and recall and meets its targets."""
    script = Path(__file__).parents[1] / "benchmarks" / "extraction_score.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "commitments+modality" in result.stdout
    assert "precision" in result.stdout
