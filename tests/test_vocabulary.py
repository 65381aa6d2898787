"""The cadence vocabulary of real Swedish plans: model, file, schedule and compliance.

Each phrase form is built without parsing, written and read back, scheduled and checked
against the meetings or updates that were really held.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

import actionplan
from actionplan import (
    Actor,
    Dates,
    ElectoralCycle,
    EveryNth,
    FollowUp,
    Forum,
    InvalidValueError,
    MaxInterval,
    Measure,
    Membership,
    Modality,
    MonthDeadline,
    NotStated,
    Period,
    PerPeriod,
    Plan,
    Season,
    Seasonal,
    Severity,
    SituationalPicture,
    dumps,
    loads,
    validate,
)
from actionplan.cadence import (
    add_months,
    describe,
    election_day,
    per_year,
    season_spans,
    terms_of_office,
)
from actionplan.compliance import HeldMeeting, check
from actionplan.schedule import Schedule, Series, schedule

YEAR_2027 = (date(2027, 1, 1), date(2027, 12, 31))
DOC = Path(__file__).parent.parent / "docs" / "explanation" / "cadence-phrases.md"


def forum_plan(cadence, *, members=None) -> Plan:
    """A plan whose only forum, the Brå, meets by *cadence*."""
    seats = members if members is not None else (Membership(actor="polisen"),)
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan",
        actors=(Actor(id="polisen", name="Polisen"), Actor(id="skolan", name="Skolan")),
        forums=(Forum(id="bra", name="Brå", members=seats, cadence=cadence),),
    )


def follow_up_plan(cadence) -> Plan:
    """A plan whose only dated part is a follow-up, done by *cadence*."""
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan",
        follow_ups=(FollowUp(id="utvardering", description="Utvärdera planen", cadence=cadence),),
    )


def picture_plan(cadence, last_updated: date | None) -> Plan:
    """A plan whose situational picture is refreshed by *cadence*."""
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan",
        situational_pictures=(
            SituationalPicture(
                id="lagesbild", name="Lägesbild", refresh=cadence, last_updated=last_updated
            ),
        ),
    )


def records(subject: str, *days: str) -> list[HeldMeeting]:
    return [HeldMeeting(forum=subject, day=date.fromisoformat(day)) for day in days]


def days_of(result: Schedule) -> list[str]:
    return [o.start.date().isoformat() for o in result.occurrences]


def messages(findings) -> list[str]:
    return [f.message for f in findings]


def expand(series: Series) -> list[date]:
    """What an iCalendar reader makes of a series: RRULE minus EXDATEs plus RDATEs."""
    starts = set(series.rdates)
    if series.rrule is not None:
        starts |= set(rrulestr(series.rrule, dtstart=series.start)) - set(series.exdates)
    return sorted(s.date() for s in starts)


def assert_round_trip(plan: Plan) -> None:
    for fmt in ("json", "toml", "yaml"):
        assert loads(dumps(plan, format=fmt), format=fmt) == plan


# --- every kind in files and words ---------------------------------------------------------

KINDS = [
    (MaxInterval(months=24, text="minst vartannat år"), "max-interval", 0.5),
    (
        MaxInterval(months=18, anchor=date(2026, 3, 5), modality=Modality.SHALL),
        "max-interval",
        12 / 18,
    ),
    (EveryNth(every=2, period=Period.WEEK, text="varannan vecka"), "every-nth", 26.0),
    (EveryNth(every=2, period=Period.YEAR, anchor=date(2027, 9, 1)), "every-nth", 0.5),
    (Seasonal(seasons=(Season.AUTUMN, Season.SPRING), text="höst och vår"), "seasonal", 2.0),
    (
        Seasonal(seasons=(Season.SPRING_TERM,), count_per_season=2, first_in_term=True),
        "seasonal",
        2.0,
    ),
    (
        MonthDeadline(month=2, year_offset=1, text="senast i februari varje år"),
        "month-deadline",
        1.0,
    ),
    (MonthDeadline(month=12, every_year=False, year=2027, year_offset=-1), "month-deadline", 1.0),
    (ElectoralCycle(offset_months=6, text="varje ny mandatperiod"), "electoral-cycle", 0.25),
    (ElectoralCycle(), "electoral-cycle", 0.25),
    (Dates(dates=(date(2027, 2, 3),), complete=False, stated_count=4), "dates", 4.0),
]


@pytest.mark.parametrize(("cadence", "kind", "yearly"), KINDS)
def test_every_new_cadence_kind_survives_json_toml_and_yaml(cadence, kind, yearly):
    """Each phrase form is written with its kind tag and read back equal, wording kept."""
    plan = forum_plan(cadence)
    assert_round_trip(plan)
    assert actionplan.to_dict(plan)["forums"][0]["cadence"]["kind"] == kind
    assert per_year(cadence) == pytest.approx(yearly)
    assert describe(cadence, "sv") != describe(cadence, "en")


@pytest.mark.parametrize(
    ("cadence", "sv", "en"),
    [
        (
            MaxInterval(months=24),
            "högst 2 år mellan gångerna",
            "at most 2 years between occurrences",
        ),
        (EveryNth(every=2, period=Period.WEEK), "varannan vecka", "every other week"),
        (EveryNth(every=2, period=Period.YEAR), "vartannat år", "every other year"),
        (EveryNth(every=3, period=Period.MONTH), "var tredje månad", "every 3rd month"),
        (
            Seasonal(seasons=(Season.AUTUMN, Season.SPRING)),
            "en gång vardera under hösten och våren",
            "once each in autumn and spring",
        ),
        (
            MonthDeadline(month=2, year_offset=1),
            "senast i februari varje år (för föregående års arbete)",
            "by the end of February each year (for the previous year's work)",
        ),
        (
            ElectoralCycle(offset_months=6),
            "inom 6 månader från varje ny mandatperiods start",
            "within 6 months of the start of each term of office",
        ),
        (
            ElectoralCycle(offset_months=0, modality=Modality.SHALL),
            "ska: före varje ny mandatperiod",
            "shall: before each new term of office",
        ),
    ],
)
def test_each_new_kind_is_said_in_swedish_and_english(cadence, sv, en):
    """describe() says the new kinds in words a coordinator would use."""
    assert describe(cadence, "sv") == sv
    assert describe(cadence, "en") == en


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: MaxInterval(months=0), "months"),
        (lambda: EveryNth(every=0, period=Period.WEEK), "every"),
        (lambda: Seasonal(seasons=()), "seasons"),
        (lambda: Seasonal(seasons=(Season.SPRING,), first_in_term=True), "seasons[0]"),
        (lambda: MonthDeadline(month=13), "month"),
        (lambda: MonthDeadline(month=2, year=2027), "year"),
        (lambda: MonthDeadline(month=2, year_offset=9), "year_offset"),
        (lambda: ElectoralCycle(offset_months=48), "offset_months"),
        (lambda: Dates(dates=(date(2027, 1, 1),), stated_count=0), "stated_count"),
    ],
)
def test_impossible_values_are_refused_with_the_field_and_a_hint(build, field):
    """A cadence that cannot be meant is refused on construction, naming the field."""
    with pytest.raises(InvalidValueError) as caught:
        build()
    assert caught.value.field == field
    assert caught.value.hint


def test_a_file_with_an_unknown_season_names_its_path():
    """A misspelt season in a file is reported at its place, listing the valid codes."""
    text = (
        'format_version = 1\nid = "p"\ntitle = "P"\n[[forums]]\nid = "bra"\nname = "Brå"\n'
        '[forums.cadence]\nkind = "seasonal"\nseasons = ["spring", "monsoon"]\n'
    )
    with pytest.raises(actionplan.InvalidPlanError) as caught:
        loads(text, format="toml")
    paths = [p.path for p in caught.value.problems]
    assert any("forums[0].cadence.seasons[1]" in path for path in paths)


# --- "minst vartannat år": a longest interval -------------------------------------------------


def test_at_least_every_other_year_is_due_two_years_after_the_anchor():
    """With an anchor the deadline falls no later than anchor plus 24 months."""
    cadence = MaxInterval(months=24, anchor=date(2025, 3, 5), text="minst vartannat år")
    result = schedule(follow_up_plan(cadence), date(2025, 1, 1), date(2029, 12, 31))
    assert days_of(result) == ["2027-03-05", "2029-03-05"]
    assert result.findings == ()


def test_a_longest_interval_for_a_forum_keeps_every_gap_within_the_interval():
    """Meetings move earlier to a preferred weekday, never later; the next counts from it."""
    cadence = MaxInterval(months=6, anchor=date(2026, 11, 5))
    result = schedule(forum_plan(cadence), *YEAR_2027)
    assert days_of(result) == ["2027-05-05", "2027-11-04"]
    previous = date(2026, 11, 5)
    for occurrence in result.occurrences:
        assert occurrence.start.date() <= add_months(previous, 6)
        previous = occurrence.start.date()


def test_a_longest_interval_without_anchor_asks_for_it_and_invents_nothing():
    """No anchor, no dates: a finding says the anchor date is missing."""
    result = schedule(forum_plan(MaxInterval(months=24, text="minst vartannat år")), *YEAR_2027)
    assert result.series == ()
    (finding,) = result.findings
    assert finding.code == "AP301"
    assert "no anchor date" in finding.message
    assert '"minst vartannat år"' in finding.message


def test_a_pictures_last_update_is_the_anchor_of_its_longest_interval():
    """The situational picture's last_updated starts the count when the cadence has none."""
    plan = picture_plan(MaxInterval(months=24), last_updated=date(2025, 6, 9))
    assert days_of(schedule(plan, *YEAR_2027)) == ["2027-06-09"]


def test_two_years_without_an_update_is_a_compliance_finding():
    """'Minst vartannat år': nothing since the last update two years ago gives a finding."""
    plan = picture_plan(MaxInterval(months=24, text="minst vartannat år"), date(2024, 3, 5))
    findings = check(plan, [], date(2026, 1, 1), date(2026, 12, 31), all_parts=True)
    (finding,) = findings
    assert finding.message == (
        "Lägesbild: the last record is 2024-03-05; the next was due by 2026-03-05, "
        'and none followed up to 2026-12-31; the plan says "minst vartannat år"'
    )
    assert finding.code == "AP401"


def test_an_update_in_time_gives_no_compliance_finding():
    """An update within 24 months of the last one keeps the picture compliant."""
    plan = picture_plan(MaxInterval(months=24, text="minst vartannat år"), date(2024, 3, 5))
    held = records("lagesbild", "2026-02-01")
    assert check(plan, held, date(2024, 1, 1), date(2027, 12, 31), all_parts=True) == []


def test_a_gap_between_two_meetings_longer_than_the_interval_is_reported():
    """25 months between two held meetings breaks a 24-month interval; 13 months does not."""
    plan = forum_plan(MaxInterval(months=24, text="minst vartannat år"))
    window = (date(2025, 1, 1), date(2027, 12, 31))
    late = check(plan, records("bra", "2025-01-10", "2027-03-01"), *window)
    (finding,) = late
    assert finding.message == (
        "Brå: 25 months passed between 2025-01-10 and 2027-03-01, more than the 24 months "
        'allowed; the plan says "minst vartannat år"'
    )
    assert check(plan, records("bra", "2025-01-10", "2026-02-01", "2027-12-01"), *window) == []


def test_a_meeting_before_the_window_counts_as_the_start_of_the_gap():
    """A meeting held before the window still shortens the first gap inside it."""
    plan = forum_plan(MaxInterval(months=24))
    held = records("bra", "2024-11-01", "2026-09-01")
    assert check(plan, held, date(2025, 1, 1), date(2026, 12, 31)) == []


def test_a_picture_is_stale_the_day_after_its_interval_has_passed():
    """AP210 counts a longest interval exactly: 24 months after 2024-03-05 is 2026-03-05."""
    plan = picture_plan(MaxInterval(months=24), date(2024, 3, 5))
    on_time = [f.code for f in validate(plan, today=date(2026, 3, 5))]
    stale = [f for f in validate(plan, today=date(2026, 3, 6)) if f.code == "AP210"]
    assert "AP210" not in on_time
    assert len(stale) == 1
    assert "at most 730 days" in stale[0].message


# --- "varannan vecka": every n-th period -----------------------------------------------------


def test_every_other_week_without_anchor_is_a_finding_not_a_guess():
    """Which week the first meeting falls in is unknown: ask for it, schedule nothing."""
    result = schedule(forum_plan(EveryNth(every=2, period=Period.WEEK)), *YEAR_2027)
    assert result.series == ()
    (finding,) = result.findings
    assert finding.code == "AP301"
    assert "no anchor date" in finding.message
    assert "every other week" in finding.message


def test_every_other_week_from_an_anchor_is_an_exact_fortnightly_rule():
    """With an anchor the series is FREQ=WEEKLY;INTERVAL=2 from it, every 14 days."""
    cadence = EveryNth(every=2, period=Period.WEEK, anchor=date(2027, 3, 2), text="varannan vecka")
    result = schedule(forum_plan(cadence), *YEAR_2027)
    (series,) = result.series
    assert series.rrule is not None
    assert series.rrule.startswith("FREQ=WEEKLY;INTERVAL=2;UNTIL=")
    got = days_of(result)
    assert got[:3] == ["2027-03-02", "2027-03-16", "2027-03-30"]
    assert got[-1] == "2027-12-21"
    steps = {(b - a).days for a, b in zip(expand(series), expand(series)[1:], strict=False)}
    assert steps == {14}
    assert expand(series) == [o.start.date() for o in series.occurrences]


def test_every_other_year_from_an_anchor_is_a_yearly_rule_with_interval_two():
    """'Vartannat år' with an anchor gives 2027, 2029, 2031."""
    cadence = EveryNth(every=2, period=Period.YEAR, anchor=date(2027, 9, 14))
    result = schedule(forum_plan(cadence), date(2027, 1, 1), date(2031, 12, 31))
    assert days_of(result) == ["2027-09-14", "2029-09-14", "2031-09-14"]
    assert result.series[0].rrule is not None
    assert result.series[0].rrule.startswith("FREQ=YEARLY;INTERVAL=2;")


# --- "två gånger i månaden" is not "varannan vecka" --------------------------------------------

TWICE_A_MONTH = PerPeriod(count=2, period=Period.MONTH, text="två gånger i månaden")
FORTNIGHTLY = EveryNth(every=2, period=Period.WEEK, anchor=date(2027, 3, 2), text="varannan vecka")
MARCH_APRIL = (date(2027, 3, 1), date(2027, 4, 30))


def test_twice_a_month_and_every_other_week_schedule_different_dates():
    """Twice a month gives two meetings in March; every other week gives three."""
    twice = schedule(forum_plan(TWICE_A_MONTH), *MARCH_APRIL)
    fortnightly = schedule(forum_plan(FORTNIGHTLY), *MARCH_APRIL)
    in_march = [d for d in days_of(twice) if d.startswith("2027-03")]
    assert len(in_march) == 2
    assert [d for d in days_of(fortnightly) if d.startswith("2027-03")] == [
        "2027-03-02",
        "2027-03-16",
        "2027-03-30",
    ]


def test_a_month_with_one_fortnightly_meeting_breaks_twice_a_month_only():
    """Three meetings in March and one in April: twice a month misses April, fortnightly is fine."""
    held = records("bra", "2027-03-02", "2027-03-16", "2027-03-30", "2027-04-13")
    twice = check(forum_plan(TWICE_A_MONTH), held, *MARCH_APRIL)
    assert [f.message.split(";")[0] for f in twice] == ["Brå met once in April 2027"]
    assert check(forum_plan(FORTNIGHTLY), held, *MARCH_APRIL) == []


def test_two_meetings_a_month_apart_satisfy_march_but_not_every_other_week():
    """Meetings on 2 and 30 March leave the fortnight from 15 March without one."""
    held = records("bra", "2027-03-02", "2027-03-30")
    fortnightly = check(forum_plan(FORTNIGHTLY), held, *MARCH_APRIL)
    assert [f.message.split(";")[0] for f in fortnightly] == [
        "Brå met 0 times from 2027-03-15 to 2027-03-28",
        "Brå met 0 times from 2027-04-12 to 2027-04-25",
    ]
    twice = check(forum_plan(TWICE_A_MONTH), held, *MARCH_APRIL)
    assert [f.message.split(";")[0] for f in twice] == ["Brå met 0 times in April 2027"]


# --- "fyra gånger om året och vid behov" -------------------------------------------------------

FOUR_AND_AS_NEEDED = PerPeriod(count=4, as_needed=True, text="fyra gånger om året och vid behov")


def test_four_a_year_and_as_needed_schedules_the_four():
    """The ad hoc meetings cannot be dated; the four regular ones are."""
    result = schedule(forum_plan(FOUR_AND_AS_NEEDED), *YEAR_2027)
    assert len(result.occurrences) == 4
    assert result.findings == ()


def test_four_a_year_and_as_needed_counts_the_minimum_and_allows_more():
    """Six meetings satisfy it; three do not."""
    plan = forum_plan(FOUR_AND_AS_NEEDED)
    six = records("bra", *(f"2027-{m:02d}-10" for m in (2, 3, 5, 6, 9, 11)))
    assert check(plan, six, *YEAR_2027) == []
    three = check(plan, six[:3], *YEAR_2027)
    assert [f.message.split(";")[0] for f in three] == ["Brå met 3 times in 2027"]


# --- seasons and terms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("season", "months"),
    [
        (Season.SPRING, (3, 4, 5)),
        (Season.SUMMER, (6, 7, 8)),
        (Season.AUTUMN, (9, 10, 11)),
        (Season.WINTER, (12, 1, 2)),
        (Season.SPRING_TERM, (1, 2, 3, 4, 5, 6)),
        (Season.AUTUMN_TERM, (8, 9, 10, 11, 12)),
    ],
)
def test_each_season_and_term_has_fixed_months(season, months):
    """The months are explicit, so scheduling and checking agree on them."""
    assert season.months == months
    assert Season.parse(season.label("sv")) is season


def test_winter_runs_from_december_into_the_next_year():
    """Winter 2026 is December 2026 to February 2027."""
    (span,) = season_spans(Season.WINTER, date(2027, 1, 15), date(2027, 1, 15))
    assert (span.label, span.first, span.last) == (
        "2026-winter",
        date(2026, 12, 1),
        date(2027, 2, 28),
    )


def test_autumn_and_spring_get_one_meeting_each():
    """'Höst och vår': one meeting in March-May and one in September-November."""
    cadence = Seasonal(seasons=(Season.AUTUMN, Season.SPRING), text="höst och vår")
    result = schedule(forum_plan(cadence), *YEAR_2027)
    assert [(o.start.month in (3, 4, 5, 9, 10, 11), o.period) for o in result.occurrences] == [
        (True, "2027-spring"),
        (True, "2027-autumn"),
    ]


def test_the_first_meeting_of_the_spring_term_falls_in_its_first_weeks():
    """'Första mötet på vårterminen': within the first six weeks, after the Christmas break."""
    cadence = Seasonal(
        seasons=(Season.SPRING_TERM,), first_in_term=True, text="första mötet på vårterminen"
    )
    (meeting,) = schedule(forum_plan(cadence), *YEAR_2027).occurrences
    assert date(2027, 1, 7) <= meeting.start.date() <= date(2027, 2, 11)


def test_overlapping_seasons_never_put_two_deadlines_on_one_day():
    """Spring and the spring term overlap; each of their six deadlines gets its own day."""
    cadence = Seasonal(seasons=(Season.SPRING, Season.SPRING_TERM), count_per_season=3)
    result = schedule(follow_up_plan(cadence), date(2000, 1, 1), date(2000, 6, 30))
    got = days_of(result)
    assert len(got) == 6
    assert len(set(got)) == 6
    assert expand(result.series[0]) == sorted(date.fromisoformat(d) for d in got)


def test_a_season_without_its_meeting_is_a_compliance_finding():
    """Spring met, autumn did not: one finding, about autumn 2027."""
    plan = forum_plan(Seasonal(seasons=(Season.AUTUMN, Season.SPRING), text="höst och vår"))
    findings = check(plan, records("bra", "2027-04-13"), *YEAR_2027)
    assert messages(findings) == ['Brå met 0 times in autumn 2027; the plan says "höst och vår"']


def test_a_term_whose_first_meeting_came_late_is_a_compliance_finding():
    """A meeting in March does not satisfy 'the first meeting in the first weeks'."""
    cadence = Seasonal(
        seasons=(Season.SPRING_TERM,), first_in_term=True, text="första mötet på vårterminen"
    )
    late = check(forum_plan(cadence), records("bra", "2027-03-10"), *YEAR_2027)
    assert len(late) == 1
    assert "first weeks of spring term 2027 (2027-01-01 to 2027-02-11)" in late[0].message
    assert check(forum_plan(cadence), records("bra", "2027-01-20"), *YEAR_2027) == []


# --- "senast i februari varje år": month deadlines in another year -------------------------------

EVALUATION = MonthDeadline(month=2, year_offset=1, text="senast i februari varje år")


def test_the_evaluation_of_a_year_is_due_in_february_of_the_next():
    """The deadline for 2027's evaluation is the last working day of February 2028."""
    result = schedule(follow_up_plan(EVALUATION), date(2028, 1, 1), date(2028, 12, 31))
    (deadline,) = result.occurrences
    assert deadline.start.date() == date(2028, 2, 29)
    assert deadline.period == "2027"
    assert EVALUATION.due_year(2027) == 2028


def test_a_december_deadline_moves_off_new_years_eve_and_stays_a_rule():
    """'Senast i december' for next year's programme: 31 Dec 2027 is nyårsafton, so the 30th."""
    programme = MonthDeadline(month=12, year_offset=-1, text="senast i december")
    result = schedule(follow_up_plan(programme), *YEAR_2027)
    (series,) = result.series
    assert [(o.start.date(), o.period) for o in series.occurrences] == [
        (date(2027, 12, 30), "2028")
    ]
    assert series.rrule is not None
    assert "BYSETPOS=-1" in series.rrule
    assert expand(series) == [date(2027, 12, 30)]


def test_a_month_deadline_is_done_or_not_by_the_end_of_the_month():
    """Nothing by the end of February is a finding; a later record says it came late."""
    plan = follow_up_plan(EVALUATION)
    window = (date(2028, 1, 1), date(2028, 12, 31))
    assert check(plan, records("utvardering", "2028-02-10"), *window, all_parts=True) == []
    (missed,) = check(plan, [], *window, all_parts=True)
    assert missed.message == (
        "follow-up 'utvardering': nothing was recorded from 2028-01-01 to 2028-02-29, "
        'the deadline for the work of 2027; the plan says "senast i februari varje år"'
    )
    (late,) = check(plan, records("utvardering", "2028-03-15"), *window, all_parts=True)
    assert "it was recorded on 2028-03-15, late" in late.message


def test_a_one_off_month_deadline_without_a_year_asks_for_the_year():
    """'Senast i december' with no year: nothing is scheduled and a finding says why."""
    result = schedule(follow_up_plan(MonthDeadline(month=12, every_year=False)), *YEAR_2027)
    assert result.series == ()
    assert [f.code for f in result.findings] == ["AP301"]


def test_parts_other_than_forums_are_checked_only_when_asked():
    """Without all_parts the follow-up's records are meetings of an unknown forum."""
    held = records("utvardering", "2028-03-15")
    findings = check(follow_up_plan(EVALUATION), held, date(2028, 1, 1), date(2028, 12, 31))
    assert [f.code for f in findings] == ["AP402"]


# --- "varje ny mandatperiod": the electoral cycle ------------------------------------------------


def test_the_2026_election_opens_a_term_on_15_october():
    """Elections on the second Sunday of September; the council's term starts 15 October."""
    assert election_day(2026) == date(2026, 9, 13)
    assert election_day(2030) == date(2030, 9, 8)
    (term,) = terms_of_office(date(2027, 1, 1), date(2027, 12, 31))
    assert (term.election, term.first, term.last) == (
        date(2026, 9, 13),
        date(2026, 10, 15),
        date(2030, 10, 14),
    )
    with pytest.raises(ValueError, match="no ordinary Swedish general election in 2027"):
        election_day(2027)


def test_each_new_term_gets_a_deadline_within_its_first_months():
    """Six months into the 2026-2030 term: due 14 April 2027; the next term's in 2031."""
    cadence = ElectoralCycle(offset_months=6, text="varje ny mandatperiod")
    result = schedule(follow_up_plan(cadence), date(2026, 1, 1), date(2031, 12, 31))
    assert [(o.start.date().isoformat(), o.period) for o in result.occurrences] == [
        ("2027-04-14", "2026-2030"),
        ("2031-04-10", "2030-2034"),
    ]


def test_ahead_of_the_next_term_is_due_the_day_before_it_starts():
    """'Inför nästkommande mandatperiod' is due by 14 October of the election year."""
    cadence = ElectoralCycle(offset_months=0, text="inför nästkommande mandatperiod")
    result = schedule(follow_up_plan(cadence), date(2026, 1, 1), date(2026, 12, 31))
    assert days_of(result) == ["2026-10-14"]


def test_a_term_without_its_deadline_met_is_a_compliance_finding():
    """Nothing from the term's start to its deadline gives a finding naming the term."""
    plan = follow_up_plan(ElectoralCycle(offset_months=6, text="varje ny mandatperiod"))
    window = (date(2026, 1, 1), date(2027, 12, 31))
    (missed,) = check(plan, [], *window, all_parts=True)
    assert "from 2026-10-15 to 2027-04-14" in missed.message
    assert "term of office 2026-2030" in missed.message
    assert check(plan, records("utvardering", "2027-01-20"), *window, all_parts=True) == []


# --- explicit date lists and a stated count ---------------------------------------------------


def test_an_incomplete_date_list_keeps_its_dates_and_its_stated_count():
    """'Fyra möten; hösten planläggs senare': two dates now, four meetings promised."""
    cadence = Dates(
        dates=(date(2027, 2, 3), date(2027, 5, 12)),
        complete=False,
        stated_count=4,
        text="fyra möten, hösten planläggs senare",
    )
    plan = forum_plan(cadence)
    assert_round_trip(plan)
    assert days_of(schedule(plan, *YEAR_2027)) == ["2027-02-03", "2027-05-12"]
    held = records("bra", "2027-02-03", "2027-05-12")
    (finding,) = check(plan, held, *YEAR_2027)
    assert finding.message.startswith("Brå met twice in 2027, fewer than the 4 stated;")
    four = records("bra", "2027-02-03", "2027-05-12", "2027-09-08", "2027-11-10")
    assert check(plan, four, *YEAR_2027) == []


def test_a_complete_list_shorter_than_its_stated_count_is_reported():
    """A complete list of three dates for 'fyra möten' cannot be met by following it."""
    cadence = Dates(dates=(date(2027, 2, 3), date(2027, 5, 12), date(2027, 9, 8)), stated_count=4)
    held = records("bra", "2027-02-03", "2027-05-12", "2027-09-08")
    (finding,) = check(forum_plan(cadence), held, *YEAR_2027)
    assert "fewer than the 4 stated, and its list holds only 3 dates" in finding.message


def test_a_stated_count_is_not_checked_when_the_window_misses_part_of_its_year():
    """Half a year cannot show whether the year's four meetings were held."""
    cadence = Dates(dates=(date(2027, 2, 3),), complete=False, stated_count=4)
    held = records("bra", "2027-02-03")
    assert check(forum_plan(cadence), held, date(2027, 1, 1), date(2027, 6, 30)) == []


# --- vague wording ------------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["regelbundna och täta kontakter", "kontinuerligt", "ständigt"])
def test_vague_wording_is_kept_and_reported_as_no_measurable_cadence(words):
    """The words survive a file, nothing is scheduled, and the finding quotes them."""
    plan = forum_plan(NotStated(text=words))
    assert_round_trip(plan)
    assert per_year(plan.forums[0].cadence) is None
    (finding,) = [f for f in validate(plan) if f.code == "AP202"]
    assert "no measurable cadence" in finding.message
    assert repr(words) in finding.message
    result = schedule(plan, *YEAR_2027)
    assert result.series == ()
    assert [f.code for f in result.findings] == ["AP302"]
    assert f'"{words}"' in result.findings[0].message


# --- offered seats and generic owners ----------------------------------------------------------


def test_a_forum_with_only_offered_seats_has_no_confirmed_members():
    """A seat that 'ska erbjudas' is offered, not taken: AP201 says so."""
    offered = (Membership(actor="polisen", offered=True), Membership(actor="skolan", offered=True))
    plan = forum_plan(PerPeriod(count=4), members=offered)
    assert_round_trip(plan)
    (finding,) = [f for f in validate(plan) if f.code == "AP201"]
    assert "no confirmed members" in finding.message
    assert "polisen, skolan" in finding.message


def test_one_confirmed_seat_is_enough_for_a_forum_to_have_members():
    """An offered seat beside a confirmed one raises nothing."""
    seats = (Membership(actor="polisen"), Membership(actor="skolan", offered=True))
    plan = forum_plan(PerPeriod(count=4), members=seats)
    assert "AP201" not in [f.code for f in validate(plan)]


def generic_plan(measure: Measure) -> Plan:
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan",
        actors=(Actor(id="kommunen", name="Kommunen"), Actor(id="polisen", name="Polisen")),
        measures=(measure,),
    )


def test_a_generic_owner_is_named_instead_of_missing():
    """'Berörda parter' is kept as written, and AP203 quotes it."""
    measure = Measure(
        id="trygghetsvandring",
        description="Trygghetsvandringar",
        modality=Modality.SHALL,
        responsible_text="berörda parter",
    )
    plan = generic_plan(measure)
    assert_round_trip(plan)
    (finding,) = [f for f in validate(plan) if f.code == "AP203"]
    assert finding.message == (
        "measure 'trygghetsvandring' is a shall (ska) but has only a generic owner: "
        "'berörda parter'"
    )
    assert finding.severity is Severity.WARNING


def test_joint_responsibility_names_several_actors():
    """'Kommunen och polisen' is two responsible actors, and nothing is missing."""
    measure = Measure(id="lagesbild", description="Lägesbild", responsible=("kommunen", "polisen"))
    assert "AP203" not in [f.code for f in validate(generic_plan(measure))]


# --- the phrase table in the docs --------------------------------------------------------------


def toml_snippets() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)


def test_the_phrase_table_has_a_toml_snippet_for_every_kind():
    """Each cadence kind appears in a snippet of docs/explanation/cadence-phrases.md."""
    kinds = {
        match for snippet in toml_snippets() for match in re.findall(r'kind = "([a-z-]+)"', snippet)
    }
    assert kinds >= {
        "per-period",
        "dates",
        "not-stated",
        "max-interval",
        "every-nth",
        "seasonal",
        "month-deadline",
        "electoral-cycle",
    }


@pytest.mark.parametrize("snippet", toml_snippets())
def test_every_toml_snippet_in_the_phrase_table_loads(snippet):
    """The snippets are real plan fragments: each loads into a plan."""
    head = 'format_version = 1\nid = "exempelby"\ntitle = "Lokal handlingsplan"\n'
    actors = '[[actors]]\nid = "polisen"\nname = "Polisen"\n'
    plan = loads(head + snippet + ("" if "[[actors]]" in snippet else actors), format="toml")
    assert plan.forums or plan.measures or plan.follow_ups or plan.situational_pictures


def test_an_anchor_decades_back_still_gives_the_deadline_inside_the_window():
    """The interval is counted forward from an old anchor up to the window."""
    cadence = MaxInterval(months=12, anchor=date(1990, 6, 1))
    result = schedule(follow_up_plan(cadence), *YEAR_2027)
    (deadline,) = result.occurrences
    assert deadline.start.date() <= date(2027, 6, 1)
    assert deadline.start.date() > date(2027, 6, 1) - timedelta(days=31)
