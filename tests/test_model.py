"""The model checks each value when it is built and names the field that is wrong."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from actionplan import (
    ActionPlanError,
    Actor,
    ActorKind,
    AsNeeded,
    Classification,
    Contact,
    Contribution,
    Dates,
    Decision,
    FollowUp,
    Forum,
    ForumKind,
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
    Period,
    PerPeriod,
    Perspective,
    Plan,
    PreventionLevel,
    PreventionScheme,
    Resource,
    ResourceKind,
    Role,
    Rule,
    Section,
    SituationalPicture,
    Source,
    Validity,
)
from actionplan.model import PERIOD_DAYS

FAGERSTA = Municipality(code="1982", name="Fagersta")


def _raises(field, build, *, value=None, fragment=""):
    """Build and expect an InvalidValueError for *field*; return it for further checks."""
    with pytest.raises(InvalidValueError) as info:
        build()
    error = info.value
    assert error.field == field
    assert isinstance(error, ValueError)
    assert isinstance(error, ActionPlanError)
    assert fragment in error.message
    if value is not None:
        assert error.value == value
    assert str(error).startswith(f"{field}: ")
    return error


# --- ids, text, numbers and codes ----------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    ["", "Polisen", "polis en", "-polisen", "_polisen", "polisen!", "pölisen", "p" * 65, 5],
)
def test_ids_must_be_short_lower_case_slugs(bad):
    """An id is 1-64 lower-case ASCII letters, digits, '-' or '_', not starting with '-'."""
    error = _raises("id", lambda: Actor(id=bad, name="Polisen"), value=bad)
    assert "is not a valid id" in error.message
    assert "e.g. 'polisen'" in (error.hint or "")


@pytest.mark.parametrize("good", ["a", "0", "polisen", "bra-2016", "kommun_1", "p" * 64])
def test_ids_at_the_edges_of_the_rule_are_accepted(good):
    """Single characters, digits first, '-' and '_' inside, and 64 characters are fine."""
    assert Actor(id=good, name="Polisen").id == good


@pytest.mark.parametrize(
    ("field", "build"),
    [
        ("id", lambda: Actor(id="polisen\n", name="Polisen")),
        ("code", lambda: Municipality(code="1982\n", name="Fagersta")),
        ("section", lambda: Source(section="2\n")),
    ],
)
def test_a_trailing_newline_does_not_sneak_into_ids_codes_or_sections(field, build):
    """'polisen\\n' is not the id 'polisen': a value with a line break is refused."""
    _raises(field, build)


@pytest.mark.parametrize(
    ("field", "build"),
    [
        ("responsible[0]", lambda: Measure(id="m", description="d", responsible=("Polisen",))),
        ("participants[0]", lambda: Measure(id="m", description="d", participants=("a b",))),
        ("forums[0]", lambda: Measure(id="m", description="d", forums=("Brå",))),
        ("milieus[0]", lambda: Measure(id="m", description="d", milieus=("",))),
        ("resources[0]", lambda: Measure(id="m", description="d", resources=("X",))),
        ("responsible[0]", lambda: FollowUp(id="f", description="d", responsible=("X",))),
        ("milieus[0]", lambda: SituationalPicture(id="s", name="S", milieus=("Vit makt",))),
        ("producer", lambda: SituationalPicture(id="s", name="S", producer="Brå")),
        ("actor", lambda: Membership(actor="Polisen")),
        ("actor", lambda: Contribution(actor="Polisen")),
        ("forum", lambda: Invitation(id="i", subject="s", municipality=FAGERSTA, forum="B")),
        ("actor", lambda: Invitation(id="i", subject="s", actor="Polisen")),
        ("id", lambda: Forum(id="Brå", name="Brå")),
        ("id", lambda: Milieu(id="vit makt", name="Vit makt")),
        ("id", lambda: Plan(id="Plan", title="Plan")),
    ],
)
def test_every_reference_is_a_slug(field, build):
    """References to actors, forums, milieus and resources follow the id rule too."""
    _raises(field, build, fragment="is not a valid id")


@pytest.mark.parametrize(
    ("field", "build"),
    [
        ("name", lambda: Actor(id="a", name="")),
        ("name", lambda: Actor(id="a", name=" \t\n ")),
        ("name", lambda: Actor(id="a", name=None)),
        ("title", lambda: Plan(id="p", title="  ")),
        ("description", lambda: Measure(id="m", description="")),
        ("heading", lambda: Section(number="1", heading=" ")),
        ("body", lambda: Decision(body="", date=date(2016, 4, 25))),
        ("subject", lambda: Invitation(id="i", subject="", municipality=FAGERSTA)),
        ("note", lambda: Actor(id="a", name="A", note="")),
        ("quote", lambda: Source(section="1", quote="\n")),
        ("text", lambda: PerPeriod(count=4, text=" ")),
        ("phone", lambda: Contact(phone="")),
        ("purpose", lambda: Forum(id="f", name="F", purpose="   ")),
        ("method", lambda: FollowUp(id="f", description="d", method="")),
        ("provider", lambda: Resource(id="r", name="R", provider="")),
        ("also_known_as", lambda: Milieu(id="m", name="M", also_known_as="")),
    ],
)
def test_text_fields_must_not_be_blank(field, build):
    """Required text and optional text that is given both need a visible character."""
    error = _raises(field, build, fragment="must not be empty")
    assert error.hint == "write some text"


def test_section_text_may_be_empty_and_optional_text_may_be_none():
    """Not every text has a rule: a section may have no body, a note may be absent."""
    assert Section(number="1", heading="Inledning").text == ""
    assert Actor(id="a", name="A", note=None).note is None


@pytest.mark.parametrize("bad", ["", "2a", "§ 2", "1.", ".1", "1..2", "1234", "1.2.3.4.5", "a"])
def test_section_numbers_follow_the_plans_numbering(bad):
    """Up to four dot-separated groups of one to three digits."""
    error = _raises("section", lambda: Source(section=bad), value=bad)
    assert "is not a section number" in error.message
    _raises("number", lambda: Section(number=bad, heading="H"))


@pytest.mark.parametrize("good", ["1", "2.1", "10.2.3", "999.999.999.999"])
def test_section_numbers_at_the_edges_are_accepted(good):
    """One to four groups are all fine."""
    assert Section(number=good, heading="H").number == good


@pytest.mark.parametrize("bad", ["", "198", "19820", "19a2", " 1982", 1982])
def test_municipality_codes_have_four_digits(bad):
    """The four-digit code from Statistics Sweden, as text."""
    error = _raises("code", lambda: Municipality(code=bad, name="Fagersta"), value=bad)
    assert "'1982' for Fagersta" in (error.hint or "")


def test_municipality_codes_are_checked_wherever_they_appear():
    """An actor's municipality and a forum's municipalities follow the same rule."""
    _raises("municipality", lambda: Actor(id="a", name="A", municipality="198"))
    _raises("municipalities[1]", lambda: Forum(id="f", name="F", municipalities=("1982", "x")))
    assert Actor(id="a", name="A", municipality="0114").municipality == "0114"


# --- uniqueness and tuples ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "build"),
    [
        ("responsible", lambda: Measure(id="m", description="d", responsible=("a", "a"))),
        ("participants", lambda: Measure(id="m", description="d", participants=("a", "a"))),
        ("forums", lambda: Measure(id="m", description="d", forums=("f", "f"))),
        ("milieus", lambda: Measure(id="m", description="d", milieus=("x", "x"))),
        ("resources", lambda: Measure(id="m", description="d", resources=("r", "r"))),
        ("target_groups", lambda: Measure(id="m", description="d", target_groups=("unga",) * 2)),
        (
            "levels",
            lambda: Measure(
                id="m",
                description="d",
                levels=(PreventionLevel.PROMOTIVE, PreventionLevel.PROMOTIVE),
            ),
        ),
        (
            "perspectives",
            lambda: Measure(
                id="m", description="d", perspectives=(Perspective.GENDER, Perspective.GENDER)
            ),
        ),
        ("responsible", lambda: FollowUp(id="f", description="d", responsible=("a", "a"))),
        ("milieus", lambda: SituationalPicture(id="s", name="S", milieus=("x", "x"))),
        ("municipalities", lambda: Forum(id="f", name="F", municipalities=("1982", "1982"))),
        ("dates", lambda: Dates(dates=(date(2024, 3, 1), date(2024, 3, 1)))),
    ],
)
def test_lists_name_each_value_once(field, build):
    """A value listed twice is a mistake in the plan, never a way to weigh it."""
    error = _raises(f"{field}[1]", build, fragment="is listed twice")
    assert error.hint == "list each value once"


def test_lists_become_tuples_and_a_lone_string_is_one_item():
    """Any iterable is stored as a tuple; a string is one id, not its letters."""
    measure = Measure(id="m", description="d", responsible="polisen", participants=["a", "b"])
    assert measure.responsible == ("polisen",)
    assert measure.participants == ("a", "b")
    plan = Plan(id="p", title="T", actors=[Actor(id="a", name="A")])
    assert isinstance(plan.actors, tuple)


def test_a_forum_gives_each_actor_one_seat():
    """Two seats for one actor are refused, whatever their roles."""
    error = _raises(
        "members",
        lambda: Forum(
            id="bra",
            name="Brå",
            members=(Membership(actor="polisen"), Membership(actor="polisen", role=Role.CHAIR)),
        ),
        value="polisen",
    )
    assert "actor 'polisen' has more than one seat" in error.message
    forum = Forum(
        id="bra", name="Brå", members=(Membership(actor="polisen"), Membership(actor="skolan"))
    )
    assert forum.member_ids == ("polisen", "skolan")


# --- cadences -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, True, False, 1.5, "4", None])
def test_per_period_count_is_a_whole_number_from_one(bad):
    """Zero, negatives, booleans, fractions and text are not counts."""
    error = _raises("count", lambda: PerPeriod(count=bad), value=bad)
    assert error.hint == "use a whole number from 1"


@pytest.mark.parametrize("period", list(Period))
def test_per_period_count_allows_at_most_one_meeting_a_day(period):
    """The longest period's days are the limit: 7 a week, 31 a month, 366 a year."""
    most = PERIOD_DAYS[period]
    assert PerPeriod(count=most, period=period).count == most
    error = _raises("count", lambda: PerPeriod(count=most + 1, period=period), value=most + 1)
    assert f"{most + 1} meetings per {period.value} is more than one a day" in error.message
    assert error.hint == f"use at most {most}"


def test_per_period_counts_meetings_a_year():
    """Four a quarter is sixteen a year; a week counts as one of 52."""
    assert PerPeriod(count=4, period=Period.QUARTER).per_year == 16.0
    assert PerPeriod(count=1, period=Period.WEEK).per_year == 52.0
    assert [p.per_year for p in Period] == [1, 2, 4, 12, 52]


@pytest.mark.parametrize(
    ("rrule", "fragment"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("BYDAY=MO", "has no FREQ"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not a meeting frequency"),
        ("FREQ=MINUTELY", "FREQ=MINUTELY is not a meeting frequency"),
        ("FREQ=SECONDLY", "FREQ=SECONDLY is not a meeting frequency"),
        ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY is not a meeting frequency"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20250101", "has both COUNT and UNTIL"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT=0 is not a positive number"),
        ("FREQ=WEEKLY;INTERVAL=-1", "INTERVAL=-1 is not a positive number"),
        ("FREQ=WEEKLY;INTERVAL=two", "INTERVAL=TWO is not a positive number"),
        ("FREQ=WEEKLY;BYDAY", "'BYDAY' is not KEY=VALUE"),
        ("FREQ=WEEKLY;BYDAY=", "'BYDAY=' is not KEY=VALUE"),
        ("FREQ=WEEKLY;;BYDAY=MO", "'' is not KEY=VALUE"),
        ("FREQ=MONTHLY;BYDAYS=2TU", "BYDAYS is not an RFC 5545 rule part"),
        ("FREQ=MONTHLY;FREQ=WEEKLY", "FREQ appears twice"),
    ],
)
def test_rule_checks_its_rrule(rrule, fragment):
    """Only meeting frequencies and well-formed RFC 5545 parts are accepted."""
    _raises("rrule", lambda: Rule(rrule=rrule, start=date(2024, 1, 1)), fragment=fragment)


def test_rule_accepts_the_rrule_prefix_lower_case_and_spaces():
    """Copied rules keep their 'RRULE:' prefix and any case; parts are read in upper case."""
    rule = Rule(rrule="RRULE:freq=monthly; byday=2tu", start=date(2024, 1, 9))
    assert rule.rrule == "RRULE:freq=monthly; byday=2tu"
    assert Rule.parts_of(rule.rrule) == {"FREQ": "MONTHLY", "BYDAY": "2TU"}


def test_dates_are_listed_at_least_once_each():
    """An empty list is no cadence; the plan's order is kept."""
    _raises("dates", lambda: Dates(dates=()), fragment="is empty")
    dates = Dates(dates=[date(2024, 9, 1), date(2024, 2, 1)])
    assert dates.dates == (date(2024, 9, 1), date(2024, 2, 1))


def test_each_cadence_kind_has_its_file_name():
    """The 'kind' written in files names each variant."""
    kinds = [PerPeriod.kind, Rule.kind, Dates.kind, AsNeeded.kind, NotStated.kind]
    assert kinds == ["per-period", "rule", "dates", "as-needed", "not-stated"]
    assert Forum(id="f", name="F").cadence == NotStated()


# --- rules between fields -----------------------------------------------------------------


def test_validity_may_not_end_before_it_starts():
    """valid_until before valid_from is refused; the same day, or either alone, is fine."""
    start = date(2016, 4, 25)
    error = _raises(
        "valid_until",
        lambda: Validity(valid_from=start, valid_until=date(2016, 4, 24)),
        value=date(2016, 4, 24),
    )
    assert error.hint == "use a date on or after 2016-04-25"
    assert Validity(valid_from=start, valid_until=start).valid_until == start
    assert Validity(valid_until=date(2000, 1, 1)).valid_from is None


@pytest.mark.parametrize("bad", ["bra.fagersta.se", "bra at fagersta.se"])
def test_contact_email_needs_an_at_sign(bad):
    """A mailbox without '@' is a typo; blank is refused as blank."""
    _raises("email", lambda: Contact(email=bad), value=bad, fragment="is not an e-mail address")
    _raises("email", lambda: Contact(email=" "), fragment="must not be empty")
    assert Contact(email="bra@fagersta.se").email == "bra@fagersta.se"


def test_an_invitation_names_exactly_one_invitee():
    """Either an actor or a municipality is asked, never both or neither."""
    for build in (
        lambda: Invitation(id="i", subject="Gemensamt Brå"),
        lambda: Invitation(id="i", subject="Gemensamt Brå", actor="a", municipality=FAGERSTA),
    ):
        error = _raises("actor", build, fragment="names exactly one invitee")
        assert error.hint == "set either 'actor' or 'municipality'"
    assert Invitation(id="i", subject="s", actor="polisen").municipality is None
    invited = Invitation(id="i", subject="s", municipality=FAGERSTA)
    assert invited.status is InvitationStatus.ASKED


@pytest.mark.parametrize("bad", ["de", "SV", "", "svenska"])
def test_plan_language_is_swedish_or_english(bad):
    """Only 'sv' and 'en' are supported for people-facing output."""
    error = _raises("language", lambda: Plan(id="p", title="T", language=bad), value=bad)
    assert error.hint == "use 'sv' or 'en'"
    assert Plan(id="p", title="T", language="en").language == "en"
    assert Plan(id="p", title="T").language == "sv"


def test_model_objects_are_frozen_and_changed_with_evolve(tiny_plan):
    """Plans are values: assignment fails, attrs.evolve makes a checked copy."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tiny_plan.title = "Ny titel"  # type: ignore[misc]
    renamed = attrs.evolve(tiny_plan, title="Ny titel")
    assert renamed.title == "Ny titel"
    assert tiny_plan.title != renamed.title
    with pytest.raises(InvalidValueError):
        attrs.evolve(tiny_plan, id="Ny titel")


# --- enumerations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (Modality, "shall", Modality.SHALL),
        (Modality, "ska", Modality.SHALL),
        (Modality, "Skall", Modality.SHALL),
        (Modality, "must", Modality.SHALL),
        (Modality, "BÖR", Modality.SHOULD),
        (Modality, "bor", Modality.SHOULD),
        (Modality, "rekommenderas", Modality.SHOULD),
        (Modality, "  kan ", Modality.MAY),
        (PreventionLevel, "främjande", PreventionLevel.PROMOTIVE),
        (PreventionLevel, "generell", PreventionLevel.UNIVERSAL),
        (PreventionLevel, "specifik", PreventionLevel.SELECTIVE),
        (PreventionLevel, "individinriktad", PreventionLevel.INDICATED),
        (PreventionLevel, "tertiärprevention", PreventionLevel.TERTIARY),
        (PreventionScheme, "universell / selektiv / indikerad", PreventionScheme.UNIVERSAL),
        (ActorKind, "polis", ActorKind.POLICE),
        (ActorKind, "Polisen", ActorKind.POLICE),
        (ActorKind, "landsting", ActorKind.REGION),
        (ActorKind, "Swedish Migration Agency", ActorKind.MIGRATION_AGENCY),
        (ForumKind, "Brå", ForumKind.CRIME_PREVENTION_COUNCIL),
        (ForumKind, "samverkansgrupp", ForumKind.COLLABORATION_GROUP),
        (Role, "adjungerad", Role.ADJUNCT),
        (Classification, "sekretess", Classification.CONFIDENTIAL),
        (InvitationStatus, "avböjd tills vidare", InvitationStatus.DECLINED_FOR_NOW),
        (MeasureStatus, "pågående", MeasureStatus.ONGOING),
        (Perspective, "genusperspektiv", Perspective.GENDER),
        (ResourceKind, "stödtelefon", ResourceKind.HELPLINE),
        (Period, "kvartal", Period.QUARTER),
        (Period, "half-year", Period.HALF_YEAR),
    ],
)
def test_enums_parse_codes_labels_and_aliases_ignoring_case(enum, text, member):
    """Plans use the Swedish word, the English code or a common alias; all mean one member."""
    assert enum.parse(text) is member


@pytest.mark.parametrize(
    "enum",
    [
        Modality,
        PreventionLevel,
        PreventionScheme,
        ActorKind,
        ForumKind,
        Role,
        Classification,
        InvitationStatus,
        MeasureStatus,
        Perspective,
        ResourceKind,
        Period,
    ],
)
def test_every_member_parses_from_its_code_and_both_labels(enum):
    """Code, English label and Swedish label all lead back to the member."""
    for member in enum:
        assert enum.parse(member.value) is member
        assert enum.parse(member.label("en")) is member
        assert enum.parse(member.label("sv").upper()) is member


def test_unknown_enum_text_names_the_enum_and_lists_the_codes():
    """The error's field is the enum's name; the hint lists every valid code."""
    error = _raises("Modality", lambda: Modality.parse("måste"), value="måste")
    assert error.message == "unknown value 'måste'"
    assert error.hint == "use one of 'shall', 'should', 'may'"


def test_labels_are_english_by_default_and_swedish_on_request():
    """label() gives English; label('sv') the plan's Swedish word."""
    assert Modality.SHOULD.label() == "should"
    assert Modality.SHOULD.label("sv") == "bör"
    assert ActorKind.COUNTY_BOARD.label("en") == "county administrative board"
    assert ActorKind.COUNTY_BOARD.label("sv") == "länsstyrelse"
    assert InvitationStatus.DECLINED_FOR_NOW.label("sv") == "avböjd tills vidare"


def test_modality_rank_orders_shall_above_should_above_may():
    """A broken shall weighs more than a missing may."""
    assert [m.rank for m in Modality] == [3, 2, 1]


@pytest.mark.parametrize(
    ("level", "scheme", "rank"),
    [
        (PreventionLevel.PROMOTIVE, PreventionScheme.PROMOTIVE, 1),
        (PreventionLevel.PREVENTIVE, PreventionScheme.PROMOTIVE, 2),
        (PreventionLevel.INTERVENTIVE, PreventionScheme.PROMOTIVE, 3),
        (PreventionLevel.UNIVERSAL, PreventionScheme.UNIVERSAL, 1),
        (PreventionLevel.SELECTIVE, PreventionScheme.UNIVERSAL, 2),
        (PreventionLevel.INDICATED, PreventionScheme.UNIVERSAL, 3),
        (PreventionLevel.PRIMARY, PreventionScheme.PRIMARY, 1),
        (PreventionLevel.SECONDARY, PreventionScheme.PRIMARY, 2),
        (PreventionLevel.TERTIARY, PreventionScheme.PRIMARY, 3),
    ],
)
def test_prevention_levels_know_their_scheme_and_rank(level, scheme, rank):
    """Each level belongs to one scheme, ranked from broadest to most individual."""
    assert level.scheme is scheme
    assert level.rank == rank


# --- lookups ------------------------------------------------------------------------------


def test_plan_looks_up_parts_by_id(tiny_plan):
    """actor(), forum(), measure() and section() return the part with that id or number."""
    assert tiny_plan.actor("skolan").kind is ActorKind.SCHOOL
    assert tiny_plan.forum("bra").members[0].role is Role.CHAIR
    assert tiny_plan.measure("trygghetsvandring").responsible == ("polisen",)
    assert tiny_plan.section("2").heading == "Samverkan"
    assert tiny_plan.municipality_codes == ("1982",)


@pytest.mark.parametrize(
    ("lookup", "key", "message"),
    [
        ("actor", "polis", "no actor 'polis'"),
        ("forum", "samverkan", "no forum 'samverkan'"),
        ("measure", "x", "no measure 'x'"),
        ("section", "9", "no section '9'"),
    ],
)
def test_plan_lookup_of_a_missing_part_is_a_key_error(tiny_plan, lookup, key, message):
    """A missing id raises KeyError naming what was asked for."""
    with pytest.raises(KeyError, match=message):
        getattr(tiny_plan, lookup)(key)


def test_decision_reads_like_the_minutes():
    """A decision prints as body, date and paragraph: 'KF 2016-04-25 § 74'."""
    decision = Decision(body="KF", date=date(2016, 4, 25), paragraph="74")
    assert str(decision) == "KF 2016-04-25 § 74"
    assert str(attrs.evolve(decision, paragraph=None)) == "KF 2016-04-25"


@pytest.mark.parametrize("rule", ["FREQ=DAILY;BYDAY=1TU", "FREQ=WEEKLY;BYDAY=-1FR"])
def test_weekly_and_daily_rules_name_plain_weekdays(rule):
    """RFC 5545 gives BYDAY ordinals meaning only in monthly and yearly rules."""
    error = _raises("rrule", lambda: Rule(rrule=rule, start=date(2027, 1, 1)))
    assert "has an ordinal" in error.message
