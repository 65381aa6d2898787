"""Coverage: requirement profiles, each check kind, matrices, overlaps and the county view."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    FollowUp,
    Forum,
    ForumKind,
    InvalidPlanError,
    InvalidValueError,
    Invitation,
    InvitationStatus,
    Measure,
    MeasureStatus,
    Membership,
    Milieu,
    Modality,
    Municipality,
    NotStated,
    PerPeriod,
    Plan,
    PlanFileError,
    PreventionLevel,
    PreventionScheme,
    Resource,
    ResourceKind,
    Role,
    Section,
    Severity,
    SituationalPicture,
    Source,
)
from actionplan.coverage import (
    CHECK_KINDS,
    CODES,
    PROFILES,
    Matrix,
    Profile,
    Requirement,
    actor_level_matrix,
    check,
    county,
    evaluate,
    forum_actor_matrix,
    load_folder,
    load_profile,
    milieu_level_matrix,
    plan_scheme,
    profile,
    shared_actors,
)
from actionplan.serialization import MAX_BYTES

L = PreventionLevel
TODAY = date(2024, 6, 1)
DOC = Path(__file__).parent.parent / "docs" / "explanation" / "coverage.md"


def full_plan() -> Plan:
    """A small plan that meets every check kind below; each test breaks one thing."""
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan för Exempelby",
        municipalities=[Municipality(code="1982", name="Fagersta")],
        sections=[
            Section(number="1", heading="Samverkan"),
            Section(number="2", heading="Åtgärder"),
            Section(number="3", heading="Lägesbild"),
        ],
        actors=[
            Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE),
            Actor(id="skolan", name="Skolan", kind=ActorKind.SCHOOL),
            Actor(id="soc", name="Socialtjänsten", kind=ActorKind.SOCIAL_SERVICES),
            Actor(id="fritid", name="Fritid", kind=ActorKind.LEISURE),
            Actor(id="samordnare", name="Samordnaren", kind=ActorKind.MUNICIPAL_SECURITY),
            Actor(id="foreningen", name="Föreningen", kind=ActorKind.CIVIL_SOCIETY),
            Actor(
                id="regionen",
                name="Regionen",
                kind=ActorKind.REGION,
                modality=Modality.MAY,
                source=Source(section="1", quote="Regionen kan delta."),
            ),
        ],
        forums=[
            Forum(
                id="bra",
                name="Brå",
                kind=ForumKind.CRIME_PREVENTION_COUNCIL,
                members=[
                    Membership(actor="samordnare", role=Role.CONVENER),
                    Membership(actor="polisen"),
                    Membership(actor="skolan"),
                    Membership(actor="soc"),
                    Membership(actor="fritid"),
                    Membership(actor="regionen", modality=Modality.MAY),
                ],
                cadence=PerPeriod(count=4),
                source=Source(section="1", quote="Brå ska träffas fyra gånger per år."),
            ),
            Forum(
                id="dialog",
                name="Dialogmöte",
                kind=ForumKind.DIALOGUE_MEETING,
                members=[Membership(actor="foreningen"), Membership(actor="samordnare")],
                cadence=PerPeriod(count=2),
                source=Source(section="1"),
            ),
        ],
        measures=[
            Measure(
                id="dialog",
                description="Dialog med föreningslivet",
                responsible=["samordnare"],
                participants=["foreningen"],
                forums=["dialog"],
                levels=[L.PROMOTIVE],
                target_groups=["unga"],
                source=Source(section="2"),
            ),
            Measure(
                id="personal",
                description="Utbildning för personal i skola och fritid",
                responsible=["skolan"],
                participants=["soc", "polisen", "fritid"],
                levels=[L.PREVENTIVE],
                target_groups=["personal"],
                source=Source(section="2"),
            ),
            Measure(
                id="stod",
                description="Stöd till anhöriga och till den som vill lämna en miljö",
                responsible=["soc"],
                participants=["polisen"],
                forums=["bra"],
                levels=[L.INTERVENTIVE],
                milieus=["vit-makt"],
                source=Source(section="2", quote="Socialtjänsten ska ge stöd."),
            ),
        ],
        milieus=[Milieu(id="vit-makt", name="Vit makt-miljön")],
        situational_pictures=[
            SituationalPicture(
                id="lagesbild",
                name="Lägesbild",
                producer="bra",
                milieus=["vit-makt"],
                refresh=PerPeriod(count=1),
                last_updated=date(2024, 1, 15),
                source=Source(section="3"),
            )
        ],
        invitations=[
            Invitation(
                id="norberg",
                municipality=Municipality(code="1962", name="Norberg"),
                subject="Ett gemensamt Brå",
                forum="bra",
                status=InvitationStatus.ACCEPTED,
                source=Source(section="1"),
            )
        ],
        resources=[Resource(id="stodtelefon", name="Stödtelefon", kind=ResourceKind.HELPLINE)],
        follow_ups=[FollowUp(id="uppfoljning", description="Årlig uppföljning")],
    )


def at(plan: Plan, name: str, index: int, **changes: Any) -> Plan:
    """Return *plan* with item *index* of list *name* changed by ``attrs.evolve``."""
    items = list(getattr(plan, name))
    items[index] = attrs.evolve(items[index], **changes)
    return attrs.evolve(plan, **{name: items})


def add(plan: Plan, name: str, *items: Any) -> Plan:
    """Return *plan* with *items* appended to list *name*."""
    return attrs.evolve(plan, **{name: (*getattr(plan, name), *items)})


def req(check_kind: str, **params: Any) -> Requirement:
    return Requirement(id="krav", title="Requirement", title_sv="Krav", check=check_kind, **params)


def run(plan: Plan, check_kind: str, *, today: date | None = None, **params: Any):
    """The findings of one requirement of *check_kind* about *plan*."""
    one = Profile(
        id="test",
        name="Test",
        name_sv="Test",
        source="tests",
        requirements=[req(check_kind, **params)],
    )
    return check(plan, one, today=today)


def seed_or_skip() -> Plan:
    if not resources.files("actionplan").joinpath("data/handlingsplan-vbe-2016.toml").is_file():
        pytest.skip("the seed example is not bundled")
    return actionplan.example()


# --- the full plan meets every check ---------------------------------------------------------

PASSING = [
    ("actor-kind-present", {"kinds": ["police", "school"]}),
    ("forum-kind-present", {"kinds": ["crime-prevention-council"]}),
    ("resource-kind-present", {"kinds": ["helpline"]}),
    ("situational-picture-present", {}),
    ("situational-picture-covers-milieus", {}),
    ("situational-picture-fresh", {}),
    ("measures-present", {}),
    ("measure-on-levels", {"levels": [L.PROMOTIVE, L.PREVENTIVE, L.INTERVENTIVE]}),
    ("measure-keywords", {"keywords": ["anhörig"]}),
    ("follow-up-present", {}),
    ("coordinator-present", {}),
    ("every-shall-actor-in-forum", {"modalities": list(Modality)}),
    ("every-stated-level-has-measure", {}),
    ("every-forum-has-cadence", {}),
    ("every-forum-has-members", {}),
    ("every-shall-measure-has-responsible", {}),
    ("no-open-invitation", {}),
    ("actor-kinds-on-levels", {"kinds": ["school", "social-services"], "levels": [L.PREVENTIVE]}),
    ("no-overlapping-measures", {}),
]


def test_every_check_kind_is_exercised():
    """The table of passing cases names each check kind once."""
    assert sorted(kind for kind, _params in PASSING) == list(CHECK_KINDS)


@pytest.mark.parametrize(("check_kind", "params"), PASSING)
def test_full_plan_meets_each_check_kind(check_kind, params):
    """A plan that has everything gives no finding for any check kind."""
    assert run(full_plan(), check_kind, today=TODAY, **params) == []


# --- presence of kinds -----------------------------------------------------------------------


def test_missing_actor_kind_is_reported_with_the_requirement_as_subject():
    """actor-kind-present reports each listed kind the plan does not name."""
    findings = run(full_plan(), "actor-kind-present", kinds=["police", "housing", "county-board"])
    assert [f.code for f in findings] == ["AP501", "AP501"]
    assert {f.subject for f in findings} == {"krav"}
    assert findings[0].path == "actors"
    messages = sorted(f.message for f in findings)
    assert messages == [
        "Requirement: the plan names no actor of the kind county administrative board",
        "Requirement: the plan names no actor of the kind housing company",
    ]
    assert "Krav: planen nämner ingen aktör av slaget bostadsbolag" in {
        f.message_sv for f in findings
    }


def test_any_match_needs_only_one_of_the_kinds():
    """With match = 'any' one present kind is enough; none present gives one finding."""
    assert run(full_plan(), "actor-kind-present", kinds=["housing", "police"], match="any") == []
    [finding] = run(full_plan(), "actor-kind-present", kinds=["housing", "other"], match="any")
    assert "housing company or other" in finding.message


def test_missing_forum_kind_is_reported():
    """forum-kind-present reports a forum kind the plan lacks."""
    [finding] = run(full_plan(), "forum-kind-present", kinds=["collaboration-group"])
    assert (finding.code, finding.path) == ("AP502", "forums")
    assert "collaboration group" in finding.message


def test_missing_resource_kind_is_reported():
    """resource-kind-present reports a resource kind the plan lacks."""
    [finding] = run(full_plan(), "resource-kind-present", kinds=["training", "helpline"])
    assert (finding.code, finding.path) == ("AP503", "resources")
    assert finding.message.endswith("of the kind training")


# --- situational picture ---------------------------------------------------------------------


def test_plan_without_situational_picture_is_reported():
    """situational-picture-present fires when the plan has no picture."""
    plan = attrs.evolve(full_plan(), situational_pictures=())
    [finding] = run(plan, "situational-picture-present")
    assert (finding.code, finding.path) == ("AP504", "situational_pictures")


def test_milieu_in_no_picture_and_picture_without_milieus_are_reported():
    """covers-milieus names the uncovered milieu and the picture that covers none."""
    plan = add(full_plan(), "milieus", Milieu(id="autonoma", name="Autonoma miljön"))
    [finding] = run(plan, "situational-picture-covers-milieus")
    assert (finding.code, finding.path, finding.subject) == ("AP505", "milieus[1]", "autonoma")
    plan = at(full_plan(), "situational_pictures", 0, milieus=())
    findings = run(plan, "situational-picture-covers-milieus")
    assert [(f.path, f.subject) for f in findings] == [
        ("milieus[0]", "vit-makt"),
        ("situational_pictures[0].milieus", "lagesbild"),
    ]
    assert findings[1].citation is not None
    assert findings[1].citation.heading == "Lägesbild"


def test_outdated_picture_is_reported_only_when_a_day_is_given():
    """situational-picture-fresh needs today; a year and more without update is outdated."""
    assert run(full_plan(), "situational-picture-fresh") == []
    assert run(full_plan(), "situational-picture-fresh", today=date(2025, 1, 15)) == []
    [finding] = run(full_plan(), "situational-picture-fresh", today=date(2025, 6, 1))
    assert (finding.code, finding.severity) == ("AP506", Severity.WARNING)
    assert finding.path == "situational_pictures[0].last_updated"
    assert "last updated 2024-01-15" in finding.message
    assert finding.message.endswith("(point 3)")
    assert finding.message_sv.endswith("(punkt 3)")


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"last_updated": None}, "situational_pictures[0].last_updated", "no date"),
        ({"refresh": NotStated(text="aktuell")}, "situational_pictures[0].refresh", "refresh"),
    ],
)
def test_picture_whose_freshness_cannot_be_told_is_information(changes, path, words):
    """Without a date or a measurable refresh cadence, AP507 says so as information."""
    plan = at(full_plan(), "situational_pictures", 0, **changes)
    [finding] = run(plan, "situational-picture-fresh", today=TODAY, severity=Severity.ERROR)
    assert (finding.code, finding.severity, finding.path) == ("AP507", Severity.INFO, path)
    assert words in finding.message


# --- measures --------------------------------------------------------------------------------


def test_plan_without_measures_is_reported():
    """measures-present fires without measures, and counts only the modalities asked for."""
    [finding] = run(attrs.evolve(full_plan(), measures=()), "measures-present")
    assert (finding.code, finding.path) == ("AP508", "measures")
    plan = attrs.evolve(
        full_plan(), measures=[Measure(id="kanske", description="Kanske", modality=Modality.MAY)]
    )
    assert run(plan, "measures-present") == []
    [finding] = run(plan, "measures-present", modalities=[Modality.SHALL])
    assert "no shall measure" in finding.message


def test_discontinued_measures_count_for_nothing():
    """A discontinued measure does not make a plan have measures or reach a level."""
    plan = attrs.evolve(
        full_plan(),
        measures=[
            Measure(
                id="gammal",
                description="Stöd till anhöriga",
                levels=[L.PROMOTIVE],
                status=MeasureStatus.DISCONTINUED,
            )
        ],
    )
    assert [f.code for f in run(plan, "measures-present")] == ["AP508"]
    assert [f.code for f in run(plan, "measure-keywords", keywords=["anhörig"])] == ["AP511"]
    assert [f.code for f in run(plan, "measure-on-levels", levels=[L.PROMOTIVE])] == ["AP509"]


def test_required_level_without_measure_is_reported():
    """measure-on-levels reports a level no measure reaches."""
    plan = attrs.evolve(full_plan(), measures=full_plan().measures[:2])
    [finding] = run(plan, "measure-on-levels", levels=[L.PREVENTIVE, L.INTERVENTIVE])
    assert (finding.code, finding.severity) == ("AP509", Severity.WARNING)
    assert "no measure works on the interventive level" in finding.message
    assert "ingen åtgärd arbetar på nivån åtgärdande" in finding.message_sv


def test_level_of_another_scheme_is_compared_through_the_crosswalk():
    """An exact crosswalk match meets the requirement; a loose one is information."""
    plan = at(full_plan(), "measures", 2, levels=[L.TERTIARY])
    assert run(plan, "measure-on-levels", levels=[L.INDICATED]) == []
    [finding] = run(full_plan(), "measure-on-levels", levels=[L.INDICATED])
    assert (finding.code, finding.severity) == ("AP510", Severity.INFO)
    assert finding.path == "measures[2].levels"
    assert "reached only approximately" in finding.message
    assert "interventive (approximate)" in finding.message
    assert finding.citation is not None
    assert finding.citation.quote == "Socialtjänsten ska ge stöd."


def test_topic_no_measure_mentions_is_reported():
    """measure-keywords looks in descriptions and target groups, inside words, any case."""
    [finding] = run(full_plan(), "measure-keywords", keywords=["avhopp", "exit"])
    assert (finding.code, finding.subject) == ("AP511", "krav")
    assert "'avhopp', 'exit'" in finding.message
    assert run(full_plan(), "measure-keywords", keywords=["UTBILDNING"]) == []
    assert run(full_plan(), "measure-keywords", keywords=["unga"]) == []
    assert run(full_plan(), "measure-keywords", keywords=["anhörigstöd"]) != []


def test_plan_without_follow_up_is_reported():
    """follow-up-present fires when the plan has no follow-up."""
    [finding] = run(attrs.evolve(full_plan(), follow_ups=()), "follow-up-present")
    assert (finding.code, finding.path) == ("AP512", "follow_ups")


# --- coordinator -----------------------------------------------------------------------------


def test_coordinator_who_only_takes_part_is_no_coordinator():
    """An actor of a coordinating kind must answer for something; the finding names it."""
    plan = at(full_plan(), "measures", 0, responsible=(), participants=("samordnare",))
    plan = at(plan, "forums", 0, members=[Membership(actor="samordnare")])
    [finding] = run(plan, "coordinator-present")
    assert (finding.code, finding.path) == ("AP513", "actors")
    assert "no coordinator is named" in finding.message
    assert "'samordnare' only take part" in finding.message


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a measure", lambda p: at(p, "forums", 0, members=[Membership(actor="samordnare")])),
        ("a forum", lambda p: at(p, "measures", 0, responsible=())),
        (
            "a follow-up",
            lambda p: at(
                at(
                    at(p, "measures", 0, responsible=()),
                    "forums",
                    0,
                    members=[Membership(actor="samordnare")],
                ),
                "follow_ups",
                0,
                responsible=("samordnare",),
            ),
        ),
    ],
)
def test_coordinator_answers_for_a_measure_a_forum_or_a_follow_up(what, change):
    """Responsible for a measure or a follow-up, or convener of a forum: each is enough."""
    assert run(change(full_plan()), "coordinator-present") == [], what


def test_coordinator_kinds_can_be_chosen():
    """With kinds given, only those kinds can be the coordinator."""
    [finding] = run(full_plan(), "coordinator-present", kinds=["municipal-management"])
    assert "municipal management" in finding.message
    assert "only take part" not in finding.message
    assert run(full_plan(), "coordinator-present", kinds=["school"]) == []


# --- the plan's own words --------------------------------------------------------------------


def test_shall_actor_in_no_forum_is_reported():
    """An actor without a modality counts as ska; one in no forum is reported."""
    plan = add(full_plan(), "actors", Actor(id="kommun", name="Kommunledningen"))
    [finding] = run(plan, "every-shall-actor-in-forum")
    assert (finding.code, finding.path, finding.subject) == ("AP514", "actors[7]", "kommun")
    assert finding.message == "Kommunledningen ('kommun') is a ska (shall) actor in no forum"


def test_may_partner_in_no_forum_is_reported_only_when_asked():
    """A kan partner outside every forum counts only when the requirement lists may."""
    plan = at(full_plan(), "forums", 0, members=full_plan().forums[0].members[:5])
    assert run(plan, "every-shall-actor-in-forum") == []
    [finding] = run(plan, "every-shall-actor-in-forum", modalities=[Modality.MAY])
    assert finding.message == "Regionen ('regionen') is a kan (may) partner in no forum (point 1)"
    assert finding.message_sv == (
        "Regionen ('regionen') är en kan-partner utan plats i något forum (punkt 1)"
    )
    assert finding.citation is not None
    assert finding.citation.quote == "Regionen kan delta."


def test_stated_level_without_measure_is_reported():
    """A level of the scheme the measures use, without a measure, is reported."""
    plan = attrs.evolve(full_plan(), measures=full_plan().measures[:2])
    [finding] = run(plan, "every-stated-level-has-measure")
    assert (finding.code, finding.subject) == ("AP515", "interventive")


def test_stated_levels_follow_each_scheme_the_plan_uses():
    """Each scheme in use is checked; an exact crosswalk match covers a level."""
    plan = at(full_plan(), "measures", 2, levels=[L.TERTIARY])
    findings = run(plan, "every-stated-level-has-measure")
    assert sorted(f.subject for f in findings) == ["interventive", "primary", "secondary"]
    plan = attrs.evolve(full_plan(), measures=[])
    assert run(plan, "every-stated-level-has-measure") == []


def test_forum_without_cadence_quotes_the_plan():
    """every-forum-has-cadence reports a forum with no cadence and quotes vague words."""
    plan = at(full_plan(), "forums", 1, cadence=NotStated(text="kontinuerliga mötesplatser"))
    [finding] = run(plan, "every-forum-has-cadence")
    assert (finding.code, finding.path) == ("AP516", "forums[1].cadence")
    assert finding.message == (
        "Dialogmöte ('dialog') has no cadence: the plan only says "
        "'kontinuerliga mötesplatser' (point 1)"
    )
    plan = at(full_plan(), "forums", 1, cadence=NotStated())
    [finding] = run(plan, "every-forum-has-cadence")
    assert "does not say how often it meets" in finding.message


def test_forum_without_members_names_the_measures_that_use_it():
    """every-forum-has-members reports a forum used by measures but never defined."""
    plan = at(full_plan(), "forums", 1, members=())
    [finding] = run(plan, "every-forum-has-members")
    assert (finding.code, finding.path) == ("AP517", "forums[1].members")
    assert "is used by 'dialog' but never defined" in finding.message
    plan = add(full_plan(), "forums", Forum(id="tom", name="Tom grupp"))
    [finding] = run(plan, "every-forum-has-members")
    assert finding.message == "Tom grupp ('tom') has no members: the plan never says who sits in it"


def test_shall_measure_without_responsible_is_reported_unless_finished():
    """A ska measure naming nobody responsible is reported, a completed one is not."""
    plan = at(full_plan(), "measures", 1, responsible=())
    [finding] = run(plan, "every-shall-measure-has-responsible")
    assert (finding.code, finding.path) == ("AP518", "measures[1].responsible")
    done = at(plan, "measures", 1, status=MeasureStatus.COMPLETED)
    assert run(done, "every-shall-measure-has-responsible") == []
    should = at(plan, "measures", 1, modality=Modality.SHOULD)
    assert run(should, "every-shall-measure-has-responsible") == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (InvitationStatus.ASKED, ("AP519", Severity.WARNING, "has no answer yet")),
        (InvitationStatus.DECLINED_FOR_NOW, ("AP520", Severity.INFO, "declined for now")),
    ],
)
def test_open_invitation_is_reported(status, expected):
    """An unanswered invitation is a warning; one declined for now is information."""
    plan = at(full_plan(), "invitations", 0, status=status)
    [finding] = run(plan, "no-open-invitation")
    code, severity, words = expected
    assert (finding.code, finding.severity) == (code, severity)
    assert finding.message == f"invitation to Norberg (1962) {words}: Ett gemensamt Brå (point 1)"


def test_invitation_declined_for_good_or_to_an_actor_closes_the_question():
    """Declined for good closes the question; an actor invitee is named by its id."""
    plan = at(full_plan(), "invitations", 0, status=InvitationStatus.DECLINED)
    assert run(plan, "no-open-invitation") == []
    asked = Invitation(id="fraga", actor="regionen", subject="Plats i Brå")
    [finding] = run(add(full_plan(), "invitations", asked), "no-open-invitation")
    assert finding.message == "invitation to 'regionen' has no answer yet: Plats i Brå"


# --- gaps and overlaps -----------------------------------------------------------------------


def test_empty_rows_and_columns_of_expected_kinds_are_gaps():
    """actor-kinds-on-levels reports an expected kind on no level and a level with none."""
    findings = run(
        full_plan(),
        "actor-kinds-on-levels",
        kinds=["police", "leisure", "housing"],
        levels=[L.PROMOTIVE, L.PREVENTIVE, L.INTERVENTIVE],
    )
    assert [f.code for f in findings] == ["AP521", "AP522"]
    assert findings[0].message == (
        "Requirement: no actor of the kind housing company takes part in a measure on the "
        "level promotive, preventive or interventive"
    )
    assert findings[1].message == (
        "Requirement: no actor of the kind police, leisure services or housing company "
        "takes part in a measure on the promotive level"
    )


def test_gaps_use_the_plan_scheme_when_no_levels_are_given():
    """Without levels, every level of the plan's own scheme is expected."""
    findings = run(full_plan(), "actor-kinds-on-levels", kinds=["civil-society"])
    assert [f.code for f in findings] == ["AP522", "AP522"]


def overlapping(plan: Plan, **changes: Any) -> Plan:
    twin = attrs.evolve(plan.measures[1], id="personal-igen", **changes)
    return add(plan, "measures", twin)


def test_two_measures_doing_the_same_for_the_same_target_group_overlap():
    """Same actors, same target groups and a shared level: the later one is reported."""
    plan = overlapping(
        full_plan(), responsible=["soc"], participants=["skolan", "polisen", "fritid"]
    )
    [finding] = run(plan, "no-overlapping-measures")
    assert (finding.code, finding.severity, finding.path) == ("AP523", Severity.INFO, "measures[3]")
    assert finding.message.startswith("measures 'personal' and 'personal-igen' may do the same")
    assert "target group 'personal', level preventive" in finding.message


@pytest.mark.parametrize(
    "changes",
    [
        {"target_groups": ["elever"]},
        {"levels": [L.PROMOTIVE]},
        {"participants": ["soc"]},
        {"status": MeasureStatus.DISCONTINUED},
    ],
)
def test_measures_differing_in_one_respect_do_not_overlap(changes):
    """A different target group, level or actor set, or a discontinued twin, is no overlap."""
    assert run(overlapping(full_plan(), **changes), "no-overlapping-measures") == []


# --- profiles --------------------------------------------------------------------------------


def test_every_bundled_profile_loads_and_is_listed():
    """PROFILES names exactly the bundled files, and each loads with its id."""
    folder = resources.files("actionplan").joinpath("data", "profiles")
    names = sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir())
    assert list(PROFILES) == names
    for name in PROFILES:
        loaded = profile(name)
        assert loaded.id == name
        assert loaded.requirements
        assert loaded.name_in("sv") == loaded.name_sv
        assert all(r.check in CHECK_KINDS for r in loaded.requirements)


def test_law_profile_is_based_on_the_law():
    """The 2023 law profile asks for a picture, an action plan and a coordinating function."""
    law = profile("crime-prevention-law-2023")
    assert law.source == "SFS 2023:196"
    assert [r.check for r in law.requirements] == [
        "situational-picture-present",
        "measures-present",
        "coordinator-present",
    ]
    assert {r.severity for r in law.requirements} == {Severity.ERROR}


def test_unknown_bundled_profile_lists_the_names():
    """profile() with an unknown name raises KeyError listing the bundled ones."""
    with pytest.raises(KeyError, match="plan-own-words"):
        profile("no-such-profile")


def doc_profile_text() -> str:
    [block] = re.findall(r"```toml\n(.*?)```", DOC.read_text("utf-8"), flags=re.DOTALL)
    return block


def test_the_documented_user_profile_loads(tmp_path):
    """The TOML example in the coverage explanation is a valid profile."""
    path = tmp_path / "granskning.toml"
    path.write_text(doc_profile_text(), "utf-8")
    own = load_profile(path)
    assert own.id == "county-board-2025"
    assert [r.id for r in own.requirements] == [
        "police-and-region",
        "universal-to-indicated",
        "parents",
    ]
    assert own.requirements[0].kinds == ("police", "region")
    assert own.requirements[1].levels == (L.UNIVERSAL, L.SELECTIVE, L.INDICATED)
    assert own.requirements[1].severity is Severity.WARNING
    assert own.requirements[2].severity is Severity.INFO
    findings = check(full_plan(), own)
    assert [f.code for f in findings] == ["AP510", "AP510", "AP510", "AP511"]


def test_labels_and_aliases_are_read_as_codes(tmp_path):
    """Kinds, levels and modalities may be Swedish labels or aliases."""
    path = tmp_path / "svensk.toml"
    path.write_text(
        'id = "svensk"\nname = "S"\nname_sv = "S"\nsource = "s"\n'
        '[[requirements]]\nid = "a"\ntitle = "A"\ntitle_sv = "A"\n'
        'check = "actor-kind-present"\nkinds = ["polis", "landsting"]\n'
        '[[requirements]]\nid = "b"\ntitle = "B"\ntitle_sv = "B"\n'
        'check = "every-shall-actor-in-forum"\nmodalities = ["kan", "bör"]\n',
        "utf-8",
    )
    own = load_profile(path)
    assert own.requirements[0].kinds == ("police", "region")
    assert own.requirements[1].modalities == (Modality.MAY, Modality.SHOULD)


HEAD = 'id = "p"\nname = "P"\nname_sv = "P"\nsource = "s"\n'


def one(check_kind: str, extra: str = "") -> str:
    """The TOML of a profile with one requirement of *check_kind* and *extra* lines."""
    return (
        f'{HEAD}[[requirements]]\nid = "a"\ntitle = "A"\ntitle_sv = "A"\n'
        f'check = "{check_kind}"\n{extra}'
    )


GOOD = one("follow-up-present")
NO_ID = 'name = "P"\nname_sv = "P"\nsource = "s"\n'
REQUIREMENT_NO_ID = 'title = "A"\ntitle_sv = "A"\ncheck = "follow-up-present"\n'

BAD_PROFILES = [
    (one("follow-up-presnt"), "requirements[0].check", "unknown check 'follow-up-presnt'"),
    (NO_ID + GOOD.removeprefix(HEAD), "id", "is missing"),
    (HEAD + "[[requirements]]\n" + REQUIREMENT_NO_ID, "requirements[0].id", "is missing"),
    (GOOD.replace('"p"', '"Not A Slug"'), "id", "is not a valid id"),
    (GOOD.replace('name = "P"', "name = 3"), "name", "expected text, got a number"),
    (HEAD + 'requirements = "alla"\n', "requirements", "expected a list of tables"),
    (HEAD + "requirements = []\n", "requirements", "an empty list"),
    (HEAD, "requirements", "is missing"),
    (HEAD + "requirements = [3]\n", "requirements[0]", "expected a table"),
    ('colour = "red"\n' + GOOD, "colour", "is not a known key"),
    (GOOD + 'kind = ["police"]\n', "requirements[0].kind", "is not a known key"),
    (GOOD + 'severity = "fatal"\n', "requirements[0].severity", "'fatal' is not a severity"),
    (GOOD + 'kinds = ["police"]\n', "requirements[0].kinds", "does not apply to check"),
    (one("measure-on-levels"), "requirements[0].levels", "check 'measure-on-levels' needs levels"),
    (
        one("actor-kind-present", 'kinds = "police"\n'),
        "requirements[0].kinds",
        "expected a list of text, got str",
    ),
    (
        one("actor-kind-present", 'kinds = ["police", 7]\n'),
        "requirements[0].kinds[1]",
        "expected text, got a number",
    ),
    (
        one("actor-kind-present", 'kinds = ["police", "knight"]\n'),
        "requirements[0].kinds[1]",
        "unknown value 'knight'",
    ),
    (
        one("actor-kind-present", 'kinds = ["police"]\nmatch = "some"\n'),
        "requirements[0].match",
        "'some' is not 'all' or 'any'",
    ),
    (
        one("measure-on-levels", 'levels = ["universal", "primary"]\n'),
        "requirements[0].levels",
        "mixes levels of different schemes",
    ),
    (
        one("measure-keywords", 'keywords = ["ok", " "]\n'),
        "requirements[0].keywords[1]",
        "expected text, got empty text",
    ),
    (
        GOOD + GOOD.removeprefix(HEAD),
        "requirements[1].id",
        "'a' is already the id of requirements[0]",
    ),
    ("id = \n", "", "is not valid TOML"),
]


@pytest.mark.parametrize(("text", "path", "message"), BAD_PROFILES)
def test_bad_profile_file_raises_with_the_path_of_each_problem(tmp_path, text, path, message):
    """A bad profile raises InvalidPlanError naming the file and the problem's path."""
    file = tmp_path / "bad.toml"
    file.write_text(text, "utf-8")
    with pytest.raises(InvalidPlanError) as caught:
        load_profile(file)
    assert caught.value.source == str(file)
    assert (path, True) in {(p.path, message in p.message) for p in caught.value.problems}


def test_bad_profile_reports_every_problem_at_once(tmp_path):
    """All problems of a profile come in one error, as for plans."""
    file = tmp_path / "bad.toml"
    file.write_text('name = 3\n[[requirements]]\ncheck = "nope"\n', "utf-8")
    with pytest.raises(InvalidPlanError) as caught:
        load_profile(file)
    paths = {p.path for p in caught.value.problems}
    assert {
        "id",
        "name",
        "name_sv",
        "source",
        "requirements[0].id",
        "requirements[0].check",
    } <= paths


def test_misspelt_check_kind_gets_a_suggestion(tmp_path):
    """The hint for an unknown check kind names the nearest one."""
    file = tmp_path / "bad.toml"
    file.write_text(BAD_PROFILES[0][0], "utf-8")
    with pytest.raises(InvalidPlanError) as caught:
        load_profile(file)
    [problem] = caught.value.problems
    assert problem.hint == "did you mean 'follow-up-present'?"


def test_profile_file_that_cannot_be_read_is_a_file_error(tmp_path):
    """A missing file raises PlanFileError; a non-UTF-8 one InvalidPlanError."""
    with pytest.raises(PlanFileError):
        load_profile(tmp_path / "missing.toml")
    file = tmp_path / "latin1.toml"
    file.write_bytes('id = "på"\n'.encode("latin-1"))
    with pytest.raises(InvalidPlanError, match="not UTF-8"):
        load_profile(file)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"check": "nope"}, "check", "unknown check 'nope'"),
        ({"check": "follow-up-present", "keywords": ["x"]}, "keywords", "does not apply"),
        ({"check": "follow-up-present", "match": "any"}, "match", "does not apply"),
        ({"check": "measure-keywords"}, "keywords", "needs keywords"),
        ({"check": "actor-kind-present", "kinds": ["polis"]}, "kinds", "not a actor kind code"),
        (
            {"check": "actor-kind-present", "kinds": ["police"], "match": "most"},
            "match",
            "'all' or 'any'",
        ),
        ({"check": "measure-on-levels", "levels": ["universal"]}, "levels", "PreventionLevel"),
        ({"check": "measures-present", "modalities": ["shall"]}, "modalities", "Modality"),
        ({"check": "follow-up-present", "severity": "error"}, "severity", "is not a severity"),
    ],
)
def test_requirement_built_in_code_is_checked(params, field, message):
    """Building a Requirement checks what the loader checks, raising InvalidValueError."""
    with pytest.raises(InvalidValueError) as caught:
        Requirement(id="a", title="A", title_sv="A", **params)
    assert caught.value.field == field
    assert message in caught.value.message


def test_profile_built_in_code_needs_unique_requirements():
    """A profile with no requirements, or two with one id, cannot be built."""
    with pytest.raises(InvalidValueError, match="is empty"):
        Profile(id="p", name="P", name_sv="P", source="s", requirements=[])
    twice = [req("follow-up-present"), req("measures-present")]
    with pytest.raises(InvalidValueError, match="used twice"):
        Profile(id="p", name="P", name_sv="P", source="s", requirements=twice)


def test_requirement_severity_defaults_to_the_code_registry():
    """Without a severity, a requirement takes its check kind's registered severity."""
    assert req("no-overlapping-measures").severity is Severity.INFO
    assert req("follow-up-present").severity is Severity.WARNING
    assert req("follow-up-present").title_in("sv") == "Krav"


def test_every_code_is_registered_with_a_fix():
    """Every coverage code is in CODES, with a unique kebab-case name and a fix."""
    assert list(CODES) == sorted(CODES)
    assert all(re.fullmatch(r"AP5[0-9]{2}", code) for code in CODES)
    names = [info.name for info in CODES.values()]
    assert len(set(names)) == len(names)
    others = {info.name for code, info in actionplan.CODES.items() if not code.startswith("AP5")}
    assert others.isdisjoint(names)
    assert all(
        actionplan.CODES[code] == info for code, info in CODES.items() if code in actionplan.CODES
    )
    assert all(info.fix and info.meaning for info in CODES.values())


def test_every_code_is_documented():
    """The explanation's table lists each code with its name and severity."""
    text = DOC.read_text("utf-8")
    for info in CODES.values():
        assert f"| {info.code} | `{info.name}` | {info.severity.value} |" in text


# --- running a profile -----------------------------------------------------------------------


def test_evaluate_gives_one_result_per_requirement_in_profile_order():
    """evaluate() keeps the profile's order and says which requirements are met."""
    plan = attrs.evolve(full_plan(), follow_ups=())
    results = evaluate(plan, "national-template-vbe")
    assert [r.requirement.id for r in results] == [
        r.id for r in profile("national-template-vbe").requirements
    ]
    assert [r.requirement.id for r in results if not r.met] == ["follow-up"]
    [follow_up] = [r for r in results if r.requirement.id == "follow-up"]
    assert [f.code for f in follow_up.findings] == ["AP512"]
    assert all(not r.findings for r in results if r.requirement.id != "follow-up")


def test_requirement_with_only_information_findings_is_met():
    """An approximate level match gives information and leaves the requirement met."""
    [result] = evaluate(
        full_plan(),
        Profile(
            id="p",
            name="P",
            name_sv="P",
            source="s",
            requirements=[req("measure-on-levels", levels=[L.INDICATED])],
        ),
    )
    assert [f.code for f in result.findings] == ["AP510"]
    assert result.met


def test_findings_are_sorted_by_severity_code_and_numeric_path():
    """check() sorts measures[2] before measures[10], errors before warnings."""
    measures = [Measure(id=f"m{i}", description=f"Åtgärd {i}") for i in range(12)]
    plan = attrs.evolve(full_plan(), measures=measures)
    findings = check(plan, "plan-own-words")
    shall = [f.path for f in findings if f.code == "AP518"]
    assert shall == [f"measures[{i}].responsible" for i in range(12)]
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks, reverse=True)
    assert check(plan, "plan-own-words") == findings


# --- matrices --------------------------------------------------------------------------------


def test_actor_level_matrix_counts_measures_per_kind_and_level():
    """Each cell counts the measures an actor of the kind leads or joins on the level."""
    plan = add(full_plan(), "actors", Actor(id="skola2", name="Skola 2", kind=ActorKind.SCHOOL))
    plan = at(plan, "measures", 1, participants=["soc", "polisen", "fritid", "skola2"])
    matrix = actor_level_matrix(plan)
    assert matrix.rows == (
        "school",
        "social-services",
        "leisure",
        "municipal-security",
        "police",
        "region",
        "civil-society",
    )
    assert matrix.columns == ("promotive", "preventive", "interventive")
    assert matrix.cells == (
        (0, 1, 0),
        (0, 1, 1),
        (0, 1, 0),
        (1, 0, 0),
        (0, 1, 1),
        (0, 0, 0),
        (1, 0, 0),
    )
    assert matrix.empty_rows() == ("region",)
    assert matrix.empty_columns() == ()
    assert not matrix.approximate


def test_actor_level_matrix_translates_levels_and_says_when_approximately():
    """In another scheme, counts come through the crosswalk and are marked approximate."""
    matrix = actor_level_matrix(
        full_plan(), scheme=PreventionScheme.UNIVERSAL, kinds=[ActorKind.SCHOOL, ActorKind.HOUSING]
    )
    assert matrix.rows == ("school", "housing")
    assert matrix.columns == ("universal", "selective", "indicated")
    assert matrix.cells == ((1, 1, 0), (0, 0, 0))
    assert matrix.approximate
    plan = at(full_plan(), "measures", 1, levels=[L.SECONDARY])
    exact = actor_level_matrix(plan, scheme=PreventionScheme.UNIVERSAL, kinds=[ActorKind.SCHOOL])
    assert exact.cells == ((0, 1, 0),)
    assert not exact.approximate


def test_milieu_level_matrix_counts_measures_per_milieu_and_level():
    """Rows are the plan's milieus; a measure counts on each level it reaches."""
    plan = add(full_plan(), "milieus", Milieu(id="autonoma", name="Autonoma"))
    plan = at(plan, "measures", 0, milieus=["vit-makt", "autonoma", "okand"])
    matrix = milieu_level_matrix(plan)
    assert matrix.rows == ("vit-makt", "autonoma")
    assert matrix.cells == ((1, 0, 1), (1, 0, 0))
    assert matrix.empty_columns() == ("preventive",)
    approximate = milieu_level_matrix(plan, scheme=PreventionScheme.PRIMARY)
    assert approximate.cells == ((1, 0, 1), (1, 0, 0))
    assert approximate.approximate


def test_forum_actor_matrix_shows_role_codes():
    """Each cell is the actor's role code in the forum, or empty without a seat."""
    matrix = forum_actor_matrix(full_plan())
    assert matrix.rows == ("bra", "dialog")
    assert matrix.columns[:2] == ("polisen", "skolan")
    assert matrix.cell("bra", "samordnare") == "convener"
    assert matrix.cell("dialog", "foreningen") == "member"
    assert matrix.cell("dialog", "polisen") == ""
    assert matrix.empty_columns() == ()
    assert matrix.to_rows()[1] == [
        "bra",
        "member",
        "member",
        "member",
        "member",
        "convener",
        "",
        "member",
    ]


def test_matrix_renders_as_dict_and_rows():
    """to_dict() and to_rows() hold the same cells, with a header row."""
    matrix = Matrix(
        row_label="actor kind",
        column_label="prevention level",
        rows=("police",),
        columns=("universal", "selective"),
        cells=((2, 0),),
    )
    assert matrix.to_dict() == {
        "row_label": "actor kind",
        "column_label": "prevention level",
        "rows": ["police"],
        "columns": ["universal", "selective"],
        "cells": [[2, 0]],
        "approximate": False,
    }
    assert matrix.to_rows() == [["actor kind", "universal", "selective"], ["police", 2, 0]]
    assert matrix.empty_columns() == ("selective",)
    with pytest.raises(KeyError):
        matrix.cell("police", "indicated")


def test_matrix_cells_must_match_rows_and_columns():
    """A matrix whose cells do not fit its rows and columns cannot be built."""
    with pytest.raises(InvalidValueError, match="1 rows of 2 cells"):
        Matrix(row_label="r", column_label="c", rows=("a",), columns=("x", "y"), cells=((1,),))


def test_plan_scheme_is_the_most_used_one():
    """The plan's scheme is the one most measures use; the first scheme on a tie."""
    assert plan_scheme(full_plan()) is PreventionScheme.PROMOTIVE
    plan = at(
        at(full_plan(), "measures", 0, levels=[L.UNIVERSAL]), "measures", 1, levels=[L.SELECTIVE]
    )
    assert plan_scheme(plan) is PreventionScheme.UNIVERSAL
    assert plan_scheme(attrs.evolve(full_plan(), measures=())) is PreventionScheme.PROMOTIVE


# --- a county --------------------------------------------------------------------------------


def county_plans() -> list[Plan]:
    base = full_plan()
    norberg = attrs.evolve(
        base,
        id="norberg",
        municipalities=[Municipality(code="1962", name="Norberg")],
        forums=[at(base, "forums", 1, cadence=NotStated()).forums[1]],
        follow_ups=(),
    )
    shared = attrs.evolve(
        base,
        id="gemensam",
        municipalities=[
            Municipality(code="1980", name="Västerås"),
            Municipality(code="1904", name="Skinnskatteberg"),
        ],
        actors=[
            Actor(id="polis", name="  POLISEN ", kind=ActorKind.POLICE),
            Actor(id="region", name="Regionen", kind=ActorKind.REGION, municipality="1980"),
            Actor(id="skolan", name="Skolan", kind=ActorKind.SCHOOL),
        ],
        forums=(),
        measures=(),
    )
    return [shared, base, norberg]


def test_county_table_has_one_row_per_municipality():
    """Rows come by municipality code; a shared plan gives each municipality a row."""
    table = county(county_plans())
    assert table.profile == "plan-own-words"
    assert [(r.municipality, r.name, r.plan, r.shared_with) for r in table.rows] == [
        ("1904", "Skinnskatteberg", "gemensam", ("1980",)),
        ("1962", "Norberg", "norberg", ()),
        ("1980", "Västerås", "gemensam", ("1904",)),
        ("1982", "Fagersta", "exempelby", ()),
    ]
    norberg = table.rows[1]
    assert (norberg.actors, norberg.forums, norberg.measures) == (7, 1, 3)
    assert norberg.measurable_cadence_share == 0.0
    fagersta = table.rows[3]
    assert fagersta.measurable_cadence_share == 1.0
    assert (fagersta.errors, fagersta.warnings, fagersta.infos) == (0, 0, 0)
    assert table.rows[0].measurable_cadence_share is None


def test_county_counts_the_profile_findings_by_severity():
    """Each row counts the chosen profile's findings of the plan, by severity."""
    table = county(county_plans(), profile=profile("crime-prevention-law-2023"))
    shared = table.rows[0]
    assert (shared.errors, shared.warnings, shared.infos) == (2, 0, 0)
    table = county(county_plans(), profile="plan-own-words")
    norberg = table.rows[1]
    expected = check(county_plans()[2], "plan-own-words")
    assert norberg.warnings == sum(f.severity is Severity.WARNING for f in expected) > 0


def test_county_rows_do_not_depend_on_the_order_of_plans():
    """The same plans in another order give the same table."""
    plans = county_plans()
    assert county(plans) == county(list(reversed(plans)))


def test_county_metrics_hook_adds_columns():
    """Each metric adds named columns; a plan that does not report one gets None."""

    def forums_per_actor(plan: Plan) -> dict[str, float]:
        if not plan.actors:
            return {}
        return {"forums_per_actor": len(plan.forums) / len(plan.actors)}

    def nothing_for_shared(plan: Plan) -> dict[str, float]:
        return {} if plan.id == "gemensam" else {"a_metric": 1.0}

    table = county(county_plans(), metrics=[forums_per_actor, nothing_for_shared])
    assert table.metric_names == ("a_metric", "forums_per_actor")
    header, first, *_rest = table.to_rows()
    assert header[-2:] == ["a_metric", "forums_per_actor"]
    assert header[:3] == ["municipality", "name", "plan"]
    assert first[:4] == ["1904", "Skinnskatteberg", "gemensam", "1980"]
    assert first[-2:] == [None, 0.0]
    assert table.to_dict()["rows"][3]["a_metric"] == 1.0
    assert table.to_dict()["columns"] == header


def test_plan_without_municipality_gets_one_row_without_code():
    """A plan naming no municipality still gets a row, after the coded ones."""
    plan = attrs.evolve(full_plan(), id="utan", municipalities=())
    table = county([plan, full_plan()])
    assert [(r.municipality, r.plan) for r in table.rows] == [("1982", "exempelby"), (None, "utan")]


def test_shared_actors_match_kind_and_name_across_plans():
    """The police named in several plans is shared; municipal kinds and coded actors are not."""
    police, region = shared_actors(county_plans())
    assert (region.kind, region.plans) == (ActorKind.REGION, ("exempelby", "norberg"))
    assert police.kind is ActorKind.POLICE
    assert police.name == "Polisen"
    assert police.plans == ("exempelby", "gemensam", "norberg")
    assert police.municipalities == ("1904", "1962", "1980", "1982")
    assert police.actors == (
        ("exempelby", "polisen"),
        ("gemensam", "polis"),
        ("norberg", "polisen"),
    )


def test_shared_actors_kinds_can_be_widened():
    """With kinds given, other kinds are matched too, in ActorKind order."""
    shared = shared_actors(
        county_plans(), kinds=[ActorKind.SCHOOL, ActorKind.POLICE, ActorKind.REGION]
    )
    assert [(s.kind.value, len(s.plans)) for s in shared] == [
        ("school", 3),
        ("police", 3),
        ("region", 2),
    ]
    assert shared_actors(county_plans()[:1]) == []


def test_load_folder_reads_every_plan_and_reports_bad_files(tmp_path):
    """Plans load in name order; a bad file gives AP530 and the others still load."""
    (tmp_path / "b-fagersta.toml").write_text(actionplan.dumps(full_plan(), format="toml"), "utf-8")
    other = attrs.evolve(full_plan(), id="annan")
    (tmp_path / "a-annan.json").write_text(actionplan.dumps(other, format="json"), "utf-8")
    (tmp_path / "c-trasig.yaml").write_text("format_version: 1\nid: Trasig\n", "utf-8")
    (tmp_path / "d-tom.toml").write_text("id = \n", "utf-8")
    (tmp_path / "README.md").write_text("not a plan", "utf-8")
    (tmp_path / ".gomd.toml").write_text("junk", "utf-8")
    (tmp_path / "mapp.toml").mkdir()
    plans, findings = load_folder(tmp_path)
    assert [plan.id for plan in plans] == ["annan", "exempelby"]
    assert [(f.code, f.path, f.severity) for f in findings] == [
        ("AP530", "c-trasig.yaml", Severity.ERROR),
        ("AP530", "d-tom.toml", Severity.ERROR),
    ]
    assert findings[0].message.startswith("c-trasig.yaml could not be read as a plan: ")
    assert "title" in findings[0].message


def test_load_folder_of_a_missing_folder_is_a_file_error(tmp_path):
    """A folder that cannot be listed raises PlanFileError."""
    with pytest.raises(PlanFileError):
        load_folder(tmp_path / "saknas")


# --- the seed plan ---------------------------------------------------------------------------


def by_subject(findings, code):
    return {f.subject: f for f in findings if f.code == code}


def test_seed_coverage_names_the_plan_gaps_citing_the_plan():
    """The seed's own words: the meeting place without cadence, the undefined group, the
    region outside every forum and the declined invitation, each citing its point."""
    seed = seed_or_skip()
    findings = check(seed, "plan-own-words")
    meeting_place = by_subject(findings, "AP516")["civilsamhallets-motesplats"]
    assert "has no cadence" in meeting_place.message
    assert meeting_place.message.endswith("(point 1)")
    assert meeting_place.citation is not None
    assert meeting_place.citation.section == "1"
    group = by_subject(findings, "AP517")["samverkansgruppen"]
    assert "never defined" in group.message
    assert group.citation is not None
    assert group.citation.section == "7"
    region = by_subject(findings, "AP514")["landstinget"]
    assert "is a kan (may) partner in no forum (point 3)" in region.message
    assert region.severity is Severity.INFO
    assert region.citation is not None
    assert region.citation.quote == "Landstinget kan också vara en viktig samverkanspartner."
    invitation = next(f for f in findings if f.code == "AP520")
    assert "invitation to Skinnskatteberg (1904) declined for now" in invitation.message
    assert invitation.message.endswith("(point 2)")


def test_seed_lacks_what_the_national_template_asks_for():
    """Against the national template the seed lacks support to relatives and to leavers
    and a named local coordinator, but has training, a picture and follow-up."""
    seed = seed_or_skip()
    findings = check(seed, "national-template-vbe")
    lacking = {f.subject for f in findings if f.path in ("measures", "actors")}
    assert {"support-to-relatives", "support-to-leavers", "local-coordinator"} <= lacking
    assert not {"training", "situational-picture", "follow-up", "individual-level"} & lacking
    coordinator = by_subject(findings, "AP513")["local-coordinator"]
    assert "'beredskapssamordnare'" in coordinator.message
    assert coordinator.message.startswith("A local coordinator: no coordinator is named")


def test_seed_matrices_show_the_region_and_the_milieus_without_measures():
    """The seed's region works on no level, and no measure with a level names a milieu."""
    seed = seed_or_skip()
    assert "region" in actor_level_matrix(seed).empty_rows()
    assert milieu_level_matrix(seed).empty_rows() == ("vit-makt", "autonoma", "islamistisk")
    assert forum_actor_matrix(seed).cell("samverkansgruppen", "socialtjanst") == ""


def test_load_folder_reports_a_file_too_large_to_read(tmp_path):
    """A file the loader refuses before parsing (too large) also gives AP530."""
    (tmp_path / "stor.json").write_bytes(b" " * (MAX_BYTES + 1))
    plans, findings = load_folder(tmp_path)
    assert plans == []
    [finding] = findings
    assert (finding.code, finding.path) == ("AP530", "stor.json")
    assert "larger than" in finding.message


def test_every_outdated_picture_is_reported():
    """Two outdated pictures give two findings, each with its own path."""
    second = attrs.evolve(full_plan().situational_pictures[0], id="andra", name="Andra")
    plan = add(full_plan(), "situational_pictures", second)
    findings = run(plan, "situational-picture-fresh", today=date(2025, 6, 1))
    assert [(f.code, f.subject) for f in findings] == [("AP506", "lagesbild"), ("AP506", "andra")]


def test_a_single_kind_given_as_text_is_one_kind():
    """A requirement built in code accepts one kind as a plain string."""
    assert req("actor-kind-present", kinds="police").kinds == ("police",)
