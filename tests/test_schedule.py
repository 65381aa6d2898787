"""Cadences become dated meetings and deadlines: holidays, blackouts, time zones, RRULEs."""

from __future__ import annotations

import importlib.resources
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import holidays
import pytest
from dateutil.rrule import rrulestr
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from actionplan import (
    Actor,
    AsNeeded,
    Classification,
    Dates,
    FollowUp,
    Forum,
    ForumKind,
    InvalidValueError,
    Measure,
    MeasureStatus,
    Membership,
    NotStated,
    Period,
    PerPeriod,
    Plan,
    Rule,
    Section,
    SituationalPicture,
    Source,
    Validity,
)
from actionplan.model import PERIOD_DAYS
from actionplan.schedule import (
    CHRISTMAS,
    SUMMER,
    Blackout,
    OccurrenceKind,
    Options,
    Schedule,
    Series,
    SubjectKind,
    periods,
    rule_dates,
    schedule,
)
from strategies import plans

STOCKHOLM = ZoneInfo("Europe/Stockholm")
YEAR_2027 = (date(2027, 1, 1), date(2027, 12, 31))
SEED = "data/handlingsplan-vbe-2016.toml"


def swedish_holidays(*years: int) -> set[date]:
    """Public and de facto holidays, straight from the holidays package."""
    found = holidays.country_holidays(
        "SE", years=years, language="sv", categories=("public", "de_facto")
    )
    return set(found)


def forum(cadence, *, forum_id="bra", name="Brå", members=("polisen",), **values) -> Forum:
    return Forum(
        id=forum_id,
        name=name,
        kind=ForumKind.CRIME_PREVENTION_COUNCIL,
        members=tuple(Membership(actor=actor) for actor in members),
        cadence=cadence,
        source=Source(section="2", quote="Brå bör träffas minst fyra gånger per år."),
        **values,
    )


def plan_with(*forums: Forum, **values) -> Plan:
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan för Exempelby",
        sections=(
            Section(number="1", heading="Samverkan", text="Vi ska samverka."),
            Section(number="2", heading="Brå", text="Brå bör träffas minst fyra gånger per år."),
        ),
        actors=(
            Actor(id="polisen", name="Polisen"),
            Actor(id="skolan", name="Skolan"),
            Actor(id="socialtjansten", name="Socialtjänsten"),
        ),
        forums=forums,
        **values,
    )


def expand(series: Series) -> set[datetime]:
    """What an RFC 5545 reader makes of a series: rule from DTSTART, minus EXDATE, plus RDATE."""
    starts: set[datetime] = set()
    if series.rrule is not None:
        starts = set(rrulestr(series.rrule, dtstart=series.start))
    return (starts - set(series.exdates)) | set(series.rdates)


def assert_invariant(result: Schedule) -> None:
    """Every series expands to exactly its occurrences, all inside the window."""
    keys = [s.key for s in result.series]
    assert keys == sorted(set(keys))
    for series in result.series:
        starts = [o.start for o in series.occurrences]
        assert starts == sorted(starts)
        assert expand(series) == set(starts), series.key
        assert all(result.start <= s.date() <= result.end for s in starts)
        if series.rrule is not None:
            assert series.rrule.rpartition("UNTIL=")[2].endswith("Z")
            assert series.start.tzinfo is not None


def only(result: Schedule, key: str) -> Series:
    (series,) = (s for s in result.series if s.key == key)
    return series


def days_of(series: Series) -> list[str]:
    return [o.start.date().isoformat() for o in series.occurrences]


# --- per-period cadences ----------------------------------------------------------------


def test_four_a_year_gives_one_meeting_per_quarter_clear_of_holidays_and_breaks():
    """Brå meeting at least four times a year gets one Tuesday meeting in each quarter."""
    result = schedule(plan_with(forum(PerPeriod(count=4, period=Period.YEAR))), *YEAR_2027)
    bra = only(result, "forum/bra")
    assert days_of(bra) == ["2027-02-09", "2027-05-11", "2027-08-10", "2027-11-09"]
    assert bra.rrule == "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20271109T120000Z"
    assert (bra.exdates, bra.rdates) == ((), ())
    days = [o.start.date() for o in bra.occurrences]
    assert sorted((d.month - 1) // 3 for d in days) == [0, 1, 2, 3]
    assert [o.period for o in bra.occurrences] == ["2027", "2027", "2027", "2027"]
    assert not set(days) & swedish_holidays(2027)
    assert all(d.weekday() < 5 for d in days)
    assert not [d for d in days if d.month == 7 or CHRISTMAS.contains(d)]
    assert all(o.start.time() == time(13, 0) for o in bra.occurrences)
    assert all(o.end - o.start == timedelta(hours=2) for o in bra.occurrences)
    assert result.findings == ()
    assert_invariant(result)


@pytest.mark.parametrize(
    ("cadence", "rule"),
    [
        (PerPeriod(count=12), "FREQ=MONTHLY;BYDAY=2TU"),
        (PerPeriod(count=1, period=Period.MONTH), "FREQ=MONTHLY;BYDAY=2TU"),
        (PerPeriod(count=2, period=Period.MONTH), "FREQ=MONTHLY;BYDAY=1TU,3TU"),
        (PerPeriod(count=3, period=Period.MONTH), "FREQ=MONTHLY;BYDAY=1TU,3TU,-1TU"),
        (PerPeriod(count=1, period=Period.WEEK), "FREQ=WEEKLY;BYDAY=TU"),
        (PerPeriod(count=2, period=Period.HALF_YEAR), "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"),
        (PerPeriod(count=1, period=Period.YEAR), "FREQ=MONTHLY;INTERVAL=12;BYDAY=2TU"),
    ],
)
def test_even_cadences_become_one_rule(cadence, rule):
    """Cadences that divide their period evenly are written as one RRULE."""
    result = schedule(plan_with(forum(cadence)), *YEAR_2027)
    bra = only(result, "forum/bra")
    assert bra.rrule is not None
    assert bra.rrule.partition(";UNTIL=")[0] == rule
    assert_invariant(result)


def test_two_a_month_meet_once_in_each_half_of_the_month():
    """Two meetings a month fall in the first and the second half of every month but July."""
    result = schedule(plan_with(forum(PerPeriod(count=2, period=Period.MONTH))), *YEAR_2027)
    days = [o.start.date() for o in only(result, "forum/bra").occurrences]
    for month in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12):
        in_month = [d.day for d in days if d.month == month]
        assert len(in_month) == 2, month
        assert in_month[0] <= 14 < in_month[1]
    assert [d for d in days if d.month == 7] == []


def test_five_a_year_cannot_be_one_rule_so_every_start_is_listed():
    """Five meetings a year need no rule: each of the five starts is an RDATE."""
    result = schedule(plan_with(forum(PerPeriod(count=5))), *YEAR_2027)
    bra = only(result, "forum/bra")
    assert bra.rrule is None
    assert bra.exdates == ()
    assert bra.rdates == tuple(o.start for o in bra.occurrences)
    assert len(bra.occurrences) == 5
    assert bra.start == bra.occurrences[0].start
    assert_invariant(result)


def test_a_meeting_on_epiphany_moves_to_the_nearest_preferred_weekday():
    """The first Wednesday of January 2027 is Epiphany; the meeting moves to Thursday 7th."""
    options = Options(weekdays=(2, 1, 3))
    cadence = PerPeriod(count=2, period=Period.MONTH)
    result = schedule(plan_with(forum(cadence)), *YEAR_2027, options=options)
    bra = only(result, "forum/bra")
    assert bra.rrule is not None
    assert bra.rrule.startswith("FREQ=MONTHLY;BYDAY=1WE,3WE;UNTIL=")
    january = [o for o in bra.occurrences if o.start.month == 1]
    assert [o.start.date() for o in january] == [date(2027, 1, 7), date(2027, 1, 20)]
    assert january[0].planned == date(2027, 1, 6)
    assert january[1].planned is None
    epiphany = datetime(2027, 1, 6, 13, tzinfo=STOCKHOLM)
    assert epiphany in bra.exdates
    assert bra.rdates == (datetime(2027, 1, 7, 13, tzinfo=STOCKHOLM),)
    assert_invariant(result)


def test_midsummer_eve_moves_to_the_nearest_working_day_in_the_same_week():
    """Midsommarafton 2027-06-25 is the fourth Friday; with only Fridays allowed it goes to
    Thursday 24th, the nearest working day inside the same part of the month."""
    options = Options(weekdays=(4,), blackouts=())
    cadence = PerPeriod(count=4, period=Period.MONTH)
    result = schedule(plan_with(forum(cadence)), *YEAR_2027, options=options)
    bra = only(result, "forum/bra")
    assert bra.rrule is not None
    assert bra.rrule.startswith("FREQ=MONTHLY;BYDAY=1FR,2FR,3FR,4FR;UNTIL=")
    moved = {o.planned: o.start.date() for o in bra.occurrences if o.planned is not None}
    assert moved[date(2027, 6, 25)] == date(2027, 6, 24)
    assert moved[date(2027, 12, 24)] == date(2027, 12, 23)
    assert moved[date(2027, 3, 26)] == date(2027, 3, 25)
    assert datetime(2027, 6, 25, 13, tzinfo=STOCKHOLM) in bra.exdates
    assert datetime(2027, 6, 24, 13, tzinfo=STOCKHOLM) in bra.rdates
    assert len(bra.exdates) == len(bra.rdates) == len(moved)
    assert not {o.start.date() for o in bra.occurrences} & swedish_holidays(2027)
    assert_invariant(result)


def test_a_month_inside_a_blackout_cannot_hold_its_meeting_and_says_so():
    """A monthly forum gets no meeting in July; a warning names the period instead."""
    result = schedule(plan_with(forum(PerPeriod(count=1, period=Period.MONTH))), *YEAR_2027)
    bra = only(result, "forum/bra")
    assert len(bra.occurrences) == 11
    assert datetime(2027, 7, 13, 13, tzinfo=STOCKHOLM) in bra.exdates
    (finding,) = result.findings
    assert finding.code == "AP303"
    assert finding.severity.value == "warning"
    assert finding.path == "forums[0].cadence"
    assert finding.message == (
        "forum 'Brå' has no working day outside holidays and blackouts in "
        "2027-07-01–2027-07-31, so 2027-07 gets 0 of its 1 meetings"
    )
    assert finding.message_sv == (
        "forumet 'Brå' har ingen arbetsdag utanför helgdagar och uppehåll "
        "2027-07-01–2027-07-31, så 2027-07 får 0 av sina 1 möten"
    )
    assert finding.citation is not None
    assert finding.citation.section == "2"
    assert_invariant(result)


def test_a_period_shorter_than_its_meeting_count_says_how_many_it_can_hold():
    """183 meetings a half-year do not fit in the 181 days of January to June 2027."""
    cadence = PerPeriod(count=183, period=Period.HALF_YEAR)
    options = Options(weekdays=tuple(range(7)), blackouts=(), avoid_holidays=False)
    window = (date(2027, 1, 1), date(2027, 6, 30))
    result = schedule(plan_with(forum(cadence)), *window, options=options)
    assert len(result.occurrences) == 181
    (finding,) = result.findings
    assert finding.code == "AP303"
    assert finding.message == (
        "forum 'Brå' asks for 183 meetings in 2027-H1, which has only 181 days, so it gets 181"
    )
    assert_invariant(result)


def test_meetings_keep_their_wall_clock_time_across_the_switch_to_summer_time():
    """A 13:00 meeting is 13:00 in Stockholm before (UTC+1) and after (UTC+2) 28 March."""
    cadence = PerPeriod(count=1, period=Period.WEEK)
    window = (date(2027, 3, 22), date(2027, 4, 4))
    result = schedule(plan_with(forum(cadence)), *window, options=Options(weekdays=(1,)))
    bra = only(result, "forum/bra")
    before, after = bra.occurrences
    assert (before.start.date(), after.start.date()) == (date(2027, 3, 23), date(2027, 3, 30))
    assert before.start.time() == after.start.time() == time(13, 0)
    assert before.start.utcoffset() == timedelta(hours=1)
    assert after.start.utcoffset() == timedelta(hours=2)
    assert after.end.isoformat() == "2027-03-30T15:00:00+02:00"
    assert bra.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270330T110000Z"
    assert_invariant(result)


def test_a_window_cutting_a_period_reports_the_meetings_left_outside():
    """From mid-March, the first quarter's February meeting is outside the window: an info."""
    plan = plan_with(forum(PerPeriod(count=4)))
    result = schedule(plan, date(2027, 3, 15), date(2027, 12, 31))
    assert days_of(only(result, "forum/bra")) == ["2027-05-11", "2027-08-10", "2027-11-09"]
    (finding,) = result.findings
    assert finding.code == "AP306"
    assert finding.message == (
        "forum 'Brå' gets 3 of its 4 meetings in 2027: "
        "the window 2027-03-15–2027-12-31 covers only part of it"
    )
    assert_invariant(result)


def test_the_same_meeting_has_the_same_date_whatever_the_window():
    """Dates do not depend on the window: a shorter window shows a subset of the same dates."""
    plan = plan_with(forum(PerPeriod(count=2, period=Period.MONTH)))
    whole = schedule(plan, date(2026, 1, 1), date(2028, 12, 31))
    part = schedule(plan, date(2027, 2, 10), date(2027, 9, 20))
    starts = {o.start for o in whole.occurrences}
    inside = {s for s in starts if date(2027, 2, 10) <= s.date() <= date(2027, 9, 20)}
    assert {o.start for o in part.occurrences} == inside


def test_weekend_days_listed_as_preferred_may_hold_meetings():
    """A forum that meets on Saturdays keeps its Saturday meetings."""
    cadence = PerPeriod(count=1, period=Period.MONTH)
    options = Options(weekdays=(5,), blackouts=())
    result = schedule(plan_with(forum(cadence)), *YEAR_2027, options=options)
    bra = only(result, "forum/bra")
    assert all(o.start.weekday() == 5 for o in bra.occurrences)
    assert len(bra.occurrences) == 12


# --- exact cadences -----------------------------------------------------------------------


def test_explicit_dates_are_kept_exactly_even_on_a_holiday():
    """Dates are honoured as given; one on a holiday is kept and reported as information."""
    cadence = Dates(dates=(date(2027, 9, 14), date(2027, 1, 6), date(2028, 2, 1)))
    result = schedule(plan_with(forum(cadence)), *YEAR_2027)
    bra = only(result, "forum/bra")
    assert days_of(bra) == ["2027-01-06", "2027-09-14"]
    assert bra.rrule is None
    assert bra.rdates == tuple(o.start for o in bra.occurrences)
    assert all(o.start.time() == time(13, 0) for o in bra.occurrences)
    (finding,) = result.findings
    assert finding.code == "AP304"
    assert finding.message == (
        "forum 'Brå' falls on holidays, as the plan says: 2027-01-06 (Epiphany)"
    )
    assert finding.message_sv == (
        "forumet 'Brå' infaller på helgdagar, som planen säger: 2027-01-06 (Trettondedag jul)"
    )
    assert_invariant(result)


def test_a_rule_is_honoured_exactly_and_holidays_are_not_moved():
    """FREQ=MONTHLY;BYDAY=1WE keeps Epiphany and July, and is re-anchored in the window."""
    cadence = Rule(rrule="FREQ=MONTHLY;BYDAY=1WE", start=date(2016, 5, 1))
    result = schedule(plan_with(forum(cadence)), *YEAR_2027)
    bra = only(result, "forum/bra")
    assert len(bra.occurrences) == 12
    assert days_of(bra)[0] == "2027-01-06"
    assert "2027-07-07" in days_of(bra)
    assert bra.start == datetime(2027, 1, 6, 13, tzinfo=STOCKHOLM)
    assert bra.rrule == "FREQ=MONTHLY;BYDAY=1WE;UNTIL=20271201T120000Z"
    assert [f.code for f in result.findings] == ["AP304"]
    assert_invariant(result)


def test_a_rule_with_count_stops_where_the_plan_says():
    """COUNT counts from the rule's own start, before the window too."""
    cadence = Rule(rrule="FREQ=MONTHLY;BYDAY=2TU;COUNT=14", start=date(2026, 1, 1))
    result = schedule(plan_with(forum(cadence)), *YEAR_2027)
    assert days_of(only(result, "forum/bra")) == ["2027-01-12", "2027-02-09"]
    assert_invariant(result)


def test_a_rule_until_a_date_runs_through_that_local_day():
    """UNTIL=20270309 includes a meeting at 13:00 on 9 March."""
    cadence = Rule(rrule="FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270309", start=date(2027, 1, 1))
    assert [d.isoformat() for d in rule_dates(cadence, *YEAR_2027)] == [
        "2027-01-12",
        "2027-02-09",
        "2027-03-09",
    ]


def test_a_daily_rule_from_long_ago_expands_only_around_the_window():
    """A rule that started in 1900 still gives exactly its dates in the window."""
    cadence = Rule(rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", start=date(1900, 1, 2))
    days = rule_dates(cadence, *YEAR_2027)
    assert len(days) == 26
    assert all((d - date(1900, 1, 2)).days % 14 == 0 for d in days)


def test_a_monthly_rule_on_day_31_names_the_months_it_skips():
    """BYMONTHDAY=31 skips short months, as RFC 5545 says; an info finding names them."""
    cadence = Rule(rrule="FREQ=MONTHLY;BYMONTHDAY=31", start=date(2027, 1, 1))
    result = schedule(plan_with(forum(cadence)), *YEAR_2027, options=Options(avoid_holidays=False))
    assert len(only(result, "forum/bra").occurrences) == 7
    (finding,) = result.findings
    assert finding.code == "AP305"
    assert finding.message == (
        "forum 'Brå' has a rule asking for day 31, which 2027-02, 2027-04, 2027-06, 2027-09, "
        "2027-11 lack; RFC 5545 skips such months, so write BYMONTHDAY=-1 for the last day "
        "of every month"
    )
    assert_invariant(result)


def test_a_monthly_rule_starting_on_the_31st_skips_short_months_too():
    """Without BYMONTHDAY the day comes from the start, with the same trap."""
    cadence = Rule(rrule="FREQ=MONTHLY;INTERVAL=2", start=date(2027, 1, 31))
    result = schedule(plan_with(forum(cadence)), *YEAR_2027, options=Options(avoid_holidays=False))
    assert days_of(only(result, "forum/bra")) == [
        "2027-01-31",
        "2027-03-31",
        "2027-05-31",
        "2027-07-31",
    ]
    (finding,) = result.findings
    assert "2027-07" not in finding.message
    assert "2027-09, 2027-11 lack" in finding.message


def test_the_last_day_of_every_month_is_written_without_skipping():
    """BYMONTHDAY=-1 reaches every month, February included, and draws no finding."""
    cadence = Rule(rrule="FREQ=MONTHLY;BYMONTHDAY=-1", start=date(2027, 1, 1))
    result = schedule(plan_with(forum(cadence)), *YEAR_2027, options=Options(avoid_holidays=False))
    assert "2027-02-28" in days_of(only(result, "forum/bra"))
    assert result.findings == ()


def test_monthly_deadlines_fall_on_the_last_working_day_of_every_month():
    """Generated monthly to-dos never skip a month: BYSETPOS=-1, never BYMONTHDAY=31."""
    measure = Measure(
        id="rapport",
        description="Månadsrapport",
        responsible=("skolan",),
        cadence=PerPeriod(count=1, period=Period.MONTH),
    )
    result = schedule(plan_with(measures=(measure,)), *YEAR_2027)
    series = only(result, "measure/rapport")
    assert series.kind is OccurrenceKind.DEADLINE
    assert series.rrule is not None
    assert "BYMONTHDAY" not in series.rrule
    assert series.rrule.startswith("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=")
    days = days_of(series)
    assert len(days) == 12
    assert "2027-02-26" in days
    assert "2027-07-30" in days
    assert "2027-12-30" in days
    (moved,) = (o for o in series.occurrences if o.planned is not None)
    assert moved.planned == date(2027, 12, 31)
    assert all(o.start == o.end and o.start.time() == time(0) for o in series.occurrences)
    assert series.duration == timedelta(0)
    assert_invariant(result)


# --- what gets scheduled ------------------------------------------------------------------


def test_a_forum_without_cadence_gets_a_finding_and_no_invented_meetings():
    """The civil-society meeting place states no cadence: a finding cites it, no meetings."""
    place = forum(
        NotStated(text="kontinuerliga mötesplatser"),
        forum_id="motesplats",
        name="Mötesplats",
    )
    result = schedule(plan_with(place), *YEAR_2027)
    assert result.series == ()
    (finding,) = result.findings
    assert finding.code == "AP302"
    assert finding.subject == "motesplats"
    assert finding.message == (
        "forum 'Mötesplats' states no cadence (\"kontinuerliga mötesplatser\"), "
        "so no meetings are scheduled"
    )
    assert finding.citation is not None
    assert finding.citation.quote == "Brå bör träffas minst fyra gånger per år."


def test_a_forum_meeting_as_needed_gets_no_dates():
    """'Vid behov' has nothing to schedule; an info finding says so."""
    result = schedule(plan_with(forum(AsNeeded())), *YEAR_2027)
    assert result.series == ()
    assert [(f.code, f.severity.value) for f in result.findings] == [("AP301", "info")]


def test_pictures_follow_ups_measures_and_the_revision_become_to_dos():
    """Everything but forums becomes a deadline series with its own stable key."""
    plan = plan_with(
        forum(PerPeriod(count=4), members=("polisen", "skolan")),
        measures=(
            Measure(
                id="vandring",
                description="Trygghetsvandring",
                responsible=("polisen",),
                participants=("socialtjansten", "polisen"),
                cadence=PerPeriod(count=2),
                deadline=date(2027, 4, 30),
            ),
            Measure(
                id="klar",
                description="Klar",
                deadline=date(2027, 3, 1),
                status=MeasureStatus.COMPLETED,
            ),
        ),
        situational_pictures=(
            SituationalPicture(
                id="lagesbild", name="Lägesbilden", producer="bra", refresh=PerPeriod(count=1)
            ),
        ),
        follow_ups=(
            FollowUp(
                id="uppfoljning",
                description="Ordinarie uppföljning",
                responsible=("skolan",),
                cadence=PerPeriod(count=1),
            ),
        ),
        validity=Validity(revise_by=date(2027, 12, 15)),
    )
    result = schedule(plan, *YEAR_2027)
    assert [s.key for s in result.series] == [
        "follow-up/uppfoljning",
        "forum/bra",
        "measure/vandring",
        "plan/revision",
        "situational-picture/lagesbild",
    ]
    kinds = {s.key: (s.subject_kind, s.kind) for s in result.series}
    assert kinds["forum/bra"] == (SubjectKind.FORUM, OccurrenceKind.MEETING)
    assert kinds["plan/revision"] == (SubjectKind.PLAN, OccurrenceKind.DEADLINE)
    assert kinds["situational-picture/lagesbild"][1] is OccurrenceKind.DEADLINE
    assert days_of(only(result, "plan/revision")) == ["2027-12-15"]
    assert only(result, "plan/revision").subject == "exempelby"
    walk = only(result, "measure/vandring")
    assert days_of(walk) == ["2027-04-30", "2027-06-30", "2027-12-30"]
    assert walk.occurrences[0].participants == ("polisen", "socialtjansten")
    picture = only(result, "situational-picture/lagesbild")
    assert picture.occurrences[0].participants == ("polisen", "skolan")
    assert picture.summary("sv") == "Uppdatera lägesbilden: Lägesbilden"
    assert picture.occurrences[0].summary("en") == "Update the situational picture: Lägesbilden"
    assert only(result, "plan/revision").summary("en") == (
        "Revise the plan: Lokal handlingsplan för Exempelby"
    )
    assert only(result, "forum/bra").occurrences[0].summary() == "Brå"
    assert_invariant(result)


def test_overrides_set_options_for_one_forum():
    """An override by id or by series key gives one forum its own weekday and time."""
    plan = plan_with(
        forum(PerPeriod(count=4)),
        forum(PerPeriod(count=4), forum_id="grupp", name="Gruppen"),
    )
    thursday = Options(weekdays=(3,), start=time(9, 30), location="Stadshuset")
    for key in ("grupp", "forum/grupp"):
        result = schedule(plan, *YEAR_2027, overrides={key: thursday})
        group = only(result, "forum/grupp")
        assert all(o.start.weekday() == 3 for o in group.occurrences)
        assert all(o.start.time() == time(9, 30) for o in group.occurrences)
        assert {o.location for o in group.occurrences} == {"Stadshuset"}
        assert all(o.start.weekday() == 1 for o in only(result, "forum/bra").occurrences)
    with pytest.raises(InvalidValueError, match="'okand'"):
        schedule(plan, *YEAR_2027, overrides={"okand": thursday})


def test_views_give_an_actors_a_forums_and_the_public_calendar():
    """Per actor: only its meetings; per forum: one forum; public: nothing confidential."""
    secret = forum(
        NotStated(),
        forum_id="grupp",
        name="Samverkansgruppen",
        members=("socialtjansten",),
        classification=Classification.CONFIDENTIAL,
    )
    hidden = forum(
        PerPeriod(count=12),
        forum_id="intern",
        name="Intern",
        members=("socialtjansten", "skolan"),
        classification=Classification.INTERNAL,
    )
    result = schedule(plan_with(forum(PerPeriod(count=4)), secret, hidden), *YEAR_2027)
    police = result.for_actor("polisen")
    assert [s.key for s in police.series] == ["forum/bra"]
    assert police.findings == ()
    social = result.for_actor("socialtjansten")
    assert [s.key for s in social.series] == ["forum/intern"]
    assert [(f.code, f.subject) for f in social.findings] == [
        ("AP302", "grupp"),
        ("AP303", "intern"),
    ]
    assert [s.key for s in result.for_forum("intern").series] == ["forum/intern"]
    public = result.public()
    assert [s.key for s in public.series] == ["forum/bra"]
    assert public.findings == ()
    assert [s.id for s in public.subjects] == ["bra"]
    assert_invariant(public)


def test_a_thinned_series_lists_its_remaining_starts():
    """An actor who attends only some meetings of a series gets them as RDATEs."""
    result = schedule(plan_with(forum(PerPeriod(count=4))), *YEAR_2027)
    bra = only(result, "forum/bra")
    first, *rest = bra.occurrences
    guest = attrs.evolve(first, participants=(*first.participants, "skolan"))
    mixed = attrs.evolve(result, series=(attrs.evolve(bra, occurrences=(guest, *rest)),))
    assert_invariant(mixed)
    (whole,) = mixed.for_actor("polisen").series
    assert whole.rrule == bra.rrule
    (thinned,) = mixed.for_actor("skolan").series
    assert thinned.rrule is None
    assert thinned.exdates == ()
    assert thinned.rdates == (first.start,)
    assert thinned.start == first.start
    assert_invariant(mixed.for_actor("skolan"))


def test_the_same_plan_gives_the_same_schedule():
    """Scheduling is deterministic: equal inputs, equal schedules."""
    plan = plan_with(forum(PerPeriod(count=5)), forum(PerPeriod(count=4), forum_id="b"))
    assert schedule(plan, *YEAR_2027) == schedule(plan, *YEAR_2027)


# --- limits and bad input -----------------------------------------------------------------


def test_a_window_longer_than_fifty_years_is_refused():
    """Fifty years is the limit; a day more raises an error naming the limit."""
    plan = plan_with(forum(PerPeriod(count=1)))
    assert len(schedule(plan, date(2000, 1, 1), date(2049, 12, 31)).occurrences) == 50
    with pytest.raises(InvalidValueError, match="longer than 50 years"):
        schedule(plan, date(2000, 1, 1), date(2050, 1, 1))


def test_a_window_ending_before_it_starts_is_refused():
    with pytest.raises(InvalidValueError, match="ends before the window starts"):
        schedule(plan_with(), date(2027, 2, 1), date(2027, 1, 1))


def test_a_rule_with_more_than_ten_thousand_dates_in_the_window_is_refused():
    """A daily rule over thirty years is refused instead of expanded."""
    cadence = Rule(rrule="FREQ=DAILY", start=date(2000, 1, 1))
    with pytest.raises(InvalidValueError, match="more than 10000 occurrences"):
        schedule(plan_with(forum(cadence)), date(2000, 1, 1), date(2029, 12, 31))


def test_a_per_period_cadence_with_too_many_dates_is_refused():
    cadence = PerPeriod(count=31, period=Period.MONTH)
    with pytest.raises(InvalidValueError, match="at most 10000"):
        schedule(plan_with(forum(cadence)), date(2000, 1, 1), date(2040, 12, 31))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"weekdays": ()}, "weekdays"),
        ({"weekdays": (1, 1)}, "weekdays"),
        ({"weekdays": (7,)}, "weekdays"),
        ({"zone": "Mars/Olympus"}, "zone"),
        ({"duration": timedelta(hours=-1)}, "duration"),
        ({"start": time(13, tzinfo=STOCKHOLM)}, "start"),
    ],
)
def test_options_refuse_values_that_cannot_place_a_meeting(values, field):
    with pytest.raises(InvalidValueError) as caught:
        Options(**values)
    assert caught.value.field == field


def test_a_blackout_must_name_real_days():
    with pytest.raises(InvalidValueError, match="month 2, day 30"):
        Blackout(name="x", start_month=2, start_day=30, end_month=3, end_day=1)
    assert SUMMER.contains(date(2027, 7, 31))
    assert not SUMMER.contains(date(2027, 8, 1))


def test_periods_name_years_halves_quarters_months_and_iso_weeks():
    window = (date(2026, 12, 30), date(2027, 1, 4))
    assert [p.label for p in periods(Period.WEEK, *window)] == ["2026-W53", "2027-W01"]
    assert [p.label for p in periods(Period.HALF_YEAR, *window)] == ["2026-H2", "2027-H1"]
    assert [p.label for p in periods(Period.MONTH, *window)] == ["2026-12", "2027-01"]
    (year,) = periods(Period.YEAR, date(2027, 5, 1), date(2027, 5, 1))
    assert (year.first, year.last) == YEAR_2027
    assert year.words("en") == "in 2027"
    half = periods(Period.HALF_YEAR, date(2027, 9, 1), date(2027, 9, 1))[0]
    assert half.words("en") == "in the second half of 2027"
    assert half.words("sv") == "under andra halvåret 2027"
    week = periods(Period.WEEK, date(2027, 2, 3), date(2027, 2, 3))[0]
    assert (week.words("en"), week.words("sv")) == ("in week 5 of 2027", "vecka 5 2027")


# --- properties ---------------------------------------------------------------------------


@st.composite
def per_period_cases(draw):
    period = draw(st.sampled_from(Period))
    most = min(PERIOD_DAYS[period], 12 if period is not Period.WEEK else 7)
    count = draw(st.integers(1, most))
    start = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, 800)))
    weekdays = tuple(draw(st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True)))
    blackouts = draw(st.sampled_from([(), (SUMMER, CHRISTMAS)]))
    return (
        PerPeriod(count=count, period=period),
        start,
        end,
        Options(weekdays=weekdays, blackouts=blackouts),
    )


@settings(max_examples=150)
@given(per_period_cases())
def test_per_period_meetings_stay_in_the_window_and_fill_every_whole_period(case):
    """Inside the window, allowed days only, and every whole period holds its meetings
    unless a finding explains why; the RRULE form expands to exactly the meetings."""
    cadence, start, end, options = case
    result = schedule(plan_with(forum(cadence)), start, end, options=options)
    assert_invariant(result)
    days = [o.start.date() for o in result.occurrences]
    assert len(days) == len(set(days))
    blocked = swedish_holidays(*range(start.year, end.year + 1))
    for day in days:
        assert day not in blocked
        assert day.weekday() < 5 or day.weekday() in options.weekdays
        assert not any(b.contains(day) for b in options.blackouts)
    for series in result.series:
        assert series.rrule is None or "BYMONTHDAY" not in series.rrule
    explained = " ".join(f.message for f in result.findings if f.code == "AP303")
    for span in periods(cadence.period, start, end):
        if start <= span.first and span.last <= end:
            held = sum(1 for d in days if span.first <= d <= span.last)
            assert held >= cadence.count or span.label in explained, span.label


@settings(max_examples=60)
@given(plans(), st.dates(date(2015, 1, 1), date(2035, 12, 31)), st.integers(0, 500))
def test_every_series_of_any_plan_expands_to_exactly_its_occurrences(plan, start, length):
    """For generated plans, each series' RRULE, EXDATEs and RDATEs give its occurrences."""
    assume(all(well_formed_until(c) for c in cadences_of(plan)))
    result = schedule(plan, start, start + timedelta(days=length))
    assert_invariant(result)
    assert len({s.key for s in result.series}) == len(result.series)
    assert result == schedule(plan, start, start + timedelta(days=length))


def cadences_of(plan: Plan):
    yield from (f.cadence for f in plan.forums)
    yield from (m.cadence for m in plan.measures)
    yield from (p.refresh for p in plan.situational_pictures)
    yield from (f.cadence for f in plan.follow_ups)


def well_formed_until(cadence) -> bool:
    """RFC 5545 writes UNTIL with a four-digit year; generated years below 1000 have fewer."""
    if not isinstance(cadence, Rule):
        return True
    until = Rule.parts_of(cadence.rrule).get("UNTIL", "00000000")
    return len(until.partition("T")[0]) == 8


def test_a_malformed_until_is_refused_with_a_hint():
    cadence = Rule(rrule="FREQ=DAILY;UNTIL=9990101", start=date(2027, 1, 1))
    with pytest.raises(InvalidValueError, match="UNTIL=9990101 is not a date"):
        schedule(plan_with(forum(cadence)), *YEAR_2027)


# --- the seed plan ------------------------------------------------------------------------


@pytest.mark.skipif(
    not importlib.resources.files("actionplan").joinpath(SEED).is_file(),
    reason="the seed plan is not bundled yet",
)
def test_the_seed_plan_in_2027_gives_bra_a_meeting_each_quarter_and_no_invented_dialogues(
    seed,
):
    """Brå meets at least four times, once a quarter, never on a weekend or holiday; the
    civil-society meeting place, with no cadence, is a finding and has no meetings."""
    result = schedule(seed, *YEAR_2027)
    bra = [o for o in result.occurrences if o.series == "forum/bra"]
    assert len(bra) >= 4
    assert sorted({(o.start.month - 1) // 3 for o in bra}) == [0, 1, 2, 3]
    holidays_2027 = swedish_holidays(2027)
    assert all(o.start.weekday() < 5 and o.start.date() not in holidays_2027 for o in bra)
    places = [
        f
        for f in seed.forums
        if f.kind is ForumKind.DIALOGUE_MEETING and isinstance(f.cadence, NotStated)
    ]
    assert places
    for place in places:
        assert not [o for o in result.occurrences if o.subject == place.id]
        assert [f.code for f in result.findings if f.subject == place.id] == ["AP302"]
    assert_invariant(result)
