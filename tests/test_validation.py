"""Whole-plan validation: integrity codes AP101-AP104 and the plan rules AP201-AP214."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import resources
from typing import Any

import attrs
import pytest

from actionplan import (
    CODES,
    Actor,
    ActorKind,
    AsNeeded,
    Citation,
    Contribution,
    Dates,
    Finding,
    FollowUp,
    Forum,
    ForumKind,
    Invitation,
    InvitationStatus,
    Measure,
    MeasureStatus,
    Membership,
    Milieu,
    Modality,
    Municipality,
    NotStated,
    Period,
    PerPeriod,
    Plan,
    PreventionLevel,
    Resource,
    ResourceKind,
    Role,
    Rule,
    Section,
    Severity,
    SituationalPicture,
    Source,
    Validity,
    example,
    integrity,
    validate,
)

TODAY = date(2024, 6, 1)

BRA_QUOTE = "Brå bör träffas minst fyra gånger per år."


def clean_plan() -> Plan:
    """A small plan that gives no finding at all on TODAY; every test changes one thing."""
    return Plan(
        id="provplan",
        title="Provplan",
        municipalities=[
            Municipality(code="1982", name="Fagersta"),
            Municipality(code="1962", name="Norberg"),
        ],
        validity=Validity(valid_from=date(2024, 1, 1), revise_by=date(2025, 12, 31)),
        sections=[
            Section(number="1", heading="Samverkan", text=BRA_QUOTE),
            Section(number="2", heading="Samverkan i befintliga strukturer"),
        ],
        actors=[
            Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE),
            Actor(id="skolan", name="Skolan", kind=ActorKind.SCHOOL, municipality="1982"),
            Actor(
                id="socialtjansten",
                name="Socialtjänsten",
                kind=ActorKind.SOCIAL_SERVICES,
                municipality="1962",
            ),
        ],
        forums=[
            Forum(
                id="bra",
                name="Brå",
                kind=ForumKind.CRIME_PREVENTION_COUNCIL,
                members=[Membership(actor="polisen"), Membership(actor="skolan", role=Role.CHAIR)],
                cadence=PerPeriod(count=4, modality=Modality.SHOULD),
                municipalities=["1982"],
                source=Source(section="1", quote=BRA_QUOTE),
            )
        ],
        measures=[
            Measure(
                id="trygghetsvandring",
                description="Trygghetsvandringar",
                responsible=["skolan"],
                participants=["polisen"],
                forums=["bra"],
                levels=[PreventionLevel.PREVENTIVE],
                milieus=["vit-makt"],
                resources=["stodtelefon"],
                source=Source(section="2"),
            )
        ],
        milieus=[Milieu(id="vit-makt", name="Vit makt-miljön")],
        situational_pictures=[
            SituationalPicture(
                id="lagesbild",
                name="Lokal lägesbild",
                producer="bra",
                contributors=[Contribution(actor="polisen", central=True)],
                milieus=["vit-makt"],
                refresh=PerPeriod(count=1),
                last_updated=date(2024, 1, 15),
                source=Source(section="1"),
            )
        ],
        invitations=[
            Invitation(
                id="polisen-bra",
                actor="polisen",
                forum="bra",
                subject="Delta i Brå",
                status=InvitationStatus.ACCEPTED,
            )
        ],
        resources=[Resource(id="stodtelefon", name="Stödtelefon", kind=ResourceKind.HELPLINE)],
        follow_ups=[
            FollowUp(
                id="uppfoljning",
                description="Uppföljning i ordinarie uppföljningsarbete",
                responsible=["socialtjansten"],
            )
        ],
    )


def at(plan: Plan, name: str, index: int, **changes: Any) -> Plan:
    """Return *plan* with item *index* of list *name* changed by ``attrs.evolve``."""
    items = list(getattr(plan, name))
    items[index] = attrs.evolve(items[index], **changes)
    return attrs.evolve(plan, **{name: items})


def add(plan: Plan, name: str, *items: Any) -> Plan:
    """Return *plan* with *items* appended to list *name*."""
    return attrs.evolve(plan, **{name: (*getattr(plan, name), *items)})


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


# --- a clean plan ----------------------------------------------------------------------


def test_clean_plan_gives_no_finding():
    """The base plan is clean, so every rule below fires because of one change alone."""
    assert integrity(clean_plan()) == []
    assert validate(clean_plan(), today=TODAY) == []


# --- AP101 duplicate ids -----------------------------------------------------------------


DUPLICATES = [
    ("actors", "actors[3].id", "polisen"),
    ("forums", "forums[1].id", "bra"),
    ("measures", "measures[1].id", "trygghetsvandring"),
    ("milieus", "milieus[1].id", "vit-makt"),
    ("situational_pictures", "situational_pictures[1].id", "lagesbild"),
    ("invitations", "invitations[1].id", "polisen-bra"),
    ("resources", "resources[1].id", "stodtelefon"),
    ("follow_ups", "follow_ups[1].id", "uppfoljning"),
    ("municipalities", "municipalities[2].code", "1982"),
]


@pytest.mark.parametrize(("name", "path", "item_id"), DUPLICATES)
def test_duplicate_id_in_any_list_is_an_error(name, path, item_id):
    """An id used twice in one list gives AP101 at the second occurrence."""
    plan = clean_plan()
    plan = add(plan, name, getattr(plan, name)[0])
    [finding] = only(integrity(plan), "AP101")
    assert finding.severity is Severity.ERROR
    assert finding.path == path
    assert finding.subject == item_id
    assert f"{item_id!r} is used twice in {name}" in finding.message
    assert f"{item_id!r} används två gånger i {name}" in finding.message_sv


def test_same_id_in_different_lists_is_no_duplicate():
    """Ids are unique per list: an actor and a forum may share one."""
    plan = add(clean_plan(), "forums", Forum(id="polisen", name="Polisens forum"))
    assert only(validate(plan), "AP101") == []


# --- AP102 unknown references ------------------------------------------------------------


def _member(plan: Plan, actor: str) -> Plan:
    members = (Membership(actor=actor), *plan.forums[0].members[1:])
    return at(plan, "forums", 0, members=members)


def _contributor(plan: Plan, actor: str) -> Plan:
    return at(plan, "situational_pictures", 0, contributors=[Contribution(actor=actor)])


REFERENCES: list[tuple[str, Callable[[Plan, str], Plan], str, str, str]] = [
    (
        "actors[1].municipality",
        lambda p, v: at(p, "actors", 1, municipality=v),
        "1983",
        "1982",
        "municipality",
    ),
    ("forums[0].members[0].actor", _member, "polisn", "polisen", "actor"),
    (
        "forums[0].municipalities[0]",
        lambda p, v: at(p, "forums", 0, municipalities=[v]),
        "1983",
        "1982",
        "municipality",
    ),
    (
        "measures[0].responsible[0]",
        lambda p, v: at(p, "measures", 0, responsible=[v]),
        "skolann",
        "skolan",
        "actor",
    ),
    (
        "measures[0].participants[0]",
        lambda p, v: at(p, "measures", 0, participants=[v]),
        "polisn",
        "polisen",
        "actor",
    ),
    (
        "measures[0].forums[0]",
        lambda p, v: at(p, "measures", 0, forums=[v]),
        "braa",
        "bra",
        "forum",
    ),
    (
        "measures[0].milieus[0]",
        lambda p, v: at(p, "measures", 0, milieus=[v]),
        "vit-mak",
        "vit-makt",
        "milieu",
    ),
    (
        "measures[0].resources[0]",
        lambda p, v: at(p, "measures", 0, resources=[v]),
        "stodtelefonen",
        "stodtelefon",
        "resource",
    ),
    (
        "situational_pictures[0].producer",
        lambda p, v: at(p, "situational_pictures", 0, producer=v),
        "braa",
        "bra",
        "forum",
    ),
    (
        "situational_pictures[0].contributors[0].actor",
        _contributor,
        "polisn",
        "polisen",
        "actor",
    ),
    (
        "situational_pictures[0].milieus[0]",
        lambda p, v: at(p, "situational_pictures", 0, milieus=[v]),
        "vit-mak",
        "vit-makt",
        "milieu",
    ),
    (
        "invitations[0].actor",
        lambda p, v: at(p, "invitations", 0, actor=v),
        "polisn",
        "polisen",
        "actor",
    ),
    (
        "invitations[0].forum",
        lambda p, v: at(p, "invitations", 0, forum=v),
        "braa",
        "bra",
        "forum",
    ),
    (
        "follow_ups[0].responsible[0]",
        lambda p, v: at(p, "follow_ups", 0, responsible=[v]),
        "socialtjanst",
        "socialtjansten",
        "actor",
    ),
]


@pytest.mark.parametrize(
    ("path", "change", "typo", "meant", "noun"),
    REFERENCES,
    ids=[case[0] for case in REFERENCES],
)
def test_misspelt_reference_is_an_error_with_a_suggestion(path, change, typo, meant, noun):
    """A reference in any field that names nothing gives AP102 and suggests the nearest id."""
    [finding] = only(integrity(change(clean_plan(), typo)), "AP102")
    assert finding.severity is Severity.ERROR
    assert finding.path == path
    assert finding.subject == typo
    assert finding.message == f"unknown {noun} {typo!r}; did you mean {meant!r}?"
    assert finding.message_sv.endswith(f"menade du {meant!r}?")


def test_unknown_reference_without_a_near_id_lists_the_known_ids():
    """With no near match, AP102 lists every id of that kind instead of guessing."""
    plan = at(clean_plan(), "measures", 0, forums=["samverkansgruppen"])
    [finding] = only(integrity(plan), "AP102")
    assert finding.message == "unknown forum 'samverkansgruppen'; known: 'bra'"
    assert finding.message_sv == "okänd forum 'samverkansgruppen'; kända: 'bra'"


def test_reference_to_a_kind_the_plan_lacks_says_so():
    """When the plan defines no resource at all, AP102 says that instead of listing ids."""
    plan = attrs.evolve(clean_plan(), resources=())
    [finding] = only(integrity(plan), "AP102")
    assert finding.path == "measures[0].resources[0]"
    assert finding.message == "unknown resource 'stodtelefon'; the plan defines no resource"
    assert finding.message_sv.endswith("planen definierar ingen resurs")


# --- AP103 and AP104 sections ------------------------------------------------------------


def test_source_citing_a_missing_section_is_an_error():
    """A source naming a section the plan lacks gives AP103 and lists the sections."""
    plan = at(clean_plan(), "measures", 0, source=Source(section="9"))
    [finding] = only(integrity(plan), "AP103")
    assert finding.severity is Severity.ERROR
    assert finding.path == "measures[0].source.section"
    assert finding.subject == "9"
    assert finding.message.endswith("(sections: 1, 2)")
    assert finding.message_sv.endswith("(punkter: 1, 2)")


def test_sources_are_not_checked_when_the_plan_has_no_sections():
    """Without sections there is nothing to check sources against: AP212, never AP103."""
    plan = attrs.evolve(clean_plan(), sections=())
    found = codes(validate(plan))
    assert "AP103" not in found
    assert "AP212" in found


def test_section_numbered_twice_is_an_error():
    """Two sections with one number give AP104 at the second."""
    plan = add(clean_plan(), "sections", Section(number="2", heading="Igen"))
    [finding] = only(integrity(plan), "AP104")
    assert finding.severity is Severity.ERROR
    assert finding.path == "sections[2].number"
    assert finding.subject == "2"


# --- AP201 forum without members ---------------------------------------------------------


GROUP_QUOTE = "Det arbete som sker på individnivå i samverkansgruppen"
GROUP = Forum(
    id="samverkansgruppen",
    name="Samverkansgruppen",
    kind=ForumKind.COLLABORATION_GROUP,
    cadence=AsNeeded(),
    source=Source(section="1", quote=GROUP_QUOTE),
)


def test_forum_named_but_never_defined_is_reported_with_its_citation():
    """A forum without members gives AP201, citing the sentence that names it."""
    [finding] = only(validate(add(clean_plan(), "forums", GROUP)), "AP201")
    assert finding.severity is Severity.WARNING
    assert finding.path == "forums[1].members"
    assert finding.subject == "samverkansgruppen"
    assert "never says who is in it" in finding.message
    assert "saknar medlemmar" in finding.message_sv
    assert finding.citation == Citation(section="1", heading="Samverkan", quote=GROUP_QUOTE)


# --- AP202 forum without cadence ---------------------------------------------------------


def test_vague_cadence_is_quoted_as_not_measurable():
    """A forum whose cadence is only "kontinuerliga" gives AP202 quoting those words."""
    forum = attrs.evolve(GROUP, members=[Membership(actor="polisen")])
    forum = attrs.evolve(forum, cadence=NotStated(text="kontinuerliga"))
    [finding] = only(validate(add(clean_plan(), "forums", forum)), "AP202")
    assert finding.severity is Severity.WARNING
    assert finding.path == "forums[1].cadence"
    assert "no measurable cadence: the plan only says 'kontinuerliga'" in finding.message
    assert "ingen mätbar mötesfrekvens: planen säger bara 'kontinuerliga'" in finding.message_sv


def test_missing_cadence_is_reported_as_not_stated():
    """A forum with no cadence at all gives AP202 saying the plan does not say."""
    plan = at(clean_plan(), "forums", 0, cadence=NotStated())
    [finding] = only(validate(plan), "AP202")
    assert finding.message.endswith("the plan does not say how often it meets")
    assert finding.citation is not None
    assert finding.citation.quote == BRA_QUOTE


def test_forum_meeting_as_needed_has_a_cadence():
    """Meeting "vid behov" is a cadence: no AP202."""
    plan = at(clean_plan(), "forums", 0, cadence=AsNeeded(text="vid behov"))
    assert only(validate(plan), "AP202") == []


# --- AP203 shall measure without responsible ---------------------------------------------


def test_shall_measure_without_responsible_is_a_warning():
    """A *ska* measure with nobody responsible gives AP203 on its responsible list."""
    plan = at(clean_plan(), "measures", 0, responsible=())
    [finding] = only(validate(plan), "AP203")
    assert finding.severity is Severity.WARNING
    assert finding.path == "measures[0].responsible"
    assert finding.subject == "trygghetsvandring"
    assert finding.citation == Citation(section="2", heading="Samverkan i befintliga strukturer")


@pytest.mark.parametrize("modality", [Modality.SHOULD, Modality.MAY])
def test_weaker_measure_without_responsible_is_not_reported(modality):
    """Only a *ska* demands a responsible actor."""
    plan = at(clean_plan(), "measures", 0, responsible=(), modality=modality)
    assert only(validate(plan), "AP203") == []


@pytest.mark.parametrize("status", [MeasureStatus.COMPLETED, MeasureStatus.DISCONTINUED])
def test_finished_measure_without_responsible_is_not_reported(status):
    """Nobody needs to answer for work that is done or dropped."""
    plan = at(clean_plan(), "measures", 0, responsible=(), status=status)
    assert only(validate(plan), "AP203") == []


# --- AP204 and AP205 invitations ---------------------------------------------------------


def test_unanswered_invitation_is_a_warning():
    """An invitation still at 'asked' gives AP204 naming the invitee and the question."""
    plan = at(clean_plan(), "invitations", 0, status=InvitationStatus.ASKED)
    [finding] = only(validate(plan), "AP204")
    assert finding.severity is Severity.WARNING
    assert finding.path == "invitations[0].status"
    assert finding.subject == "polisen-bra"
    assert finding.message == "actor 'polisen' has not answered yet: Delta i Brå"
    assert finding.message_sv == "aktören 'polisen' har inte svarat ännu: Delta i Brå"


SKINNSKATTEBERG = Invitation(
    id="skinnskatteberg-bra",
    municipality=Municipality(code="1904", name="Skinnskatteberg"),
    subject="Ett gemensamt Brå",
    status=InvitationStatus.DECLINED_FOR_NOW,
    source=Source(section="2", quote="Svaret är tillsvidare nej."),
)


def test_invitation_declined_for_now_is_information_citing_its_section():
    """A municipality that said no for now gives AP205 (info) naming the plan's section."""
    [finding] = only(validate(add(clean_plan(), "invitations", SKINNSKATTEBERG)), "AP205")
    assert finding.severity is Severity.INFO
    assert finding.path == "invitations[1].status"
    assert finding.subject == "skinnskatteberg-bra"
    assert finding.message == "Skinnskatteberg declined for now: Ett gemensamt Brå (section 2)"
    assert finding.message_sv == (
        "Skinnskatteberg har tackat nej tills vidare: Ett gemensamt Brå (punkt 2)"
    )
    assert finding.citation == Citation(
        section="2", heading="Samverkan i befintliga strukturer", quote="Svaret är tillsvidare nej."
    )


def test_invitation_declined_for_good_says_declined():
    """A plain 'declined' is reported as such, without a section when there is no source."""
    plan = at(clean_plan(), "invitations", 0, status=InvitationStatus.DECLINED)
    [finding] = only(validate(plan), "AP205")
    assert finding.message == "actor 'polisen' declined: Delta i Brå"
    assert finding.citation is None


# --- AP206 actor without part ------------------------------------------------------------


REGION_QUOTE = "Landstinget kan också vara en viktig samverkanspartner."
LANDSTINGET = Actor(
    id="landstinget",
    name="Landstinget",
    kind=ActorKind.REGION,
    modality=Modality.MAY,
    source=Source(section="1", quote=REGION_QUOTE),
)


def test_optional_actor_without_part_is_information():
    """An actor the plan says *may* take part, with no part, gives AP206 as information."""
    [finding] = only(validate(add(clean_plan(), "actors", LANDSTINGET)), "AP206")
    assert finding.severity is Severity.INFO
    assert finding.path == "actors[3]"
    assert finding.subject == "landstinget"
    assert finding.message.endswith("(the plan only says it may take part)")
    assert finding.message_sv.endswith("(planen säger bara att den kan delta)")
    assert finding.citation == Citation(section="1", heading="Samverkan", quote=REGION_QUOTE)


@pytest.mark.parametrize("modality", [None, Modality.SHOULD, Modality.SHALL])
def test_required_actor_without_part_is_a_warning(modality):
    """Any actor not marked *may* that has no part gives AP206 as a warning."""
    actor = attrs.evolve(LANDSTINGET, modality=modality)
    [finding] = only(validate(add(clean_plan(), "actors", actor)), "AP206")
    assert finding.severity is Severity.WARNING
    assert "may take part" not in finding.message


PARTS: list[tuple[str, Callable[[Plan], Plan]]] = [
    ("forum seat", lambda p: _member(p, "landstinget")),
    ("measure responsible", lambda p: at(p, "measures", 0, responsible=["skolan", "landstinget"])),
    ("measure participant", lambda p: at(p, "measures", 0, participants=["landstinget"])),
    ("picture contributor", lambda p: _contributor(p, "landstinget")),
    (
        "follow-up responsible",
        lambda p: at(p, "follow_ups", 0, responsible=["socialtjansten", "landstinget"]),
    ),
]


@pytest.mark.parametrize(("part", "give"), PARTS, ids=[case[0] for case in PARTS])
def test_actor_with_any_part_is_not_reported(part, give):
    """A seat, a measure, a contribution or a follow-up is a part: no AP206 for that actor."""
    plan = give(add(clean_plan(), "actors", LANDSTINGET))
    assert only(validate(plan), "AP206") == [], part


# --- AP207 and AP208 prevention levels ---------------------------------------------------


def test_measure_without_level_is_information():
    """A measure with no prevention level gives AP207."""
    plan = at(clean_plan(), "measures", 0, levels=())
    [finding] = only(validate(plan), "AP207")
    assert finding.severity is Severity.INFO
    assert finding.path == "measures[0].levels"
    assert finding.subject == "trygghetsvandring"


def _measure(measure_id: str, *levels: PreventionLevel) -> Measure:
    return Measure(
        id=measure_id,
        description=measure_id,
        responsible=["skolan"],
        levels=levels,
        source=Source(section="2"),
    )


def test_measure_from_a_minority_scheme_is_reported():
    """Levels from a second scheme give AP208 on the measures outside the plan's main one."""
    plan = add(
        clean_plan(),
        "measures",
        _measure("fritid", PreventionLevel.PROMOTIVE),
        _measure("skolinsats", PreventionLevel.UNIVERSAL),
    )
    [finding] = only(validate(plan), "AP208")
    assert finding.severity is Severity.WARNING
    assert finding.path == "measures[2].levels"
    assert finding.subject == "skolinsats"
    assert "(universal) than most measures (promotive / preventive / interventive)" in (
        finding.message
    )
    assert "crosswalk" in finding.message
    assert "(universell) än de flesta åtgärder" in finding.message_sv


def test_measure_mixing_schemes_names_only_the_foreign_levels():
    """A measure using its plan's scheme and another is reported for the foreign levels."""
    plan = at(
        clean_plan(),
        "measures",
        0,
        levels=[PreventionLevel.PREVENTIVE, PreventionLevel.SELECTIVE, PreventionLevel.TERTIARY],
    )
    plan = add(plan, "measures", _measure("fritid", PreventionLevel.PROMOTIVE))
    [finding] = only(validate(plan), "AP208")
    assert finding.subject == "trygghetsvandring"
    assert "(selective, tertiary)" in finding.message


def test_tie_between_schemes_keeps_the_first_scheme():
    """With one measure per scheme, the first scheme in PreventionScheme order is the main one."""
    plan = add(clean_plan(), "measures", _measure("sekundar", PreventionLevel.SECONDARY))
    assert [f.subject for f in only(validate(plan), "AP208")] == ["sekundar"]


def test_one_scheme_throughout_is_not_a_mix():
    """All three levels of one scheme are fine together."""
    plan = add(
        clean_plan(),
        "measures",
        _measure("fritid", PreventionLevel.PROMOTIVE),
        _measure("individ", PreventionLevel.INTERVENTIVE),
    )
    assert only(validate(plan), "AP208") == []


# --- AP209, AP210, AP211 situational pictures --------------------------------------------


def test_situational_picture_without_milieus_is_a_warning():
    """A picture covering no milieu gives AP209."""
    plan = at(clean_plan(), "situational_pictures", 0, milieus=())
    [finding] = only(validate(plan), "AP209")
    assert finding.severity is Severity.WARNING
    assert finding.path == "situational_pictures[0].milieus"
    assert finding.subject == "lagesbild"


def test_situational_picture_without_producer_is_a_warning():
    """A picture no forum produces gives AP211."""
    plan = at(clean_plan(), "situational_pictures", 0, producer=None)
    [finding] = only(validate(plan), "AP211")
    assert finding.severity is Severity.WARNING
    assert finding.path == "situational_pictures[0].producer"


def _picture(refresh: Any, last_updated: date | None = date(2023, 1, 1)) -> Plan:
    return at(clean_plan(), "situational_pictures", 0, refresh=refresh, last_updated=last_updated)


def test_yearly_picture_older_than_a_year_is_stale():
    """A picture to be updated once a year, last updated 517 days ago, gives AP210."""
    [finding] = only(validate(_picture(PerPeriod(count=1)), today=TODAY), "AP210")
    assert finding.severity is Severity.WARNING
    assert finding.path == "situational_pictures[0].last_updated"
    assert finding.message == (
        "situational picture 'lagesbild' was last updated 2023-01-01, 517 days before "
        "2024-06-01; its refresh cadence allows at most 366 days"
    )
    assert "517 dagar före 2024-06-01" in finding.message_sv


@pytest.mark.parametrize(
    ("refresh", "today", "stale"),
    [
        (PerPeriod(count=1), date(2024, 1, 2), False),  # 366 days: a leap year's length
        (PerPeriod(count=1), date(2024, 1, 3), True),
        (PerPeriod(count=2, period=Period.YEAR), date(2023, 7, 3), False),  # 183 days
        (PerPeriod(count=2, period=Period.YEAR), date(2023, 7, 4), True),
        (PerPeriod(count=1, period=Period.MONTH), date(2023, 2, 1), False),  # 31 days
        (PerPeriod(count=1, period=Period.MONTH), date(2023, 2, 2), True),
        (Rule(rrule="FREQ=MONTHLY;INTERVAL=3", start=date(2020, 1, 1)), date(2023, 4, 4), False),
        (Rule(rrule="FREQ=MONTHLY;INTERVAL=3", start=date(2020, 1, 1)), date(2023, 4, 5), True),
        (Rule(rrule="FREQ=YEARLY", start=date(2020, 1, 1)), date(2024, 1, 3), True),
    ],
)
def test_staleness_follows_the_refresh_cadence(refresh, today, stale):
    """The allowed age is the longest period divided by the count, or FREQ times INTERVAL."""
    found = only(validate(_picture(refresh), today=today), "AP210")
    assert bool(found) is stale


def test_one_day_is_written_in_the_singular():
    """Counts of one day read "1 day" and "1 dag"."""
    plan = _picture(Rule(rrule="FREQ=DAILY", start=date(2020, 1, 1)))
    [finding] = only(validate(plan, today=date(2023, 1, 3)), "AP210")
    assert finding.message.endswith("allows at most 1 day")
    assert finding.message_sv.endswith("tillåter högst 1 dag")


def test_passed_update_date_makes_a_picture_stale():
    """With a list of update dates, a date after the last update that has passed gives AP210."""
    refresh = Dates(dates=[date(2024, 9, 1), date(2024, 3, 1)])
    [finding] = only(validate(_picture(refresh, date(2024, 1, 15)), today=TODAY), "AP210")
    assert finding.message.endswith("an update was due on 2024-03-01")
    assert finding.message_sv.endswith("en uppdatering skulle ha gjorts 2024-03-01")


def test_picture_updated_after_its_last_due_date_is_fresh():
    """Updated after the only date that has passed: no AP210."""
    refresh = Dates(dates=[date(2024, 3, 1), date(2024, 9, 1)])
    assert only(validate(_picture(refresh, date(2024, 3, 5)), today=TODAY), "AP210") == []


@pytest.mark.parametrize(
    ("refresh", "last_updated"),
    [
        (NotStated(text="uppdaterad"), date(2000, 1, 1)),
        (AsNeeded(), date(2000, 1, 1)),
        (PerPeriod(count=1), None),
        (PerPeriod(count=1), date(2025, 1, 1)),
        (Rule(rrule="FREQ=MONTHLY;COUNT=3", start=date(2000, 1, 1)), date(2000, 1, 1)),
        (Rule(rrule="FREQ=MONTHLY;UNTIL=20010101", start=date(2000, 1, 1)), date(2000, 1, 1)),
        (Rule(rrule="FREQ=MONTHLY", start=date(2030, 1, 1)), date(2000, 1, 1)),
    ],
    ids=["not-stated", "as-needed", "no-date", "future-date", "count", "until", "not-started"],
)
def test_staleness_is_not_checked_where_the_plan_cannot_tell(refresh, last_updated):
    """Unstated or as-needed cadences, unknown dates and bounded or future rules give no AP210."""
    assert only(validate(_picture(refresh, last_updated), today=TODAY), "AP210") == []


def test_staleness_is_not_checked_without_a_day():
    """Without *today* the result does not depend on the clock: no AP210."""
    assert only(validate(_picture(PerPeriod(count=1))), "AP210") == []


# --- AP212, AP213 sources ----------------------------------------------------------------


def test_plan_without_sections_is_information():
    """A plan holding none of its sections gives AP212 once, about the plan."""
    [finding] = only(validate(attrs.evolve(clean_plan(), sections=())), "AP212")
    assert finding.severity is Severity.INFO
    assert finding.path == "sections"
    assert finding.subject == "provplan"


@pytest.mark.parametrize(
    ("name", "path", "subject"),
    [
        ("forums", "forums[0].source", "bra"),
        ("measures", "measures[0].source", "trygghetsvandring"),
    ],
)
def test_part_without_source_is_information(name, path, subject):
    """A forum or a measure without a source gives AP213, with no citation."""
    [finding] = only(validate(at(clean_plan(), name, 0, source=None)), "AP213")
    assert finding.severity is Severity.INFO
    assert finding.path == path
    assert finding.subject == subject
    assert finding.citation is None


# --- AP214 revision date -----------------------------------------------------------------


def test_plan_past_its_revision_date_is_a_warning():
    """A revise-by date before today gives AP214."""
    plan = attrs.evolve(clean_plan(), validity=Validity(revise_by=date(2024, 5, 31)))
    [finding] = only(validate(plan, today=TODAY), "AP214")
    assert finding.severity is Severity.WARNING
    assert finding.path == "validity.revise_by"
    assert finding.message == "the plan was to be revised by 2024-05-31, 1 day before 2024-06-01"
    assert finding.message_sv == (
        "planen skulle ha reviderats senast 2024-05-31, 1 dag före 2024-06-01"
    )


@pytest.mark.parametrize(
    ("validity", "today"),
    [
        (Validity(revise_by=TODAY), TODAY),
        (Validity(revise_by=date(2000, 1, 1)), None),
        (Validity(valid_until=date(2000, 1, 1)), TODAY),
        (None, TODAY),
    ],
    ids=["due-today", "no-day", "no-revise-by", "no-validity"],
)
def test_plan_not_past_revision_is_not_reported(validity, today):
    """On the day itself, without a day, or without a revision date: no AP214."""
    plan = attrs.evolve(clean_plan(), validity=validity)
    assert only(validate(plan, today=today), "AP214") == []


# --- every code, ordering ----------------------------------------------------------------


CASES: dict[str, Callable[[], tuple[Plan, date | None]]] = {
    "AP101": lambda: (add(clean_plan(), "actors", clean_plan().actors[0]), None),
    "AP102": lambda: (at(clean_plan(), "measures", 0, forums=["braa"]), None),
    "AP103": lambda: (at(clean_plan(), "forums", 0, source=Source(section="7")), None),
    "AP104": lambda: (add(clean_plan(), "sections", Section(number="1", heading="X")), None),
    "AP201": lambda: (add(clean_plan(), "forums", GROUP), None),
    "AP202": lambda: (at(clean_plan(), "forums", 0, cadence=NotStated()), None),
    "AP203": lambda: (at(clean_plan(), "measures", 0, responsible=()), None),
    "AP204": lambda: (
        at(clean_plan(), "invitations", 0, status=InvitationStatus.ASKED),
        None,
    ),
    "AP205": lambda: (add(clean_plan(), "invitations", SKINNSKATTEBERG), None),
    "AP206": lambda: (add(clean_plan(), "actors", attrs.evolve(LANDSTINGET, modality=None)), None),
    "AP207": lambda: (at(clean_plan(), "measures", 0, levels=()), None),
    "AP208": lambda: (
        add(clean_plan(), "measures", _measure("x", PreventionLevel.PRIMARY)),
        None,
    ),
    "AP209": lambda: (at(clean_plan(), "situational_pictures", 0, milieus=()), None),
    "AP210": lambda: (_picture(PerPeriod(count=1)), TODAY),
    "AP211": lambda: (at(clean_plan(), "situational_pictures", 0, producer=None), None),
    "AP212": lambda: (attrs.evolve(clean_plan(), sections=()), None),
    "AP213": lambda: (at(clean_plan(), "measures", 0, source=None), None),
    "AP214": lambda: (
        attrs.evolve(clean_plan(), validity=Validity(revise_by=date(2020, 1, 1))),
        TODAY,
    ),
}


def test_every_validation_code_has_a_case():
    """Each integrity and rule code (AP1xx, AP2xx) has a case below; no case is unknown."""
    assert set(CASES) == {code for code in CODES if code[:3] in ("AP1", "AP2")}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_fires_with_its_registered_severity(code):
    """Each case yields its code, with the severity CODES registers for it."""
    plan, today = CASES[code]()
    found = only(validate(plan, today=today), code)
    assert found
    assert {f.severity for f in found} == {CODES[code].severity}


def test_findings_are_sorted_errors_first_then_by_code_and_path():
    """validate orders by severity, code and path, the same way on every call."""
    plan = add(clean_plan(), "forums", GROUP, attrs.evolve(GROUP, id="grupp2", source=None))
    plan = at(plan, "measures", 0, forums=["braa"], levels=())
    findings = validate(plan, today=TODAY)
    assert [(f.code, f.path) for f in findings] == [
        ("AP102", "measures[0].forums[0]"),
        ("AP201", "forums[1].members"),
        ("AP201", "forums[2].members"),
        ("AP207", "measures[0].levels"),
        ("AP213", "forums[2].source"),
    ]
    assert validate(plan, today=TODAY) == findings


# --- the bundled seed plan ---------------------------------------------------------------

SEED = resources.files("actionplan").joinpath("data", "handlingsplan-vbe-2016.toml")


@pytest.mark.skipif(not SEED.is_file(), reason="the bundled seed plan is not there yet")
def test_seed_plan_reports_the_gaps_its_text_leaves():
    """The 2016 plan: an undefined collaboration group, a meeting place with no cadence,
    Skinnskatteberg's "not for now", and the region that only *may* take part."""
    plan = example()
    findings = validate(plan)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    seen = {(f.code, f.subject): f for f in findings}
    assert ("AP201", "samverkansgruppen") in seen
    assert ("AP202", "civilsamhallets-motesplats") in seen
    invitation = next(
        i for i in plan.invitations if i.municipality and i.municipality.code == "1904"
    )
    declined = seen[("AP205", invitation.id)]
    assert declined.message.startswith("Skinnskatteberg declined for now")
    assert declined.citation is not None
    assert declined.citation.section == "2"
    region = seen[("AP206", "landstinget")]
    assert region.severity is Severity.INFO


def test_indices_in_paths_sort_as_numbers():
    """measures[2] comes before measures[10], as a reader counts."""
    extra = [_measure(f"m{n}") for n in range(1, 11)]
    findings = only(validate(add(clean_plan(), "measures", *extra)), "AP207")
    assert [f.path for f in findings] == [f"measures[{n}].levels" for n in range(1, 11)]
