"""Calendars written by actionplan.ical, checked by parsers and expanders we did not write."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.rrule import rrulestr
from dateutil.tz import tzical
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Component

import actionplan.ical as ical_module
import calendar_fixtures as fx
from actionplan.errors import ActionPlanError, InvalidPlanError, InvalidValueError
from actionplan.ical import for_actor, for_forum, read_held, split, to_ical
from actionplan.model import Classification
from actionplan.schedule import OccurrenceKind, Schedule, SubjectKind
from actionplan.schedule import schedule as make_schedule

WINDOW = (date(2027, 1, 1), date(2028, 1, 1))


# --- helpers -------------------------------------------------------------------------------


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def items(cal: Calendar) -> list[Component]:
    return [c for c in cal.subcomponents if c.name in ("VEVENT", "VTODO")]


def key_of(schedule: Schedule, uid: str) -> str:
    """The series a UID we wrote belongs to."""
    for series in schedule.series:
        base = "vbe-2016." + series.key.replace("/", ".")
        if uid.startswith((f"{base}@", f"{base}.")):
            return series.key
    raise AssertionError(uid)


def expected(schedule: Schedule, *, hidden: tuple[str, ...] = ("forum/samverkansgrupp",)):
    """What a calendar of *schedule* must hold: (series, start, end) or (series, due day)."""
    result = set()
    for series in schedule.series:
        if series.key in hidden:
            continue
        for o in series.occurrences:
            if o.kind is OccurrenceKind.MEETING:
                result.add((series.key, o.start, o.end))
            else:
                result.add((series.key, o.start.date()))
    return result


def expanded(data: bytes, schedule: Schedule):
    """The instances recurring-ical-events finds in *data*, in the same form."""
    rie = pytest.importorskip("recurring_ical_events")
    found = []
    query = rie.of(parse(data), components=["VEVENT", "VTODO"])
    for component in query.between(*WINDOW):
        key = key_of(schedule, str(component["UID"]))
        if component.name == "VTODO":
            found.append((key, component.decoded("DUE")))
        else:
            found.append((key, component.decoded("DTSTART"), component.decoded("DTEND")))
    return found


def strict(data: bytes):
    """Parse with the strict `ical` package; return its calendar."""
    stream = pytest.importorskip("ical.calendar_stream")
    return stream.IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


# --- the calendar as a whole ---------------------------------------------------------------


def test_calendar_header_names_product_version_method_and_zone():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW))
    assert str(cal["PRODID"]) == "-//actionplan//actionplan 0.1.0//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Lokal handlingsplan mot våldsbejakande extremism"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Stockholm"


def test_output_uses_crlf_line_ends_only():
    data = to_ical(fx.plan(), fx.schedule(), now=fx.NOW)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")


def test_importing_actionplan_does_not_load_icalendar():
    code = (
        "import sys, actionplan;print('icalendar' in sys.modules, 'actionplan.ical' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


# --- the meetings: RRULE and expanded mode describe the same ones --------------------------


def test_rrule_calendar_expands_to_exactly_the_scheduled_occurrences():
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    found = expanded(data, schedule)
    assert len(found) == len(set(found))
    assert set(found) == expected(schedule)


def test_rrule_mode_writes_one_event_per_rule_and_a_moved_meeting_as_an_override():
    schedule = fx.schedule()
    cal = parse(to_ical(fx.plan(), schedule, now=fx.NOW))
    events = [c for c in cal.subcomponents if c.name == "VEVENT"]
    assert [str(e["UID"]) for e in events if "RECURRENCE-ID" not in e] == [
        "vbe-2016.forum.bra@actionplan",
        "vbe-2016.forum.dialog.20270317@actionplan",
        "vbe-2016.forum.dialog.20271013@actionplan",
        "vbe-2016.measure.trygghetsvandring@actionplan",
    ]
    bra, moved = [e for e in events if str(e["UID"]) == "vbe-2016.forum.bra@actionplan"]
    assert bra["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20271231T225959Z;INTERVAL=3;BYDAY=2TU"
    assert b"DTSTART;TZID=Europe/Stockholm:20270209T130000" in bra.to_ical()
    assert "EXDATE" not in bra
    assert "RDATE" not in bra
    assert moved.decoded("RECURRENCE-ID") == fx.at(date(2027, 5, 11), 13)
    assert moved.decoded("DTSTART") == fx.at(date(2027, 5, 12), 13)
    assert moved.decoded("DTEND") == fx.at(date(2027, 5, 12), 15)


def test_expanded_calendar_holds_the_same_occurrences_one_event_each():
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW, expand=True)
    cal = parse(data)
    assert not any("RRULE" in c or "RDATE" in c for c in items(cal))
    found = expanded(data, schedule)
    assert set(found) == expected(schedule)
    assert len(items(cal)) == len(expected(schedule))


def test_both_modes_agree_for_the_whole_schedule_shown_as_busy():
    schedule = fx.schedule()
    rule = to_ical(fx.plan(), schedule, now=fx.NOW, confidential="busy")
    every = to_ical(fx.plan(), schedule, now=fx.NOW, confidential="busy", expand=True)
    starts = {f[1:] for f in _anonymous(rule)}
    assert starts == {f[1:] for f in _anonymous(every)}
    assert len(starts) == len(expected(schedule, hidden=()))


def _anonymous(data: bytes):
    rie = pytest.importorskip("recurring_ical_events")
    return [
        (str(c["UID"]), c.decoded("DTSTART" if c.name == "VEVENT" else "DUE"))
        for c in rie.of(parse(data), components=["VEVENT", "VTODO"]).between(*WINDOW)
    ]


def test_a_start_that_is_not_a_meeting_is_excluded():
    """The collaboration group's rule starts on 6 January, a holiday moved to the 13th."""
    schedule = fx.schedule()
    cal = parse(to_ical(fx.plan(), schedule, now=fx.NOW, public=False))
    group, moved = [c for c in items(cal) if "samverkansgrupp" in str(c["UID"])]
    assert group.decoded("DTSTART") == fx.at(date(2027, 1, 6), 9)
    assert [d.dt for d in group["EXDATE"].dts] == [fx.at(date(2027, 7, 7), 9)]
    assert moved.decoded("RECURRENCE-ID") == fx.at(date(2027, 1, 6), 9)
    assert moved.decoded("DTSTART") == fx.at(date(2027, 1, 13), 9)
    found = expanded(to_ical(fx.plan(), schedule, now=fx.NOW, public=False), schedule)
    assert set(found) == expected(schedule, hidden=())


def test_a_rule_that_runs_past_the_last_meeting_gets_an_until():
    walk = fx.series(
        key="measure/extra",
        subject="trygghetsvandring",
        subject_kind=SubjectKind.MEASURE,
        start=fx.at(date(2027, 3, 2), 10),
        rrule="FREQ=WEEKLY;BYDAY=TU",
    )
    last = fx.at(date(2027, 3, 23), 10)
    walk = attrs.evolve(walk, occurrences=tuple(o for o in walk.occurrences if o.start <= last))
    schedule = fx.schedule(walk)
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    event = next(c for c in items(parse(data)) if "measure.extra" in str(c["UID"]))
    assert event["RRULE"]["UNTIL"] == [last.astimezone(UTC)]
    assert set(expanded(data, schedule)) == expected(schedule)


def test_a_series_without_a_rule_is_one_event_per_date():
    """Radicale does not expand, and some readers skip the start of, an RDATE-only event."""
    schedule = fx.schedule()
    cal = parse(to_ical(fx.plan(), schedule, now=fx.NOW))
    dialogs = [c for c in items(cal) if "forum.dialog" in str(c["UID"])]
    assert [d.decoded("DTSTART") for d in dialogs] == [
        fx.at(date(2027, 3, 17), 18),
        fx.at(date(2027, 10, 13), 18),
    ]
    assert not any("RRULE" in d or "RDATE" in d for d in dialogs)


def test_a_rule_that_needs_more_corrections_than_it_saves_is_written_out():
    walk = fx.series(
        key="measure/extra",
        subject="trygghetsvandring",
        subject_kind=SubjectKind.MEASURE,
        start=fx.at(date(2027, 3, 2), 10),
        rrule="FREQ=DAILY;COUNT=30",
    )
    walk = attrs.evolve(walk, occurrences=walk.occurrences[::10])
    schedule = fx.schedule(walk)
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    extra = [c for c in items(parse(data)) if "measure.extra" in str(c["UID"])]
    assert [str(c["UID"]) for c in extra] == [
        "vbe-2016.measure.extra.20270302@actionplan",
        "vbe-2016.measure.extra.20270312@actionplan",
        "vbe-2016.measure.extra.20270322@actionplan",
    ]
    assert set(expanded(data, schedule)) == expected(schedule)


def test_a_meeting_in_another_room_becomes_an_override_of_the_series():
    bra = fx.bra_series()
    moved = attrs.evolve(bra.occurrences[2], location="Polishuset")
    bra = attrs.evolve(bra, occurrences=(*bra.occurrences[:2], moved, *bra.occurrences[3:]))
    schedule = fx.schedule(bra=bra)
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    bras = [c for c in items(parse(data)) if str(c["UID"]) == "vbe-2016.forum.bra@actionplan"]
    assert len(bras) == 3  # the series, the meeting moved a day, the one in another room
    assert bras[2].decoded("RECURRENCE-ID") == moved.start
    assert bras[2].decoded("DTSTART") == moved.start
    assert str(bras[2]["LOCATION"]) == "Polishuset"
    rie = pytest.importorskip("recurring_ical_events")
    places = {
        c.decoded("DTSTART"): str(c["LOCATION"])
        for c in rie.of(parse(data)).between(*WINDOW)
        if "forum.bra" in str(c["UID"])
    }
    assert places[moved.start] == "Polishuset"
    assert places[bra.occurrences[0].start] == "Stadshuset, sal A"
    assert set(expanded(data, schedule)) == expected(schedule)


def test_meetings_keep_their_wall_clock_time_across_daylight_saving():
    schedule = fx.schedule()
    found = expanded(to_ical(fx.plan(), schedule, now=fx.NOW), schedule)
    bra = sorted(f[1] for f in found if f[0] == "forum/bra")
    assert [b.astimezone(fx.ZONE).hour for b in bra] == [13, 13, 13, 13]
    assert [b.astimezone(UTC).hour for b in bra] == [12, 11, 11, 12]


# --- deadlines -----------------------------------------------------------------------------


def test_deadlines_are_all_day_todos_with_a_due_date():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW))
    todos = [c for c in cal.subcomponents if c.name == "VTODO"]
    picture = next(t for t in todos if "lagesbild" in str(t["UID"]))
    assert picture.decoded("DUE") == date(2027, 11, 30)
    assert b"DUE;VALUE=DATE:20271130" in picture.to_ical()
    assert str(picture["SUMMARY"]) == "Uppdatera lägesbilden"
    assert str(picture["STATUS"]) == "NEEDS-ACTION"
    assert "DTSTART" not in picture


def test_deadlines_can_be_all_day_events_for_clients_without_todos():
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW, deadlines="event")
    cal = parse(data)
    assert not [c for c in cal.subcomponents if c.name == "VTODO"]
    picture = next(c for c in items(cal) if "lagesbild" in str(c["UID"]))
    assert picture.decoded("DTSTART") == date(2027, 11, 30)
    assert picture.decoded("DTEND") == date(2027, 12, 1)
    assert str(picture["TRANSP"]) == "TRANSPARENT"


# --- texts ---------------------------------------------------------------------------------


def test_swedish_texts_cite_the_plan_point():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW))
    bra = next(c for c in items(cal) if "forum.bra" in str(c["UID"]))
    assert str(bra["SUMMARY"]) == "Brå – möte"
    lines = str(bra["DESCRIPTION"]).split("\n")
    assert lines[0] == "Punkt 2: Brå bör träffas minst fyra gånger per år."
    assert lines[-1].startswith("Handlingsplan: Lokal handlingsplan")
    assert [str(c) for c in bra["CATEGORIES"].cats] == ["Brå"]
    assert str(bra["LOCATION"]) == "Stadshuset, sal A"


def test_english_texts_on_request():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, lang="en"))
    bra = next(c for c in items(cal) if "forum.bra" in str(c["UID"]))
    assert str(bra["SUMMARY"]) == "Brå – meeting"
    assert str(bra["DESCRIPTION"]).startswith("Point 2: Brå bör träffas")
    picture = next(c for c in items(cal) if "lagesbild" in str(c["UID"]))
    assert str(picture["SUMMARY"]) == "Update the situational picture"


def test_a_measure_in_a_forum_carries_the_forum_as_category():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW))
    walk = next(c for c in items(cal) if "trygghetsvandring" in str(c["UID"]))
    assert [str(c) for c in walk["CATEGORIES"].cats] == ["Brå"]
    assert str(walk["SUMMARY"]).startswith("Genomföra trygghetsvandringar")


def test_long_measure_titles_are_cut_and_kept_whole_in_the_description():
    text = "Trygghetsvandringar " + "i alla stadsdelar " * 10
    cal = parse(to_ical(fx.plan(walk=text), fx.schedule(), now=fx.NOW))
    walk = next(c for c in items(cal) if "trygghetsvandring" in str(c["UID"]))
    assert len(str(walk["SUMMARY"])) == 80
    assert str(walk["SUMMARY"]).endswith("…")
    assert text.strip() in str(walk["DESCRIPTION"])


def test_unknown_language_is_refused():
    with pytest.raises(InvalidValueError, match="lang"):
        to_ical(fx.plan(), fx.schedule(), now=fx.NOW, lang="de")  # type: ignore[arg-type]


@pytest.mark.parametrize("expand", [False, True])
def test_nasty_text_cannot_add_or_break_components(expand):
    plan = fx.plan(
        title=fx.NASTY, bra_name=fx.NASTY, walk=fx.NASTY, location=fx.NASTY, police_name=fx.NASTY
    )
    schedule = fx.schedule()
    for method in ("PUBLISH", "REQUEST"):
        options = {"expand": expand, "method": method, "alarms": [timedelta(0)]}
        data = to_ical(plan, schedule, now=fx.NOW, **options)
        clean = parse(to_ical(fx.plan(), schedule, now=fx.NOW, **options))
        cal = parse(data)
        assert not cal.errors
        names = [c.name for c in cal.walk()]
        assert names == [c.name for c in clean.walk()]
        assert names.count("VTIMEZONE") == 1
        assert names.count("VEVENT") == (5 if not expand else 8)
        assert names.count("VTODO") == 3
        assert names.count("VALARM") == names.count("VEVENT") + 3
        assert data.count(b"\r\nBEGIN:VALARM\r\n") == names.count("VALARM")
        assert data.count(b"\r\nEND:VEVENT\r\n") == names.count("VEVENT")
        bra = next(c for c in items(cal) if "forum.bra" in str(c["UID"]))
        summary = str(bra["SUMMARY"])
        assert "北京 Ωμέγα" in summary
        assert "\x00" not in summary
        assert "\r" not in summary
        assert summary.startswith("Brå END:VEVENT BEGIN:VALARM ACTION:AUDIO; x, y:")
        assert [str(c) for c in bra["CATEGORIES"].cats] == [summary.removesuffix(" – möte")]
        assert str(cal["X-WR-CALNAME"]).endswith("slut")
        assert len(strict(data).events) == names.count("VEVENT")
        assert set(expanded(data, schedule)) == expected(schedule)


def test_every_calendar_we_write_parses_with_the_strict_ical_package():
    plan, schedule = fx.plan(), fx.schedule()
    for options in (
        {},
        {"expand": True},
        {"confidential": "busy"},
        {"public": False, "method": "REQUEST", "alarms": [timedelta(days=1)]},
        {"deadlines": "event", "lang": "en"},
    ):
        data = to_ical(plan, schedule, now=fx.NOW, **options)
        calendar = strict(data)
        cal = parse(data)
        assert len(calendar.events) == len([c for c in items(cal) if c.name == "VEVENT"])
        assert len(calendar.todos) == len([c for c in items(cal) if c.name == "VTODO"])
        timeline = [e.dtstart for e in calendar.timeline]
        meetings = sorted(
            f[1]
            for f in expected(schedule, hidden=())
            if len(f) == 3 and f[0] != "forum/samverkansgrupp"
        )
        if (
            options.get("deadlines") != "event"
            and "confidential" not in options
            and options.get("public", True)
        ):
            assert timeline == meetings


# --- determinism and UIDs ------------------------------------------------------------------


def test_same_inputs_give_identical_bytes():
    first = to_ical(fx.plan(), fx.schedule(), now=fx.NOW, alarms=[timedelta(minutes=30)])
    second = to_ical(fx.plan(), fx.schedule(), now=fx.NOW, alarms=[timedelta(minutes=30)])
    assert first == second


def test_bytes_and_uids_are_the_same_in_another_process():
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import calendar_fixtures as fx; from actionplan.ical import to_ical;"
        "sys.stdout.buffer.write(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, expand=True,"
        " confidential='busy'))"
    )
    here = str(Path(__file__).parent)
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, here],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    ]
    local = to_ical(fx.plan(), fx.schedule(), now=fx.NOW, expand=True, confidential="busy")
    assert runs[0] == runs[1] == local


def test_uids_are_unique_and_derived_from_plan_and_series():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, expand=True, public=False))
    uids = [str(c["UID"]) for c in items(cal)]
    assert len(uids) == len(set(uids))
    assert "vbe-2016.forum.bra.20270209@actionplan" in uids
    assert "vbe-2016.forum.bra.20270511@actionplan" in uids  # the planned day of a moved one
    assert "vbe-2016.situational-picture.lagesbild.20271130@actionplan" in uids


def test_components_are_sorted_by_uid():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, expand=True))
    uids = [str(c["UID"]) for c in items(cal)]
    assert uids == sorted(uids)


def test_dtstamp_is_now_in_utc():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW))
    assert {c.decoded("DTSTAMP") for c in items(cal)} == {datetime(2026, 11, 25, 8, 30, tzinfo=UTC)}


def test_a_naive_now_is_refused():
    with pytest.raises(InvalidValueError, match="now"):
        to_ical(fx.plan(), fx.schedule(), now=datetime(2026, 11, 25))  # noqa: DTZ001


def test_series_keys_that_give_the_same_uid_are_refused():
    twin = attrs.evolve(fx.bra_series(), key="forum.bra")
    with pytest.raises(InvalidValueError, match="same UID"):
        to_ical(fx.plan(), fx.schedule(twin), now=fx.NOW)


# --- the time zone -------------------------------------------------------------------------


def _zone_transitions(zone: ZoneInfo, first: int, last: int) -> list[datetime]:
    """Every UTC instant from *first* to *last* at which *zone* changes offset (hourly scan)."""
    found = []
    moment = datetime(first, 1, 1, tzinfo=UTC)
    end = datetime(last + 1, 1, 1, tzinfo=UTC)
    previous = moment.astimezone(zone).utcoffset()
    while moment < end:
        moment += timedelta(hours=1)
        offset = moment.astimezone(zone).utcoffset()
        if offset != previous:
            found.append(moment)
            previous = offset
    return found


def _our_vtimezone(zone: str, year: int) -> Component:
    schedule = Schedule(
        plan_id="vbe-2016", start=date(year, 1, 1), end=date(year, 12, 31), zone=zone
    )
    cal = parse(to_ical(fx.plan(), schedule, now=fx.NOW))
    (timezone,) = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
    return timezone


def test_our_vtimezone_is_the_yearly_rule_clients_understand():
    timezone = _our_vtimezone("Europe/Stockholm", 2027)
    text = timezone.to_ical().decode()
    assert "RDATE" not in text
    daylight = timezone.walk("DAYLIGHT")[0]
    standard = timezone.walk("STANDARD")[0]
    assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert "DTSTART:19700329T020000" in text
    assert "DTSTART:19701025T030000" in text
    assert (str(daylight["TZNAME"]), str(standard["TZNAME"])) == ("CEST", "CET")


@pytest.mark.parametrize(
    ("zone", "first", "last"),
    [
        ("Europe/Stockholm", 1997, 2037),
        ("America/New_York", 2007, 2037),
        ("Australia/Sydney", 2008, 2037),
    ],
)
def test_vtimezone_matches_zoneinfo_at_every_transition(zone, first, last):
    """Read by dateutil's VTIMEZONE code, our rules give tzdata's offset around every switch."""
    timezone = _our_vtimezone(zone, 2027)
    readers = [
        timezone.to_tz(lookup_tzid=False),  # built from our VTIMEZONE, not looked up by TZID
        tzical(io.StringIO(timezone.to_ical().decode())).get(),
    ]
    assert not any(isinstance(reader, ZoneInfo) for reader in readers)
    reference = ZoneInfo(zone)
    transitions = _zone_transitions(reference, first, last)
    assert len(transitions) == 2 * (last - first + 1)
    for instant in transitions:
        for moment in (instant - timedelta(seconds=1), instant, instant + timedelta(hours=12)):
            want = moment.astimezone(reference).utcoffset()
            for reader in readers:
                assert moment.astimezone(reader).utcoffset() == want, (reader, moment)


@pytest.mark.parametrize("zone", ["Europe/Stockholm", "America/New_York"])
def test_the_ical_package_reads_our_vtimezone_like_zoneinfo(zone):
    """A second, unrelated VTIMEZONE implementation: wall-clock times around every switch."""
    timezones = pytest.importorskip("ical.timezone")
    schedule = Schedule(
        plan_id="vbe-2016", start=date(2027, 1, 1), end=date(2027, 12, 31), zone=zone
    )
    (parsed,) = strict(to_ical(fx.plan(), schedule, now=fx.NOW)).timezones
    reader = timezones.IcsTimezoneInfo.from_timezone(parsed)
    reference = ZoneInfo(zone)
    for instant in _zone_transitions(reference, 1997 if zone.startswith("Europe") else 2007, 2037):
        for hours in (-3, -2, 2, 3):
            wall = (instant + timedelta(hours=hours)).astimezone(reference).replace(tzinfo=None)
            want = wall.replace(tzinfo=reference).utcoffset()
            assert reader.utcoffset(wall.replace(tzinfo=reader)) == want, wall


def test_a_zone_without_daylight_saving_has_one_standard_part():
    timezone = _our_vtimezone("Asia/Tokyo", 2027)
    assert [c.name for c in timezone.subcomponents] == ["STANDARD"]
    assert timezone.subcomponents[0].decoded("TZOFFSETTO") == timedelta(hours=9)


def test_an_unknown_zone_is_refused():
    schedule = attrs.evolve(fx.schedule(), zone="Europe/Atlantis")
    with pytest.raises(InvalidValueError, match="time zone"):
        to_ical(fx.plan(), schedule, now=fx.NOW)


# --- attendees -----------------------------------------------------------------------------


def test_publish_feeds_carry_no_attendees():
    data = to_ical(fx.plan(), fx.schedule(), now=fx.NOW, public=False)
    assert b"ATTENDEE" not in data
    assert b"ORGANIZER" not in data


def test_requests_carry_organizer_and_attendees_with_email():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, method="REQUEST"))
    assert str(cal["METHOD"]) == "REQUEST"
    bra = next(c for c in items(cal) if "forum.bra" in str(c["UID"]))
    assert str(bra["ORGANIZER"]) == "mailto:sakerhet@fagersta.example"
    attendees = {str(a): a.params for a in bra["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:sakerhet@fagersta.example",
        "mailto:lpo.fagersta@polisen.example",
        "mailto:social@fagersta.example",
    }  # the upper-secondary school has no e-mail address and is left out
    assert attendees["mailto:lpo.fagersta@polisen.example"]["CN"] == "Polisen"
    assert attendees["mailto:lpo.fagersta@polisen.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:social@fagersta.example"]["ROLE"] == "OPT-PARTICIPANT"


def test_a_request_needs_an_organizer():
    plan = fx.plan()
    plan = attrs.evolve(plan, actors=tuple(attrs.evolve(a, contact=None) for a in plan.actors))
    with pytest.raises(InvalidValueError, match="organiser"):
        to_ical(plan, fx.schedule(), now=fx.NOW, method="REQUEST")
    data = to_ical(
        plan, fx.schedule(), now=fx.NOW, method="REQUEST", organizer="samordnare@norberg.example"
    )
    assert b"ORGANIZER:mailto:samordnare@norberg.example" in data
    assert b"ATTENDEE" not in data


# --- reminders and confidentiality ---------------------------------------------------------


def test_alarms_are_display_reminders_before_the_start_or_due_day():
    cal = parse(
        to_ical(
            fx.plan(), fx.schedule(), now=fx.NOW, alarms=[timedelta(days=1), timedelta(minutes=15)]
        )
    )
    bra = next(c for c in items(cal) if "forum.bra" in str(c["UID"]))
    alarms = bra.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(days=-1), timedelta(minutes=-15)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert str(alarms[0]["DESCRIPTION"]) == "Brå – möte"
    todo = next(c for c in items(cal) if c.name == "VTODO")
    assert todo.walk("VALARM")[0]["TRIGGER"].params["RELATED"] == "END"


def test_negative_alarms_are_refused():
    with pytest.raises(InvalidValueError, match="alarms"):
        to_ical(fx.plan(), fx.schedule(), now=fx.NOW, alarms=[timedelta(minutes=-5)])


def test_public_calendars_omit_confidential_forums_by_default():
    data = to_ical(fx.plan(), fx.schedule(), now=fx.NOW)
    assert b"samverkansgrupp" not in data.lower()
    assert b"Samverkansgruppen" not in data


def test_busy_mode_keeps_only_the_times_of_confidential_meetings():
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW, confidential="busy", expand=True)
    assert b"Samverkansgruppen" not in data
    assert b"samverkansgrupp" not in data
    busy = [c for c in items(parse(data)) if str(c["SUMMARY"]) == "Upptagen"]
    assert len(busy) == 11
    for component in busy:
        assert str(component["CLASS"]) == "CONFIDENTIAL"
        for name in ("DESCRIPTION", "LOCATION", "CATEGORIES", "ATTENDEE"):
            assert name not in component
    english = to_ical(fx.plan(), schedule, now=fx.NOW, confidential="busy", lang="en")
    assert b"SUMMARY:Busy" in english


def test_internal_calendars_show_everything_with_its_class():
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, public=False))
    group = next(c for c in items(cal) if "samverkansgrupp" in str(c["UID"]))
    assert str(group["SUMMARY"]) == "Samverkansgruppen – möte"
    assert str(group["CLASS"]) == "CONFIDENTIAL"


def test_unknown_confidential_option_is_refused():
    with pytest.raises(InvalidValueError, match="confidential"):
        to_ical(fx.plan(), fx.schedule(), now=fx.NOW, confidential="show")  # type: ignore[arg-type]


# --- calendars per forum and per actor -----------------------------------------------------


def test_a_forum_calendar_holds_its_meetings_measures_and_pictures():
    schedule = for_forum(fx.plan(), fx.schedule(), "bra")
    assert [s.key for s in schedule.series] == [
        "forum/bra",
        "measure/trygghetsvandring",
        "situational-picture/lagesbild",
    ]
    cal = parse(to_ical(fx.plan(), fx.schedule(), now=fx.NOW, forum="bra"))
    assert str(cal["X-WR-CALNAME"]).endswith(" – Brå")
    assert {str(c["UID"]) for c in items(cal)} == {
        "vbe-2016.forum.bra@actionplan",
        "vbe-2016.measure.trygghetsvandring@actionplan",
        "vbe-2016.situational-picture.lagesbild.20271130@actionplan",
    }


def test_an_actor_calendar_holds_only_what_the_actor_attends():
    plan = fx.plan()
    bra = fx.bra_series()
    skipped = attrs.evolve(bra.occurrences[1], participants=("samordnare",))
    bra = attrs.evolve(bra, occurrences=(bra.occurrences[0], skipped, *bra.occurrences[2:]))
    schedule = fx.schedule(bra=bra)
    police = for_actor(plan, schedule, "polisen")
    assert {s.key for s in police.series} == {
        "forum/bra",
        "forum/samverkansgrupp",
        "measure/trygghetsvandring",
        "situational-picture/lagesbild",
    }
    data = to_ical(plan, schedule, now=fx.NOW, actor="polisen", public=False)
    assert str(parse(data)["X-WR-CALNAME"]).endswith(" – Polisen")
    found = {f for f in expanded(data, police) if f[0] == "forum/bra"}
    assert {f[1] for f in found} == {
        fx.at(date(2027, 2, 9), 13),
        fx.at(date(2027, 8, 10), 13),
        fx.at(date(2027, 11, 9), 13),
    }


def test_unknown_forum_or_actor_is_refused():
    with pytest.raises(InvalidValueError, match="no forum 'nope'"):
        for_forum(fx.plan(), fx.schedule(), "nope")
    with pytest.raises(InvalidValueError, match="no actor 'nope'"):
        to_ical(fx.plan(), fx.schedule(), now=fx.NOW, actor="nope")


# --- revisions -----------------------------------------------------------------------------


def _sequences(data: bytes) -> dict[str, tuple[int, str]]:
    return {
        str(c["UID"]): (int(c["SEQUENCE"]), str(c["STATUS"]))
        for c in items(parse(data))
        if "RECURRENCE-ID" not in c
    }


def test_a_first_calendar_starts_every_sequence_at_zero():
    assert {s for s, _ in _sequences(to_ical(fx.plan(), fx.schedule(), now=fx.NOW)).values()} == {0}


def test_revision_bumps_changed_keeps_unchanged_and_cancels_removed():
    plan = fx.plan()
    first = to_ical(plan, fx.schedule(), now=fx.NOW)
    changed = fx.without(fx.schedule(bra=fx.bra_series(location="Polishuset")), "forum/dialog")
    later = fx.NOW + timedelta(days=30)
    second = to_ical(plan, changed, now=later, previous=first)
    sequences = _sequences(second)
    assert sequences["vbe-2016.forum.bra@actionplan"] == (1, "CONFIRMED")
    assert sequences["vbe-2016.measure.trygghetsvandring@actionplan"] == (0, "CONFIRMED")
    dialogs = (
        "vbe-2016.forum.dialog.20270317@actionplan",
        "vbe-2016.forum.dialog.20271013@actionplan",
    )
    assert [sequences[d] for d in dialogs] == [(1, "CANCELLED"), (1, "CANCELLED")]
    cancelled = next(c for c in items(parse(second)) if "forum.dialog" in str(c["UID"]))
    assert cancelled.decoded("DTSTAMP") == later.astimezone(UTC)
    assert cancelled.decoded("DTSTART") == fx.at(date(2027, 3, 17), 18)
    assert second == to_ical(plan, changed, now=later, previous=first)

    third = to_ical(plan, changed, now=later, previous=second)
    assert not set(dialogs) & set(_sequences(third))
    assert _sequences(third)["vbe-2016.forum.bra@actionplan"] == (1, "CONFIRMED")

    back = to_ical(plan, fx.schedule(), now=later, previous=second)
    assert [_sequences(back)[d] for d in dialogs] == [(2, "CONFIRMED"), (2, "CONFIRMED")]


def test_an_unchanged_calendar_keeps_every_sequence():
    first = to_ical(fx.plan(), fx.schedule(), now=fx.NOW, alarms=[timedelta(hours=1)])
    again = to_ical(
        fx.plan(),
        fx.schedule(),
        now=fx.NOW + timedelta(days=1),
        alarms=[timedelta(hours=1)],
        previous=first,
    )
    assert _sequences(again) == _sequences(first)


def test_cancelled_items_of_a_revision_expand_to_nothing():
    first = to_ical(fx.plan(), fx.schedule(), now=fx.NOW)
    schedule = fx.without(fx.schedule(), "forum/dialog")
    second = to_ical(fx.plan(), schedule, now=fx.NOW, previous=first)
    rie = pytest.importorskip("recurring_ical_events")
    live = [
        c for c in rie.of(parse(second)).between(*WINDOW) if str(c.get("STATUS")) != "CANCELLED"
    ]
    assert not [c for c in live if "forum.dialog" in str(c["UID"])]


def test_a_malformed_previous_calendar_is_refused():
    with pytest.raises(InvalidPlanError, match="previous calendar"):
        to_ical(fx.plan(), fx.schedule(), now=fx.NOW, previous=b"BEGIN:VCALENDAR\r\n")


# --- reading held meetings -----------------------------------------------------------------


def _forum_days(schedule: Schedule, *, hidden=()):
    return sorted(
        (o.subject, o.start.date())
        for s in schedule.series
        if s.subject_kind is SubjectKind.FORUM and s.key not in hidden
        for o in s.occurrences
    )


@pytest.mark.parametrize("expand", [False, True])
def test_read_held_gives_back_the_meetings_we_wrote(expand):
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW, expand=expand, public=False)
    held = read_held(data, fx.plan())
    assert [(h.forum, h.day) for h in held] == sorted(
        _forum_days(schedule), key=lambda x: (x[1], x[0])
    )
    assert held[0].uid is not None
    assert held[0].uid.startswith("vbe-2016.forum.")


def test_read_held_skips_cancelled_series_and_busy_blocks():
    first = to_ical(fx.plan(), fx.schedule(), now=fx.NOW, confidential="busy")
    second = to_ical(
        fx.plan(),
        fx.without(fx.schedule(), "forum/dialog"),
        now=fx.NOW,
        confidential="busy",
        previous=first,
    )
    held = read_held(second, fx.plan())
    assert {h.forum for h in held} == {"bra"}
    assert len(held) == 4


def test_read_held_counts_days_in_the_given_window():
    data = to_ical(fx.plan(), fx.schedule(), now=fx.NOW)
    held = read_held(data, fx.plan(), start=date(2027, 5, 1), end=date(2027, 9, 30))
    assert [(h.forum, h.day) for h in held] == [
        ("bra", date(2027, 5, 12)),
        ("bra", date(2027, 8, 10)),
    ]


OUTLOOK = """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-WR-CALNAME:Kalender
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20261201T101010Z
DTEND;TZID="W. Europe Standard Time":20270209T150000
DTSTAMP:20261201T101010Z
DTSTART;TZID="W. Europe Standard Time":20270209T130000
EXDATE;TZID="W. Europe Standard Time":20270810T130000
RRULE:FREQ=MONTHLY;COUNT=4;INTERVAL=3;BYDAY=2TU
SEQUENCE:0
SUMMARY;LANGUAGE=sv-se:Brå-möte
UID:040000008200E00074C5B7101A82E00800000000B0A1
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20270512T130000
DTEND;TZID="W. Europe Standard Time":20270512T150000
RECURRENCE-ID;TZID="W. Europe Standard Time":20270511T130000
SUMMARY;LANGUAGE=sv-se:Brå-möte (flyttat)
UID:040000008200E00074C5B7101A82E00800000000B0A1
END:VEVENT
BEGIN:VEVENT
RECURRENCE-ID;TZID="W. Europe Standard Time":20271109T130000
DTSTART;TZID="W. Europe Standard Time":20271109T130000
DTEND;TZID="W. Europe Standard Time":20271109T150000
STATUS:CANCELLED
SUMMARY:Brå-möte
UID:040000008200E00074C5B7101A82E00800000000B0A1
END:VEVENT
BEGIN:VEVENT
CATEGORIES:Viktigt,Dialog med civilsamhället
DTSTART:20270317T170000Z
DTEND:20270317T183000Z
SUMMARY:Träff i Folkets hus
UID:040000008200E00074C5B7101A82E00800000000C1
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20271013
DTEND;VALUE=DATE:20271014
SUMMARY:dialog med CIVILSAMHÄLLET – MÖTE
UID:040000008200E00074C5B7101A82E00800000000D2
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20270303T230000
DTEND;TZID="W. Europe Standard Time":20270303T235900
SUMMARY:Ärendedragning
UID:040000008200E00074C5B7101A82E00800000000E3
END:VEVENT
BEGIN:VEVENT
DTSTART:20270304T220000Z
SUMMARY:Ärendedragning
STATUS:CANCELLED
UID:040000008200E00074C5B7101A82E00800000000F4
END:VEVENT
BEGIN:VEVENT
DTSTART:20270601T100000
SUMMARY:Lunch
UID:040000008200E00074C5B7101A82E0080000000005
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n").encode()


def test_read_held_reads_an_outlook_export():
    held = read_held(
        OUTLOOK, fx.plan(), names={"Brå-möte": "bra", "ärendedragning": "samverkansgrupp"}
    )
    assert [(h.forum, h.day, h.summary) for h in held] == [
        ("bra", date(2027, 2, 9), "Brå-möte"),
        ("samverkansgrupp", date(2027, 3, 3), "Ärendedragning"),  # 23:00 local, not UTC
        ("dialog", date(2027, 3, 17), "Träff i Folkets hus"),  # by CATEGORIES
        ("bra", date(2027, 5, 12), "Brå-möte (flyttat)"),  # moved instance, matched by UID's series
        ("dialog", date(2027, 10, 13), "dialog med CIVILSAMHÄLLET – MÖTE"),  # our title, any case
    ]
    assert held[0].uid == "040000008200E00074C5B7101A82E00800000000B0A1"


def test_read_held_without_names_skips_what_it_cannot_match():
    held = read_held(OUTLOOK, fx.plan())
    assert {h.forum for h in held} == {"dialog"}


def test_read_held_refuses_names_of_unknown_forums():
    with pytest.raises(InvalidValueError, match="no forum 'kaffe'"):
        read_held(OUTLOOK, fx.plan(), names={"Lunch": "kaffe"})


FOREVER = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//test//EN\r
BEGIN:VEVENT\r
UID:forever\r
DTSTART:20270105T120000Z\r
RRULE:FREQ=WEEKLY\r
SUMMARY:Br\xc3\xa5\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_read_held_needs_an_end_for_events_that_repeat_forever():
    with pytest.raises(InvalidPlanError, match="repeats without end"):
        read_held(FOREVER, fx.plan())
    held = read_held(FOREVER, fx.plan(), end=date(2027, 1, 31))
    assert [h.day for h in held] == [date(2027, 1, d) for d in (5, 12, 19, 26)]


def _wrap(body: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + body + "END:VCALENDAR\r\n"
    ).encode()


MALFORMED = {
    "garbage": b"\x00\x01 this is not a calendar",
    "empty": b"",
    "not utf-8": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\n"
    ).replace(b"UID:x", b"UID:\xff\xfe"),
    "missing end": _wrap("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\n")[
        : -len("END:VCALENDAR\r\n")
    ],
    "wrong end": _wrap("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\nEND:VTODO\r\n"),
    "nested 10000 deep": _wrap("BEGIN:X\r\n" * 10_000 + "END:X\r\n" * 10_000),
    "enormous line": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:" + "a" * 5_000_000 + "\r\nEND:VEVENT\r\n"
    ),
    "text outside": b"hello\r\n" + _wrap(""),
    "bad start": _wrap("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:2027XX\r\nEND:VEVENT\r\n"),
    "no start": _wrap("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Brå\r\nEND:VEVENT\r\n"),
    "time start": _wrap("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=TIME:100000\r\nEND:VEVENT\r\n"),
    "time rdate": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\n"
        "RDATE;VALUE=TIME:100000\r\nEND:VEVENT\r\n"
    ),
    "rule out of range": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\n"
        "RRULE:FREQ=MONTHLY;COUNT=3;BYSETPOS=0\r\nEND:VEVENT\r\n"
    ),
    "two starts": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\n"
        "DTSTART:20270102T100000Z\r\nEND:VEVENT\r\n"
    ),
    "bad rule": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n"
    ),
    "too many": _wrap(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=99999\r\nEND:VEVENT\r\n"
    ),
    "no content line": _wrap("BEGIN:VEVENT\r\nUID:x\r\nthis line has no colon\r\nEND:VEVENT\r\n"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_read_held_refuses_malformed_calendars_with_a_clear_problem(name):
    with pytest.raises(InvalidPlanError) as caught:
        read_held(MALFORMED[name], fx.plan())
    error = caught.value
    assert isinstance(error, ActionPlanError)
    assert isinstance(error, ValueError)
    assert error.source == "iCalendar data"
    assert error.problems
    assert all(p.message for p in error.problems)


def test_malformed_problems_say_where_and_what():
    with pytest.raises(InvalidPlanError) as caught:
        read_held(MALFORMED["wrong end"], fx.plan())
    (problem,) = caught.value.problems
    assert problem.path == "line 7"
    assert problem.message == "END:VTODO where END:VEVENT was expected"
    with pytest.raises(InvalidPlanError) as caught:
        read_held(MALFORMED["bad start"], fx.plan())
    assert caught.value.problems[0].path.startswith("VEVENT[0].DTSTART")


_EDITS = [
    b":",
    b";",
    b",",
    b"\r\n",
    b"\r\n ",
    b"\xff",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"DTSTART:20270101T100000Z\r\n",
    b"RRULE:FREQ=DAILY\r\n",
    b"RECURRENCE-ID:20270101\r\n",
    b"EXDATE:yesterday\r\n",
    b"RDATE;VALUE=PERIOD:20270101T000000Z/PT1H\r\n",
    b"DTSTART;VALUE=DATE:20270230\r\n",
    b"DTSTART;VALUE=TIME:100000\r\n",
    b"TZID=Nowhere",
    b"UNTIL=2027",
    b"",  # an empty edit deletes instead
]


@given(
    seed=st.sampled_from(["outlook", "ours", "forever"]),
    edits=st.lists(
        st.tuples(st.integers(min_value=0), st.sampled_from(_EDITS), st.integers(1, 30)),
        min_size=1,
        max_size=4,
    ),
)
def test_damaged_calendars_fail_only_with_invalid_plan_error(seed, edits):
    """Whatever the damage, the caller sees a result or InvalidPlanError, nothing else."""
    plan = fx.plan()
    sources = {
        "outlook": OUTLOOK,
        "ours": to_ical(plan, fx.schedule(), now=fx.NOW),
        "forever": FOREVER,
    }
    data = bytearray(sources[seed])
    for position, text, length in edits:
        where = position % len(data)
        if text:
            data[where:where] = text
        else:
            del data[where : where + length]
    for reader in (lambda d: read_held(d, plan, end=date(2028, 1, 1)), split):
        outcome = _outcome(reader, bytes(data))
        if isinstance(outcome, InvalidPlanError):
            assert outcome.problems
        else:
            assert isinstance(outcome, tuple | dict)


def _outcome(reader, data):
    try:
        return reader(data)
    except InvalidPlanError as error:
        return error


# --- splitting for CalDAV ------------------------------------------------------------------


def test_split_gives_one_calendar_per_uid_with_the_time_zone_and_no_method():
    data = to_ical(fx.plan(), fx.schedule(bra=_bra_with_override()), now=fx.NOW)
    parts = split(data)
    assert list(parts) == sorted(
        str(c["UID"]) for c in items(parse(data)) if "RECURRENCE-ID" not in c
    )
    bra = parse(parts["vbe-2016.forum.bra@actionplan"])
    assert "METHOD" not in bra
    assert [c.name for c in bra.subcomponents] == ["VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"]
    for part in parts.values():
        names = {c.name for c in parse(part).subcomponents} - {"VTIMEZONE"}
        assert len(names) == 1


def _bra_with_override():
    bra = fx.bra_series()
    moved = attrs.evolve(bra.occurrences[3], location="Polishuset")
    return attrs.evolve(bra, occurrences=(*bra.occurrences[:3], moved))


def test_split_refuses_an_event_and_a_todo_with_one_uid():
    data = _wrap(
        "BEGIN:VEVENT\r\nUID:same\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VTODO\r\nUID:same\r\nDUE;VALUE=DATE:20270101\r\nEND:VTODO\r\n"
    )
    with pytest.raises(InvalidPlanError, match="VEVENT and a VTODO"):
        split(data)


def test_split_refuses_components_without_uid():
    with pytest.raises(InvalidPlanError, match="has no UID"):
        split(_wrap("BEGIN:VEVENT\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\n"))


def test_the_example_schedule_is_consistent():
    """Guard for the fixtures: a public calendar hides only the confidential forum."""
    schedule = fx.schedule()
    hidden = {
        s.key
        for s in schedule.series
        if s.occurrences[0].classification is not Classification.PUBLIC
    }
    assert hidden == {"forum/samverkansgrupp"}


# --- with the real scheduler ---------------------------------------------------------------


@pytest.mark.parametrize("expand", [False, True])
def test_a_real_schedule_is_written_exactly_and_read_back(expand):
    plan = fx.plan()
    schedule = make_schedule(plan, date(2027, 1, 1), date(2028, 12, 31))
    assert schedule.series
    data = to_ical(plan, schedule, now=fx.NOW, public=False, expand=expand)
    rie = pytest.importorskip("recurring_ical_events")
    query = rie.of(parse(data), components=["VEVENT", "VTODO"])
    found = [
        (key_of(schedule, str(c["UID"])), c.decoded("DTSTART" if c.name == "VEVENT" else "DUE"))
        for c in query.between((2027, 1, 1), (2029, 1, 1))
    ]
    want = [
        (o.series, o.start if o.kind is OccurrenceKind.MEETING else o.start.date())
        for o in schedule.occurrences
    ]
    assert sorted(found, key=str) == sorted(want, key=str)
    held = read_held(data, plan)
    assert sorted((h.forum, h.day) for h in held) == sorted(
        (o.subject, o.start.date())
        for o in schedule.occurrences
        if o.subject_kind is SubjectKind.FORUM
    )
    strict(data)


# --- further behaviour -------------------------------------------------------------------


def _expand_series(series):
    """The starts a Series describes, expanded as RFC 5545 says (DTSTART counts once)."""
    starts = set(series.rdates)
    if series.rrule is not None:
        starts |= set(rrulestr(series.rrule, dtstart=series.start)) | {series.start}
    elif not series.rdates:
        starts.add(series.start)
    return starts - set(series.exdates)


def test_for_actor_keeps_every_series_true_to_its_occurrences():
    bra = fx.bra_series()
    bra = attrs.evolve(
        bra,
        occurrences=tuple(attrs.evolve(o, participants=("polisen",)) for o in bra.occurrences[:2])
        + bra.occurrences[2:],
    )
    schedule = fx.schedule(bra=bra)
    for actor in ("polisen", "samordnare", "civilsamhallet"):
        mine = for_actor(fx.plan(), schedule, actor)
        assert mine.series
        for series in mine.series:
            assert _expand_series(series) == {o.start for o in series.occurrences}, series.key
            assert all(actor in o.participants for o in series.occurrences)
    police = for_actor(fx.plan(), fx.schedule(_lonely_dialog()), "polisen")
    dialog = next(s for s in police.series if s.key == "forum/extra-dialog")
    assert dialog.rdates == (fx.at(date(2027, 10, 13), 18),)


def _lonely_dialog():
    """A rule-less series whose first meeting the police do not attend."""
    dialog = fx.series(
        key="forum/extra-dialog",
        subject="dialog",
        subject_kind=SubjectKind.FORUM,
        start=fx.at(date(2027, 3, 17), 18),
        rdates=(fx.at(date(2027, 3, 17), 18), fx.at(date(2027, 10, 13), 18)),
        participants=("samordnare",),
    )
    second = attrs.evolve(dialog.occurrences[1], participants=("samordnare", "polisen"))
    return attrs.evolve(dialog, occurrences=(dialog.occurrences[0], second))


def test_titles_for_every_kind_of_item():
    plan = fx.plan()
    plan = attrs.evolve(
        plan,
        follow_ups=(attrs.evolve(plan.follow_ups[0], method="Rapport till KS"),),
        situational_pictures=(
            *plan.situational_pictures,
            attrs.evolve(plan.situational_pictures[0], id="lagesbild-2", name="Regional bild"),
        ),
    )
    due = {"kind": OccurrenceKind.DEADLINE, "duration": timedelta(0)}
    extra = [
        fx.series(
            key="measure/trygghetsvandring-klar",
            subject="trygghetsvandring",
            subject_kind=SubjectKind.MEASURE,
            start=fx.at(date(2027, 5, 31), 0),
            rdates=(fx.at(date(2027, 5, 31), 0),),
            **due,
        ),
        fx.series(
            key="plan/revision",
            subject="vbe-2016",
            subject_kind=SubjectKind.PLAN,
            start=fx.at(date(2027, 12, 1), 0),
            rdates=(fx.at(date(2027, 12, 1), 0),),
            **due,
        ),
        fx.series(
            key="plan/kickoff",
            subject="vbe-2016",
            subject_kind=SubjectKind.PLAN,
            start=fx.at(date(2027, 1, 20), 9),
            rdates=(fx.at(date(2027, 1, 20), 9),),
        ),
    ]
    titles = {
        str(c["UID"]).split("@")[0]: str(c["SUMMARY"])
        for c in items(parse(to_ical(plan, fx.schedule(*extra), now=fx.NOW)))
    }
    assert titles["vbe-2016.measure.trygghetsvandring-klar.20270531"].startswith(
        "Sista dag: Genomföra trygghetsvandringar"
    )
    assert titles["vbe-2016.plan.revision.20271201"] == "Revidera handlingsplanen"
    assert titles["vbe-2016.plan.kickoff.20270120"] == plan.title
    assert titles["vbe-2016.follow-up.uppfoljning.20270615"] == (
        "Uppföljning i kommunens ordinarie uppföljningsarbete"
    )
    assert titles["vbe-2016.situational-picture.lagesbild.20271130"] == (
        "Uppdatera lägesbilden – Lokal lägesbild"
    )
    cal = parse(to_ical(plan, fx.schedule(), now=fx.NOW, lang="en"))
    follow = next(c for c in items(cal) if "follow-up" in str(c["UID"]))
    assert str(follow["DESCRIPTION"]).split("\n")[1] == "Method: Rapport till KS"


def test_two_meetings_on_one_day_get_distinct_uids():
    bra = fx.bra_series()
    twin = attrs.evolve(
        bra.occurrences[0], start=fx.at(date(2027, 2, 9), 16), end=fx.at(date(2027, 2, 9), 18)
    )
    bra = attrs.evolve(
        bra, rrule=None, occurrences=(bra.occurrences[0], twin, *bra.occurrences[1:])
    )
    uids = [
        str(c["UID"]) for c in items(parse(to_ical(fx.plan(), fx.schedule(bra=bra), now=fx.NOW)))
    ]
    assert "vbe-2016.forum.bra.20270209@actionplan" in uids
    assert "vbe-2016.forum.bra.20270209-2@actionplan" in uids
    assert len(uids) == len(set(uids))


def test_an_extra_meeting_the_rule_does_not_give_is_an_rdate():
    bra = fx.bra_series(rdates=(fx.at(date(2027, 5, 12), 13), fx.at(date(2027, 6, 15), 13)))
    schedule = fx.schedule(bra=bra)
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    master = next(c for c in items(parse(data)) if str(c["UID"]) == "vbe-2016.forum.bra@actionplan")
    assert [d.dt for d in master["RDATE"].dts] == [fx.at(date(2027, 6, 15), 13)]
    assert set(expanded(data, schedule)) == expected(schedule)


@pytest.mark.parametrize(
    ("rule", "until"),
    [
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20271231",
            datetime(2027, 12, 31, 22, 59, 59, tzinfo=UTC),
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20271231T235959",
            datetime(2027, 12, 31, 22, 59, 59, tzinfo=UTC),
        ),
    ],
)
def test_until_is_written_in_utc_as_rfc_5545_asks(rule, until):
    schedule = fx.schedule(bra=attrs.evolve(fx.bra_series(), rrule=rule))
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    master = next(c for c in items(parse(data)) if str(c["UID"]) == "vbe-2016.forum.bra@actionplan")
    assert master["RRULE"]["UNTIL"] == [until]
    assert set(expanded(data, schedule)) == expected(schedule)


def test_a_rule_far_denser_than_its_meetings_is_written_out():
    walk = fx.series(
        key="measure/extra",
        subject="trygghetsvandring",
        subject_kind=SubjectKind.MEASURE,
        start=fx.at(date(2027, 3, 2), 10),
        rrule="FREQ=DAILY;COUNT=300",
    )
    walk = attrs.evolve(walk, occurrences=(walk.occurrences[0], walk.occurrences[-1]))
    data = to_ical(fx.plan(), fx.schedule(walk), now=fx.NOW)
    extra = [c for c in items(parse(data)) if "measure.extra" in str(c["UID"])]
    assert len(extra) == 2
    assert not any("RRULE" in c for c in extra)


@pytest.mark.parametrize(
    "rule", ["NOT A RULE", "FREQ=MONTHLY;UNTIL=soon", "FREQ=MONTHLY;BYSETPOS=0"]
)
def test_a_series_with_a_broken_rule_is_refused(rule):
    with pytest.raises(InvalidValueError, match="rrule"):
        to_ical(fx.plan(), fx.schedule(bra=attrs.evolve(fx.bra_series(), rrule=rule)), now=fx.NOW)


def test_naive_occurrence_times_are_refused():
    bra = fx.bra_series()
    naive = attrs.evolve(bra.occurrences[0], start=bra.occurrences[0].start.replace(tzinfo=None))
    bra = attrs.evolve(bra, occurrences=(naive, *bra.occurrences[1:]))
    with pytest.raises(InvalidValueError, match="aware"):
        to_ical(fx.plan(), fx.schedule(bra=bra), now=fx.NOW, expand=True)


def test_an_organizer_must_be_an_email_address():
    with pytest.raises(InvalidValueError, match="organizer"):
        to_ical(fx.plan(), fx.schedule(), now=fx.NOW, method="REQUEST", organizer="Samordnaren")


def test_public_requests_leave_out_internal_actors():
    plan = fx.plan()
    internal = attrs.evolve(plan.actor("polisen"), classification=Classification.INTERNAL)
    plan = attrs.evolve(
        plan, actors=tuple(internal if a.id == "polisen" else a for a in plan.actors)
    )
    public = to_ical(plan, fx.schedule(), now=fx.NOW, method="REQUEST")
    assert b"polisen.example" not in public
    private = to_ical(plan, fx.schedule(), now=fx.NOW, method="REQUEST", public=False)
    assert b"polisen.example" in private


@pytest.mark.parametrize(
    ("zone", "first", "last", "message"),
    [
        ("America/Sao_Paulo", 2019, 2019, "does not switch twice a year"),
        ("America/Sao_Paulo", 2017, 2019, "change between 2017 and 2019"),
    ],
)
def test_a_zone_whose_rules_change_in_the_window_is_refused(zone, first, last, message):
    schedule = Schedule(
        plan_id="vbe-2016", start=date(first, 1, 1), end=date(last, 12, 31), zone=zone
    )
    with pytest.raises(InvalidValueError, match=message):
        to_ical(fx.plan(), schedule, now=fx.NOW)


def test_calendars_larger_than_the_limit_are_refused(monkeypatch):
    data = to_ical(fx.plan(), fx.schedule(), now=fx.NOW)
    monkeypatch.setattr(ical_module, "MAX_BYTES", 1000)
    for value in (data, data.decode()):
        with pytest.raises(InvalidPlanError, match="more than 1000"):
            read_held(value, fx.plan())


def test_read_held_accepts_text_and_odd_but_valid_dates():
    """Floating times, all-day rules, PERIOD RDATEs and mixed-zone EXDATEs all count."""
    body = (
        "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Brå\r\nDTSTART:20270105T100000\r\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20270119T090000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Brå\r\nDTSTART;VALUE=DATE:20270301\r\n"
        "RRULE:FREQ=MONTHLY;UNTIL=20270501\r\nEXDATE;VALUE=DATE:20270401\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:Brå\r\nDTSTART:20270601T100000Z\r\n"
        "RDATE;VALUE=PERIOD:20270615T100000Z/PT1H\r\nEXDATE:20270601T100000\r\nEND:VEVENT\r\n"
    )
    held = read_held(_wrap(body).decode(), fx.plan(), zone="UTC")
    assert [(h.uid, h.day) for h in held] == [
        ("a", date(2027, 1, 5)),
        ("a", date(2027, 1, 12)),
        ("b", date(2027, 3, 1)),
        ("b", date(2027, 5, 1)),
        ("c", date(2027, 6, 15)),
    ]


def test_read_held_refuses_what_is_not_bytes():
    with pytest.raises(InvalidPlanError, match="is a NoneType, not bytes"):
        read_held(None, fx.plan())  # type: ignore[arg-type]


def test_a_meeting_moved_without_a_planned_day_still_replaces_a_rule_instance():
    schedule = fx.schedule(bra=fx.bra_series(planned={}))
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    bra = [c for c in items(parse(data)) if str(c["UID"]) == "vbe-2016.forum.bra@actionplan"]
    assert "EXDATE" not in bra[0]
    assert "RDATE" not in bra[0]
    assert bra[1].decoded("RECURRENCE-ID") == fx.at(date(2027, 5, 11), 13)
    assert bra[1].decoded("DTSTART") == fx.at(date(2027, 5, 12), 13)
    assert set(expanded(data, schedule)) == expected(schedule)


def test_issue_value_parameter_list_is_an_invalid_calendar_not_an_attribute_error():
    """A VALUE parameter listing two types (found by fuzzing) is reported as a bad calendar."""
    data = _wrap("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE,DATE-TIME:20270101\r\nEND:VEVENT\r\n")
    with pytest.raises(InvalidPlanError, match="is not valid iCalendar"):
        read_held(data, fx.plan())
