"""Held meetings read from tables and compared with what the plan says."""

from __future__ import annotations

import importlib.resources
import json
from datetime import date

import pytest

from actionplan import (
    Dates,
    Forum,
    InvalidPlanError,
    InvalidValueError,
    Modality,
    Period,
    PerPeriod,
    Plan,
    Rule,
    Section,
    Severity,
    Source,
)
from actionplan.compliance import HeldMeeting, check, read_held_table

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
SEED = "data/handlingsplan-vbe-2016.toml"


def plan_with(*forums: Forum) -> Plan:
    return Plan(
        id="exempelby",
        title="Lokal handlingsplan",
        sections=(
            Section(number="1", heading="Samverkan", text="Vi ska samverka inom Brå."),
            Section(
                number="2",
                heading="Samverkan i befintliga strukturer",
                text="Det brottsförebyggande rådet är grunden.\nBrå bör träffas minst fyra\n"
                "gånger per år.",
            ),
        ),
        forums=forums,
    )


def bra(cadence=None, **values) -> Forum:
    if cadence is None:
        cadence = PerPeriod(
            count=4, modality=Modality.SHOULD, text="Brå bör träffas minst fyra gånger per år"
        )
    return Forum(
        id="bra",
        name="Brå",
        cadence=cadence,
        source=Source(section="1", quote="Vi ska samverka inom Brå."),
        **values,
    )


def held(forum: str, *days: str) -> list[HeldMeeting]:
    return [HeldMeeting(forum=forum, day=date.fromisoformat(day)) for day in days]


def problems(caught: pytest.ExceptionInfo[InvalidPlanError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in caught.value.problems]


# --- reading tables -----------------------------------------------------------------------


def test_a_csv_table_gives_meetings_by_id_or_by_mapped_name():
    """Forums may be ids or names; names map through *names*, ignoring case and spaces."""
    text = (
        "\ufeffDate,Forum,Summary\n"
        "2025-02-11,bra,Brå februari\n"
        "\n"
        "2025-05-13T13:00,  brottsförebyggande rådet ,\n"
    )
    meetings = read_held_table(text, format="csv", names={"Brottsförebyggande rådet": "bra"})
    assert meetings == (
        HeldMeeting(forum="bra", day=date(2025, 2, 11), summary="Brå februari"),
        HeldMeeting(forum="bra", day=date(2025, 5, 13)),
    )


def test_a_csv_table_with_bad_rows_names_every_row_and_column():
    """All bad rows are reported at once, each with its path."""
    text = (
        "date,forum\n2025-02-11,bra\n2025-13-01,bra\n,bra\n2025-03-01,Brå\n2025-04-01,bra,extra\n"
    )
    with pytest.raises(InvalidPlanError) as caught:
        read_held_table(text, format="csv")
    assert problems(caught) == [
        ("rows[1].date", "'2025-13-01' is not a date"),
        ("rows[2].date", "is empty"),
        ("rows[3].forum", "'Brå' is neither a forum id nor a name in names"),
        ("rows[4]", "has more cells than the header"),
    ]
    assert caught.value.source == "held meetings (csv)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [("header", "the table is empty")]),
        (
            "day,forum\n2025-01-01,bra\n",
            [
                ("header", "unknown column 'day'"),
                ("header", "lacks the column 'date'"),
            ],
        ),
    ],
)
def test_a_csv_table_needs_a_date_and_a_forum_column(text, expected):
    with pytest.raises(InvalidPlanError) as caught:
        read_held_table(text, format="csv")
    assert problems(caught) == expected


def test_a_json_list_gives_meetings():
    text = json.dumps(
        [
            {"date": "2025-02-11", "forum": "bra", "uid": "abc@example"},
            {"date": "2025-05-13", "forum": "Brå", "summary": None},
        ]
    )
    meetings = read_held_table(text, format="json", names={"Brå": "bra"})
    assert meetings == (
        HeldMeeting(forum="bra", day=date(2025, 2, 11), uid="abc@example"),
        HeldMeeting(forum="bra", day=date(2025, 5, 13)),
    )


def test_a_json_list_with_bad_items_names_every_item():
    text = json.dumps(
        [
            {"date": "2025-02-11", "forum": "bra"},
            "2025-03-01 bra",
            {"date": 20250301, "forum": "bra"},
            {"date": "2025-03-01", "forum": "bra", "place": "Stadshuset"},
            {"forum": "bra"},
            {"date": "1 mars", "forum": "bra"},
        ]
    )
    with pytest.raises(InvalidPlanError) as caught:
        read_held_table(text, format="json")
    assert problems(caught) == [
        ("rows[1]", "is not an object"),
        ("rows[2].date", "is not text"),
        ("rows[3]", "unknown column 'place'"),
        ("rows[4]", "lacks the column 'date'"),
        ("rows[5].date", "'1 mars' is not a date"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[{", "is not JSON: Expecting property name enclosed in double quotes at line 1"),
        ('{"date": "2025-01-01"}', "is not a list of meetings"),
    ],
)
def test_text_that_is_not_a_json_list_is_refused(text, message):
    with pytest.raises(InvalidPlanError) as caught:
        read_held_table(text, format="json")
    assert problems(caught) == [("", message)]


def test_an_unknown_table_format_is_refused():
    with pytest.raises(InvalidValueError, match="'xlsx' is not a table format"):
        read_held_table("", format="xlsx")  # type: ignore[arg-type]


# --- checking -----------------------------------------------------------------------------


def test_a_forum_that_met_as_often_as_the_plan_says_gives_no_finding():
    meetings = held("bra", "2025-02-11", "2025-05-13", "2025-08-12", "2025-11-11")
    assert check(plan_with(bra()), meetings, *YEAR_2025) == []


def test_a_forum_that_met_too_rarely_gets_a_finding_citing_the_cadence():
    """Three meetings against 'at least four': a warning in both languages, citing point 2."""
    meetings = held("bra", "2025-02-11", "2025-05-13", "2025-11-11")
    (finding,) = check(plan_with(bra()), meetings, *YEAR_2025)
    assert finding.code == "AP401"
    assert finding.severity is Severity.WARNING
    assert finding.message == "Brå met 3 times in 2025; the plan says at least 4 (point 2)"
    assert finding.message_sv == "Brå träffades 3 gånger 2025; planen säger minst 4 (punkt 2)"
    assert finding.path == "forums[0].cadence"
    assert finding.subject == "bra"
    assert finding.citation is not None
    assert finding.citation.section == "2"
    assert finding.citation.heading == "Samverkan i befintliga strukturer"
    assert finding.citation.quote == "Brå bör träffas minst fyra gånger per år"


def test_a_shall_cadence_met_too_rarely_is_an_error():
    cadence = PerPeriod(count=4, modality=Modality.SHALL)
    (finding,) = check(plan_with(bra(cadence)), held("bra", "2025-02-11"), *YEAR_2025)
    assert finding.severity is Severity.ERROR
    assert finding.message == "Brå met once in 2025; the plan says at least 4 (point 1)"
    assert finding.message_sv == "Brå träffades 1 gång 2025; planen säger minst 4 (punkt 1)"


def test_without_a_cadence_modality_the_forums_modality_decides():
    forum = bra(PerPeriod(count=2), modality=Modality.SHALL)
    (finding,) = check(plan_with(forum), [], *YEAR_2025)
    assert finding.severity is Severity.ERROR
    assert finding.message == "Brå met 0 times in 2025; the plan says at least 2 (point 1)"


def test_each_whole_period_in_the_window_is_checked_and_partial_ones_are_not():
    """Quarterly meetings from March: Q1 is partial, Q2 and Q4 lack a meeting."""
    cadence = PerPeriod(count=1, period=Period.QUARTER, at_least=False)
    meetings = held("bra", "2025-08-12")
    findings = check(plan_with(bra(cadence)), meetings, date(2025, 3, 1), date(2025, 12, 31))
    assert [f.message for f in findings] == [
        "Brå met 0 times in the second quarter of 2025; the plan says 1 (point 1)",
        "Brå met 0 times in the fourth quarter of 2025; the plan says 1 (point 1)",
    ]
    assert [f.message_sv for f in findings] == [
        "Brå träffades 0 gånger under andra kvartalet 2025; planen säger 1 (punkt 1)",
        "Brå träffades 0 gånger under fjärde kvartalet 2025; planen säger 1 (punkt 1)",
    ]


def test_a_meeting_recorded_twice_on_one_day_counts_once():
    meetings = held("bra", "2025-02-11", "2025-02-11", "2025-05-13", "2025-08-12")
    (finding,) = check(plan_with(bra()), meetings, *YEAR_2025)
    assert finding.message.startswith("Brå met 3 times in 2025")


def test_meetings_outside_the_window_do_not_count():
    meetings = held("bra", "2024-12-10", "2025-02-11", "2025-05-13", "2025-08-12", "2026-01-13")
    (finding,) = check(plan_with(bra()), meetings, *YEAR_2025)
    assert finding.message.startswith("Brå met 3 times")


def test_meetings_of_a_forum_the_plan_lacks_are_reported():
    meetings = [
        *held("bra", "2025-02-11", "2025-05-13", "2025-08-12", "2025-11-11"),
        *held("okand", "2025-03-04", "2025-04-01"),
    ]
    (finding,) = check(plan_with(bra()), meetings, *YEAR_2025)
    assert finding.code == "AP402"
    assert finding.severity is Severity.WARNING
    assert (
        finding.message == "meetings on 2 days name forum 'okand', which the plan does not define"
    )
    assert finding.message_sv == "möten under 2 dagar anger forumet 'okand', som planen inte har"


def test_listed_dates_without_a_meeting_are_information():
    cadence = Dates(dates=(date(2025, 3, 4), date(2025, 9, 16), date(2026, 3, 3)))
    (finding,) = check(plan_with(bra(cadence)), held("bra", "2025-03-04"), *YEAR_2025)
    assert finding.code == "AP403"
    assert finding.severity is Severity.INFO
    assert finding.message == "Brå did not meet on 2025-09-16, as the plan says (point 1)"
    assert finding.message_sv == "Brå träffades inte 2025-09-16, som planen säger (punkt 1)"


def test_a_rule_is_compared_with_the_number_of_dates_it_gives():
    cadence = Rule(rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", start=date(2025, 1, 1))
    meetings = held("bra", "2025-01-14", "2025-03-11", "2025-05-13", "2025-07-08", "2025-09-09")
    (finding,) = check(plan_with(bra(cadence)), meetings, *YEAR_2025)
    assert finding.code == "AP401"
    assert finding.message == (
        "Brå met 5 times from 2025-01-01 to 2025-12-31; "
        "the plan's rule FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU gives 6 (point 1)"
    )
    assert finding.message_sv == (
        "Brå träffades 5 gånger från 2025-01-01 till 2025-12-31; "
        "planens regel FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU ger 6 (punkt 1)"
    )
    meetings.extend(held("bra", "2025-11-11"))
    assert check(plan_with(bra(cadence)), meetings, *YEAR_2025) == []


def test_a_forum_without_a_source_is_cited_without_a_point():
    forum = Forum(id="grupp", name="Gruppen", cadence=PerPeriod(count=1))
    (finding,) = check(plan_with(forum), [], *YEAR_2025)
    assert finding.message == "Gruppen met 0 times in 2025; the plan says at least 1"
    assert finding.citation is None


def test_a_window_ending_before_it_starts_is_refused():
    with pytest.raises(InvalidValueError, match="ends before the window starts"):
        check(plan_with(bra()), [], date(2025, 2, 1), date(2025, 1, 1))


@pytest.mark.skipif(
    not importlib.resources.files("actionplan").joinpath(SEED).is_file(),
    reason="the seed plan is not bundled yet",
)
def test_the_seed_plans_bra_met_too_rarely_cites_point_two(seed):
    """In the bundled plan the cadence's own words are found in point 2."""
    meetings = read_held_table("date,forum\n2027-02-09,bra\n", format="csv")
    findings = [
        f for f in check(seed, meetings, date(2027, 1, 1), date(2027, 12, 31)) if f.subject == "bra"
    ]
    assert [f.text("sv") for f in findings] == [
        "Brottsförebyggande rådet (Brå) träffades 1 gång 2027; planen säger minst 4 (punkt 2)"
    ]
