"""The commands beyond validate/show/convert/schema: calendars, analysis, pictures, reports.

Each command runs in-process through ``main`` (fast, with capsys) and as a real process
through ``python -m actionplan``, with its good and its bad-input path.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import attrs
import pytest

import actionplan
import radicale_server
from actionplan import Classification, Municipality, Plan, coverage, network
from actionplan.cli import main

NOW = "2027-01-01T08:00:00Z"
SEED_HEADINGS = (
    (
        "Kontinuerlig och bred samverkan mellan berörda aktörer är a och o i det förebyggande "
        "arbetet mot våldsbejakande extremism"
    ),
    "Samverkan i befintliga strukturer",
    "Nödvändiga samverkansaktörer",
    "Utgångspunkt i uppdaterad lokal lägesbild",
    "Tydlig ansvarsfördelning",
    "Glöm inte det civila samhället",
    "Se individerna, inte enbart de ideologier som dessa förespråkar",
    "Beakta genusperspektivets betydelse för insatserna",
    "Följ upp det förebyggande arbetet kontinuerligt",
)
CIVIL_SOCIETY = "Mötesplats med civilsamhället och trossamfunden"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command as a separate process, the way a user's shell does."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "actionplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def _run_bytes(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "actionplan", *map(str, args)],
        capture_output=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def english_file(tmp_path: Path) -> Path:
    """The bundled English example: a confidential forum, deadlines, a dated picture."""
    path = tmp_path / "eastvale.toml"
    actionplan.dump(actionplan.example("english"), path)
    return path


@pytest.fixture
def held_csv(tmp_path: Path) -> Path:
    """Three meetings of the Brå in 2025, one short of the four the seed plan asks for."""
    path = tmp_path / "held.csv"
    path.write_text(
        "date,forum,summary\n2025-02-11,bra,Brå\n2025-05-13,bra,Brå\n2025-09-09,bra,Brå\n",
        encoding="utf-8",
    )
    return path


def _events(data: bytes, start: date, end: date) -> list[tuple[date, str]]:
    """(day, summary) of every meeting in *data* between *start* and *end*, rules expanded."""
    icalendar = pytest.importorskip("icalendar")
    recurring = pytest.importorskip("recurring_ical_events")
    calendar = icalendar.Calendar.from_ical(data)
    found = recurring.of(calendar, components=["VEVENT"]).between(start, end)
    return sorted((event.decoded("DTSTART").date(), str(event["SUMMARY"])) for event in found)


# --- init -----------------------------------------------------------------------------------


def test_init_vbe_writes_the_nine_headings_of_the_seed_and_loads(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    assert main(["init", str(path)]) == 0
    assert capsys.readouterr() == ("", f"wrote {path}\n")
    plan = actionplan.load(path)
    assert tuple(section.heading for section in plan.sections) == SEED_HEADINGS
    assert tuple(section.heading for section in actionplan.example().sections) == SEED_HEADINGS
    assert all(section.text == "" for section in plan.sections)
    assert [f for f in actionplan.validate(plan) if f.severity >= actionplan.Severity.WARNING] == []


def test_init_crime_prevention_writes_the_three_parts_of_the_law_and_loads(tmp_path):
    path = tmp_path / "plan.toml"
    assert main(["init", str(path), "--template", "crime-prevention", "-q"]) == 0
    plan = actionplan.load(path)
    headings = [section.heading for section in plan.sections]
    assert headings == ["Lägesbild", "Åtgärdsplan", "Samordnande funktion"]
    assert "SFS 2023:196" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("template", ["vbe", "crime-prevention"])
def test_init_commented_examples_make_a_valid_plan_once_uncommented(tmp_path, template):
    path = tmp_path / "plan.toml"
    assert main(["init", str(path), "--template", template, "-q"]) == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("# [[forums]]") for line in lines)
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") else "" if line == "#" else line for line in lines
    )
    plan = actionplan.loads(uncommented, format="toml")
    assert plan.actors
    assert plan.measures
    assert isinstance(plan.forums[0].cadence, actionplan.PerPeriod)
    assert [f for f in actionplan.validate(plan) if f.severity >= actionplan.Severity.WARNING] == []


def test_init_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_text("keep me", encoding="utf-8")
    assert main(["init", str(path)]) == 2
    assert capsys.readouterr().err == f"error: {path} already exists; use --force to replace it\n"
    assert path.read_text(encoding="utf-8") == "keep me"
    assert main(["init", str(path), "--force", "-q"]) == 0
    assert actionplan.load(path).id == "handlingsplan-vbe"


def test_init_writes_handlingsplan_toml_in_the_current_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "-q"]) == 0
    assert actionplan.load(tmp_path / "handlingsplan.toml").sections


def test_init_refuses_a_path_that_is_not_toml(tmp_path, capsys):
    assert main(["init", str(tmp_path / "plan.json")]) == 2
    assert "give a PATH ending in .toml" in capsys.readouterr().err
    assert not (tmp_path / "plan.json").exists()


def test_init_verbose_says_what_to_do_next(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    assert main(["init", str(path), "-v"]) == 0
    assert f"actionplan validate {path}" in capsys.readouterr().err


# --- calendar -------------------------------------------------------------------------------


def test_calendar_is_byte_identical_for_the_same_now(tmp_path, capsys):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for target in (first, second):
        assert main(["calendar", "--year", "2027", "--now", NOW, "-o", str(target), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert first.read_bytes() == second.read_bytes()
    assert b"DTSTAMP:20270101T080000Z\r\n" in first.read_bytes()
    assert main(["calendar", "--year", "2027", "--now", "2027-01-02T08:00:00Z", "-q"]) == 0
    assert capsys.readouterr().out.encode() != first.read_bytes()


def test_calendar_parses_and_holds_the_seeds_council_meetings(tmp_path):
    target = tmp_path / "year.ics"
    assert main(["calendar", "--year", "2027", "--now", NOW, "-o", str(target), "-q"]) == 0
    meetings = _events(target.read_bytes(), date(2027, 1, 1), date(2028, 1, 1))
    assert [day.isoformat() for day, _ in meetings] == [
        "2027-02-09",
        "2027-05-11",
        "2027-08-10",
        "2027-11-09",
    ]


def test_calendar_for_one_forum_has_only_its_meetings(english_file, tmp_path):
    whole, council = tmp_path / "all.ics", tmp_path / "council.ics"
    base = ["calendar", str(english_file), "--year", "2027", "--now", NOW, "-q"]
    assert main([*base, "-o", str(whole)]) == 0
    assert main([*base, "--forum", "council", "--expand", "-o", str(council)]) == 0
    everything = _events(whole.read_bytes(), date(2027, 1, 1), date(2028, 1, 1))
    mine = _events(council.read_bytes(), date(2027, 1, 1), date(2028, 1, 1))
    assert len({summary for _, summary in everything}) > 1
    assert len(mine) == 4
    assert {summary for _, summary in mine} == {"Eastvale Crime-Prevention Council – meeting"}


def test_calendar_forum_bra_of_the_seed_has_only_council_meetings(tmp_path):
    target = tmp_path / "bra.ics"
    assert (
        main(["calendar", "--forum", "bra", "--year", "2027", "--now", NOW, "-o", str(target)]) == 0
    )
    meetings = _events(target.read_bytes(), date(2027, 1, 1), date(2028, 1, 1))
    assert len(meetings) == 4
    assert {summary for _, summary in meetings} == {"Brottsförebyggande rådet (Brå) – möte"}


def test_calendar_for_one_actor_has_only_what_it_attends(english_file, tmp_path):
    target = tmp_path / "housing.ics"
    args = ["calendar", str(english_file), "--year", "2027", "--now", NOW, "--actor", "police"]
    assert main([*args, "-o", str(target), "-q"]) == 0
    plan = actionplan.example("english")
    attended = {forum.name for forum in plan.forums if "police" in {m.actor for m in forum.members}}
    summaries = {
        summary for _, summary in _events(target.read_bytes(), date(2027, 1, 1), date(2028, 1, 1))
    }
    assert summaries
    assert {summary.rsplit(" – ", 1)[0] for summary in summaries} <= attended


def test_calendar_prints_schedule_findings_on_stderr_and_exits_0(capsys):
    assert main(["calendar", "--year", "2027", "--now", NOW]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("BEGIN:VCALENDAR")
    assert "AP302" in captured.err
    assert CIVIL_SOCIETY in captured.err
    assert main(["calendar", "--year", "2027", "--now", NOW, "--fail-on", "info"]) == 1


def test_calendar_quiet_prints_no_findings(tmp_path, capsys):
    assert (
        main(["calendar", "--year", "2027", "--now", NOW, "-q", "-o", str(tmp_path / "x.ics")]) == 0
    )
    assert capsys.readouterr() == ("", "")


def test_calendar_findings_follow_lang(capsys):
    main(["calendar", "--year", "2027", "--now", NOW, "--lang", "en"])
    captured = capsys.readouterr()
    assert "states no cadence" in captured.err
    assert "SUMMARY:Brottsförebyggande rådet (Brå) – meeting\r\n" in captured.out


def test_calendar_public_leaves_confidential_meetings_out_or_shows_them_busy(
    english_file, tmp_path
):
    base = ["calendar", str(english_file), "--year", "2027", "--now", NOW, "-q", "--expand"]
    public, busy, internal = tmp_path / "p.ics", tmp_path / "b.ics", tmp_path / "i.ics"
    assert main([*base, "-o", str(public)]) == 0
    assert main([*base, "--confidential", "busy", "-o", str(busy)]) == 0
    assert main([*base, "--internal", "-o", str(internal)]) == 0
    window = (date(2027, 1, 1), date(2028, 1, 1))
    assert not any("SSPF" in s for _, s in _events(public.read_bytes(), *window))
    assert sum(s == "Busy" for _, s in _events(busy.read_bytes(), *window)) == 22
    assert sum("SSPF" in s for _, s in _events(internal.read_bytes(), *window)) == 22


def test_calendar_deadlines_as_events_replace_todos(english_file, capsys):
    base = ["calendar", str(english_file), "--year", "2027", "--now", NOW, "-q"]
    assert main(base) == 0
    assert "BEGIN:VTODO" in capsys.readouterr().out
    assert main([*base, "--deadlines", "event"]) == 0
    assert "BEGIN:VTODO" not in capsys.readouterr().out


def test_calendar_window_defaults_to_the_year_of_now(capsys):
    assert main(["calendar", "--now", "2031-03-01T12:00:00+01:00", "-q"]) == 0
    out = capsys.readouterr().out
    assert "DTSTAMP:20310301T110000Z\r\n" in out
    assert "DTSTART;TZID=Europe/Stockholm:2031" in out


def test_calendar_from_to_limits_the_window(tmp_path):
    target = tmp_path / "spring.ics"
    args = ["calendar", "--from", "2027-01-01", "--to", "2027-06-30", "--now", NOW, "-q"]
    assert main([*args, "-o", str(target)]) == 0
    meetings = _events(target.read_bytes(), date(2027, 1, 1), date(2028, 1, 1))
    assert [day.isoformat() for day, _ in meetings] == ["2027-02-09", "2027-05-11"]


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (["--year", "2027", "--from", "2027-01-01"], "give either --year or --from and --to"),
        (["--from", "2027-01-01"], "--from and --to go together"),
        (["--to", "2027-01-01"], "--from and --to go together"),
        (["--from", "2027-02-01", "--to", "2027-01-01"], "ends before the window starts"),
        (["--from", "1990-01-01", "--to", "2100-01-01"], "longer than 50 years"),
    ],
)
def test_calendar_refuses_a_bad_window(capsys, window, message):
    assert main(["calendar", "--now", NOW, *window]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--now", "yesterday", "'yesterday' is not a date and time"),
        ("--year", "twenty", "'twenty' is not a year"),
        ("--year", "0", "'0' is not a year"),
        ("--from", "2027-13-01", "'2027-13-01' is not a date"),
    ],
)
def test_calendar_refuses_malformed_values_as_usage_errors(capsys, option, value, message):
    with pytest.raises(SystemExit) as exit_info:
        main(["calendar", option, value])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_calendar_a_time_without_offset_is_utc(capsys):
    assert main(["calendar", "--year", "2027", "--now", "2027-01-01T08:00:00", "-q"]) == 0
    assert "DTSTAMP:20270101T080000Z\r\n" in capsys.readouterr().out


def test_calendar_unknown_forum_exits_2_and_leaves_the_previous_output_untouched(tmp_path, capsys):
    target = tmp_path / "bra.ics"
    target.write_bytes(b"an older calendar")
    args = ["calendar", "--forum", "nosuch", "--year", "2027", "--now", NOW, "-o", str(target)]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert "has no forum 'nosuch'" in captured.err
    assert "'bra'" in captured.err
    assert target.read_bytes() == b"an older calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["bra.ics"]


def test_calendar_previous_cancels_meetings_that_left_the_plan(english_file, tmp_path, capsys):
    old = tmp_path / "old.ics"
    base = ["--year", "2027", "-q"]
    assert main(["calendar", str(english_file), *base, "--now", NOW, "-o", str(old)]) == 0
    plan = actionplan.example("english")
    changed = attrs.evolve(plan, forums=[f for f in plan.forums if f.id != "civil-dialogue"])
    new_file = tmp_path / "new.toml"
    actionplan.dump(changed, new_file)
    later = "2027-02-01T08:00:00Z"
    args = ["calendar", str(new_file), *base, "--now", later, "--previous", str(old)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("STATUS:CANCELLED") == 2
    assert main(["calendar", str(new_file), *base, "--now", later]) == 0
    assert "STATUS:CANCELLED" not in capsys.readouterr().out


def test_calendar_previous_that_cannot_be_read_exits_2(tmp_path, capsys):
    missing = tmp_path / "old.ics"
    assert main(["calendar", "--year", "2027", "--now", NOW, "--previous", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {missing}: cannot read")
    garbage = tmp_path / "garbage.ics"
    garbage.write_bytes(b"not a calendar")
    assert main(["calendar", "--year", "2027", "--now", NOW, "--previous", str(garbage)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_calendar_verbose_says_what_it_read_and_made(tmp_path, capsys):
    assert (
        main(
            [
                "calendar",
                "--forum",
                "bra",
                "--year",
                "2027",
                "--now",
                NOW,
                "-v",
                "-o",
                str(tmp_path / "x.ics"),
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "read the bundled example plan: Lokal handlingsplan mot våldsbejakande extremism" in err
    assert "4 meetings and deadlines from 2027-01-01 to 2027-12-31" in err


def test_calendar_process_writes_the_same_bytes_to_stdout_and_to_a_file(tmp_path):
    target = tmp_path / "year.ics"
    to_file = _run("calendar", "--year", "2027", "--now", NOW, "-o", target)
    assert to_file.returncode == 0
    assert to_file.stdout == ""
    assert "AP302" in to_file.stderr
    to_stdout = _run_bytes("calendar", "--year", "2027", "--now", NOW)
    assert to_stdout.returncode == 0
    assert to_stdout.stdout == target.read_bytes()


# --- compliance -----------------------------------------------------------------------------


def test_compliance_reports_a_forum_that_met_too_rarely(held_csv, capsys):
    assert main(["compliance", "--held", str(held_csv), "--year", "2025", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert (
        "warning AP401 forums[0].cadence: Brottsförebyggande rådet (Brå) met 3 times in 2025" in out
    )
    assert "the plan says at least 4 (point 2)" in out
    assert out.splitlines()[-1] == "1 finding (warning: 1)"


def test_compliance_exits_1_with_fail_on_warning(held_csv, capsys):
    args = ["compliance", "--held", str(held_csv), "--year", "2025", "--fail-on", "warning"]
    assert main(args) == 1
    assert "träffades 3 gånger" in capsys.readouterr().out
    assert main([*args, "-q"]) == 1
    assert capsys.readouterr() == ("", "")


def test_compliance_reads_an_ics_of_held_meetings_with_names(tmp_path, capsys):
    held = tmp_path / "held.ics"
    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:meeting-{day}@example.org\r\nDTSTAMP:20251231T000000Z\r\n"
        f"DTSTART:{day}T120000Z\r\nDTEND:{day}T140000Z\r\nSUMMARY:Brå-möte\r\n"
        "END:VEVENT\r\n"
        for day in ("20250211", "20250513", "20250909")
    )
    held.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//example//EN\r\n"
            f"{events}END:VCALENDAR\r\n"
        ).encode()
    )
    names = tmp_path / "names.toml"
    names.write_text('"Brå-möte" = "bra"\n', encoding="utf-8")
    base = ["compliance", "--held", str(held), "--year", "2025", "--lang", "en"]
    assert main([*base, "--fail-on", "warning"]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .endswith("met 0 times in 2025; the plan says at least 4 (point 2)")
    )
    assert main([*base, "--names", str(names), "--fail-on", "warning"]) == 1
    assert "met 3 times in 2025" in capsys.readouterr().out


def test_compliance_counts_a_calendar_it_wrote_itself(tmp_path, capsys):
    calendar = tmp_path / "year.ics"
    assert main(["calendar", "--year", "2025", "--now", NOW, "-q", "-o", str(calendar)]) == 0
    assert main(["compliance", "--held", str(calendar), "--year", "2025", "--fail-on", "info"]) == 0
    assert capsys.readouterr().out == "inga fynd\n"


def test_compliance_json_and_markdown(tmp_path, held_csv, capsys):
    held = tmp_path / "held.json"
    held.write_text(json.dumps([{"date": "2025-02-11", "forum": "Brå"}]), encoding="utf-8")
    names = tmp_path / "names.json"
    names.write_text(json.dumps({"Brå": "bra"}), encoding="utf-8")
    args = ["compliance", "--held", str(held), "--names", str(names), "--year", "2025"]
    assert main([*args, "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["code"] for item in data] == ["AP401"]
    assert data[0]["message"].startswith("Brottsförebyggande rådet (Brå) met once in 2025")
    assert data[0]["citation"]["section"] == "2"
    assert (
        main(["compliance", "--held", str(held_csv), "--year", "2025", "--format", "markdown"]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith(
        "- **varning** AP401 `forums[0].cadence`: Brottsförebyggande rådet (Brå) träffades 3 gånger"
    )
    assert out.endswith("\n_1 fynd (varning: 1)_\n")


def test_compliance_from_to_counts_the_years_wholly_inside_the_window(held_csv, capsys):
    args = ["compliance", "--held", str(held_csv), "--from", "2024-07-01", "--to", "2025-12-31"]
    assert main([*args, "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "met 3 times in 2025" in lines[0]


def test_compliance_markdown_without_findings_says_so(tmp_path, capsys):
    held = tmp_path / "held.csv"
    days = ("2025-02-11", "2025-05-13", "2025-09-09", "2025-11-11")
    held.write_text("date,forum\n" + "".join(f"{day},bra\n" for day in days), encoding="utf-8")
    args = ["compliance", "--held", str(held), "--year", "2025", "--format", "markdown"]
    assert main([*args, "--fail-on", "info"]) == 0
    assert capsys.readouterr().out == "_inga fynd_\n"


def test_compliance_writes_its_findings_to_output(held_csv, tmp_path, capsys):
    target = tmp_path / "findings.json"
    args = ["compliance", "--held", str(held_csv), "--year", "2025", "--format", "json"]
    assert main([*args, "-o", str(target), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert json.loads(target.read_text(encoding="utf-8"))[0]["code"] == "AP401"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("held.csv", "date,forum\nsoon,bra\n", "held.csv: rows[0].date: 'soon' is not a date"),
        ("held.csv", b"date,forum\n2025-01-01,br\xe5\n", "held.csv: is not UTF-8 text"),
        ("held.ics", "BEGIN:VCALENDAR\r\nnonsense", "held.ics: "),
        ("held.txt", "date,forum\n", "unknown file type '.txt'; use .ics, .csv or .json"),
        ("held.json", "{}", "held.json: "),
    ],
)
def test_compliance_bad_held_files_exit_2_naming_the_file(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["compliance", "--held", str(path), "--year", "2025"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert all(line.startswith("error: ") for line in captured.err.splitlines())
    assert message in captured.err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("names.toml", '"Brå" = 1\n', "names.toml: Brå: is not a forum id"),
        ("names.toml", '"Brå" = \n', "names.toml: is not valid TOML"),
        ("names.json", "[1]", "names.json: is not a table of titles"),
        ("names.json", "{", "names.json: is not valid JSON"),
        ("names.yaml", "Brå: bra\n", "unknown file type '.yaml'; use .toml or .json"),
        ("names.toml", '"Brå" = "nosuch"\n', "has no forum 'nosuch'"),
    ],
)
def test_compliance_bad_names_files_exit_2(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    ics = tmp_path / "held.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nEND:VCALENDAR\r\n")
    assert main(["compliance", "--held", str(ics), "--names", str(path), "--year", "2025"]) == 2
    assert message in capsys.readouterr().err


def test_compliance_needs_a_window_and_a_readable_file(tmp_path, held_csv, capsys):
    assert main(["compliance", "--held", str(held_csv)]) == 2
    assert "give the window: --year YEAR" in capsys.readouterr().err
    missing = tmp_path / "missing.csv"
    assert main(["compliance", "--held", str(missing), "--year", "2025"]) == 2
    assert capsys.readouterr().err.startswith(f"error: {missing}: cannot read")


# --- publish --------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_publish_needs_the_password_variable_to_be_set(monkeypatch, capsys):
    monkeypatch.delenv("ACTIONPLAN_TEST_PASSWORD", raising=False)
    args = ["publish", "--url", "http://127.0.0.1:9/cal/", "--user", "samordnare"]
    assert main([*args, "--password-env", "ACTIONPLAN_TEST_PASSWORD"]) == 2
    message = "--password-env: the environment variable ACTIONPLAN_TEST_PASSWORD is not set"
    assert capsys.readouterr().err == f"error: {message}\n"


def test_publish_refuses_an_address_that_is_not_http(capsys):
    assert main(["publish", "--url", "ftp://example.org/cal/", "--year", "2027", "-q"]) == 2
    assert "is not an http(s) address" in capsys.readouterr().err


def test_publish_to_a_server_that_does_not_answer_exits_2_without_the_password(monkeypatch, capsys):
    monkeypatch.setenv("ACTIONPLAN_TEST_PASSWORD", "hemligt")
    url = f"http://samordnare:hemligt@127.0.0.1:{_closed_port()}/cal/"
    args = ["publish", "--url", url, "--year", "2027", "--now", NOW, "--timeout", "5"]
    assert main([*args, "--user", "samordnare", "--password-env", "ACTIONPLAN_TEST_PASSWORD"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "could not publish to http://127.0.0.1:" in captured.err
    assert "hemligt" not in captured.err


@pytest.mark.parametrize("timeout", ["0", "-1", "soon", "inf"])
def test_publish_refuses_a_timeout_that_is_not_positive(capsys, timeout):
    with pytest.raises(SystemExit) as exit_info:
        main(["publish", "--url", "http://127.0.0.1:9/", "--timeout", timeout])
    assert exit_info.value.code == 2
    assert f"'{timeout}' is not a number of seconds above 0" in capsys.readouterr().err


def _stored(collection: str) -> list[str]:
    """The addresses of the calendar resources in a collection, as the server lists them."""
    status, body = radicale_server.request(
        collection,
        "PROPFIND",
        b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:">'
        b"<D:prop><D:getetag/></D:prop></D:propfind>",
        {"Depth": "1", "Content-Type": "application/xml"},
    )
    assert status == 207
    root = ET.fromstring(body)  # noqa: S314 - our own loopback server
    hrefs = [element.text or "" for element in root.iter("{DAV:}href")]
    return sorted(urllib.parse.urljoin(collection, h) for h in hrefs if h.endswith(".ics"))


@pytest.mark.slow
def test_publish_process_stores_the_calendar_in_radicale_and_updates_on_rerun(tmp_path):
    with radicale_server.running(tmp_path) as home:
        collection = f"{home}handlingsplan/"
        args = ("publish", "--url", collection, "--year", "2027", "--now", NOW)
        first = _run(*args)
        assert first.returncode == 0, first.stderr
        lines = first.stdout.splitlines()
        assert lines[0] == f"Publicerat till {collection}"
        assert lines[1] == "  (kalendern skapades)"
        stored = _stored(collection)
        assert stored
        assert lines[2] == f"nya: {len(stored)}"
        assert "publishing" not in first.stderr
        assert "AP302" in first.stderr
        status, body = radicale_server.request(stored[0], "GET")
        assert status == 200
        assert b"BEGIN:VCALENDAR" in body
        again = _run(*args, "--format", "json", "-q")
        assert again.returncode == 0, again.stderr
        assert again.stderr == ""
        result = json.loads(again.stdout)
        assert result["created"] == []
        assert len(result["updated"]) == len(stored)
        assert result["created_collection"] is False
        assert _stored(collection) == stored


@pytest.mark.slow
def test_publish_shows_progress_on_a_terminal_and_lists_uids_when_verbose(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with radicale_server.running(tmp_path) as home:
        collection = f"{home}bra/"
        args = ["publish", "--url", collection, "--forum", "bra", "--year", "2027", "--now", NOW]
        assert main([*args, "--lang", "en", "-v"]) == 0
        first = capsys.readouterr()
        assert main([*args, "--lang", "en"]) == 0
        second = capsys.readouterr()
        assert main([*args, "--format", "json", "-q"]) == 0
        third = capsys.readouterr()
    assert f"publishing to {collection} ..." in first.err
    assert first.out == (
        f"Published to {collection}\n"
        "  (the calendar was created)\n"
        "created: 1\n"
        "  vbe-2016.forum.bra@actionplan\n"
        "updated: 0\n"
        "cancelled: 0\n"
    )
    assert second.out == f"Published to {collection}\ncreated: 0\nupdated: 1\ncancelled: 0\n"
    assert third.err == ""
    assert json.loads(third.out) == {
        "url": collection,
        "created_collection": False,
        "created": [],
        "updated": ["vbe-2016.forum.bra@actionplan"],
        "cancelled": [],
    }


# --- network --------------------------------------------------------------------------------


def test_network_text_is_the_summary(capsys):
    assert main(["network"]) == 0
    out = capsys.readouterr().out
    assert "Täthet: 0.076\n" in out
    assert "Artikulationspunkter: Brottsförebyggande rådet (Brå) [forum]" in out
    assert "Aktörer utan forum: Fritidsverksamheten, Grundskolan" in out
    for label in ("Centralisering (grad)", "Mellanhänder", "Broar", "Delar", "Grupper"):
        assert f"\n{label}: " in out
    assert "Samverkansgruppen" not in out


def test_network_text_in_english_names_brokers_and_bridges(english_file, capsys):
    assert main(["network", str(english_file), "--internal"]) == 0
    out = capsys.readouterr().out
    assert "\nBrokers: " in out
    assert "\nBridges: " in out
    assert "\nCommunities: " in out
    assert "\n  1. " in out
    summary = network.summarise(actionplan.example("english"))
    assert f"\nComponents: {summary.components}\n" in out


def test_network_graphml_reads_back_with_networkx(tmp_path, capsys):
    nx = pytest.importorskip("networkx")
    target = tmp_path / "net.graphml"
    assert main(["network", "--format", "graphml", "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    graph = nx.read_graphml(target)
    expected = network.two_mode(actionplan.example(), public=True)
    assert set(graph.nodes) == set(expected.nodes)
    assert graph.nodes["actor:polisen"]["label"] == "Polisen"
    assert "forum:samverkansgruppen" not in graph


def test_network_internal_measures_and_contacts(tmp_path):
    nx = pytest.importorskip("networkx")
    internal, measures, contacts = (tmp_path / f"{n}.gexf" for n in ("i", "m", "c"))
    assert main(["network", "--format", "gexf", "--internal", "-o", str(internal), "-q"]) == 0
    assert main(["network", "--format", "gexf", "--measures", "-o", str(measures), "-q"]) == 0
    assert (
        main(["network", "--format", "gexf", "--graph", "contacts", "-o", str(contacts), "-q"]) == 0
    )
    assert "forum:samverkansgruppen" in nx.read_gexf(internal)
    assert any(node.startswith("measure:") for node in nx.read_gexf(measures))
    assert all(node.startswith("actor:") for node in nx.read_gexf(contacts))


def test_network_json_is_node_link_data_and_dot_is_graphviz(capsys):
    nx = pytest.importorskip("networkx")
    assert main(["network", "--format", "json"]) == 0
    graph = nx.node_link_graph(json.loads(capsys.readouterr().out), edges="edges")
    assert graph.has_edge("actor:polisen", "forum:bra")
    assert main(["network", "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith('graph "vbe-2016" {\n')
    assert '"actor:polisen" -- "forum:bra"' in dot


def test_network_measures_need_the_two_mode_graph(capsys):
    assert main(["network", "--format", "dot", "--graph", "contacts", "--measures"]) == 2
    assert "--measures adds measures to the two-mode graph" in capsys.readouterr().err


def test_network_verbose_counts_nodes_and_edges(capsys):
    assert main(["network", "--format", "dot", "-v"]) == 0
    assert "nodes, " in capsys.readouterr().err


# --- coverage -------------------------------------------------------------------------------


def test_coverage_of_the_seed_names_the_civil_society_meeting_place(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Profil: Planens egna ord (plan-own-words, ")
    assert f"varning AP516 forums[2].cadence: {CIVIL_SOCIETY}" in out
    assert main(["coverage", "--fail-on", "warning", "-q"]) == 1
    assert capsys.readouterr() == ("", "")


def test_coverage_profile_list_lists_the_bundled_profiles(capsys):
    assert main(["coverage", "--profile", "list"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == [
        "crime-prevention-law-2023",
        "national-template-vbe",
        "plan-own-words",
    ]
    assert main(["coverage", "--profile", "list", "--format", "json", "--lang", "en"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[2] == {
        "id": "plan-own-words",
        "name": "The plan's own words",
        "source": "The plan itself: its ska, bör and kan commitments",
        "requirements": 10,
    }
    assert main(["coverage", "--profile", "list", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("- `crime-prevention-law-2023`: Lag om")


def test_coverage_with_several_profiles_and_a_matrix_as_json(capsys):
    args = ["coverage", "--profile", "national-template-vbe", "--profile", "plan-own-words"]
    assert main([*args, "--matrix", "actor-level", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["profiles"]] == ["national-template-vbe", "plan-own-words"]
    seed = actionplan.example()
    expected = [
        {**f.to_dict("sv"), "profile": name}
        for name in ("national-template-vbe", "plan-own-words")
        for f in coverage.check(seed, name)
    ]
    assert data["findings"] == expected
    assert data["matrices"] == {"actor-level": coverage.actor_level_matrix(seed).to_dict()}


def test_coverage_matrices_as_tables(capsys):
    args = ["coverage", "--matrix", "actor-level", "--matrix", "forum-actor", "--lang", "en"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    title = lines.index("Actor kind × prevention level")
    assert lines[title + 1].split() == ["actor", "kind", "promotive", "preventive", "interventive"]
    assert lines[title + 3].split() == ["school", "2", "3", "1"]
    forums = lines.index("Forum × actor")
    assert lines[forums + 3].startswith("Brottsförebyggande rådet (Brå)  ")
    assert lines[forums + 3].split()[-1] == "member"


def test_coverage_markdown_has_a_heading_per_profile_and_a_table_per_matrix(capsys):
    assert main(["coverage", "--matrix", "milieu-level", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Profil: Planens egna ord (plan-own-words, ")
    table = "| miljö | främjande | förebyggande | åtgärdande |\n|---|---|---|---|\n"
    assert f"\n## Miljö × preventionsnivå\n\n{table}" in out
    assert "| Våldsbejakande högerextremism | 0 | 0 | 0 |" in out


def test_coverage_today_enables_the_freshness_check(english_file, capsys):
    assert main(["coverage", str(english_file), "--format", "json"]) == 0
    assert "AP506" not in {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert main(["coverage", str(english_file), "--format", "json", "--today", "2030-01-01"]) == 0
    assert "AP506" in {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}


def test_coverage_reads_a_profile_file_of_ones_own(tmp_path, capsys):
    path = tmp_path / "own.toml"
    path.write_text(
        'id = "own"\nname = "Own"\nname_sv = "Egen"\nsource = "Us"\n'
        '[[requirements]]\nid = "police"\ntitle = "The police"\ntitle_sv = "Polisen"\n'
        'check = "actor-kind-present"\nkinds = ["housing"]\n',
        encoding="utf-8",
    )
    assert main(["coverage", "--profile", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Profile: Own (own, Us)\n")
    assert "housing" in out


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ("nosuch", "no profile 'nosuch'; use one of crime-prevention-law-2023,"),
        ("missing.toml", "missing.toml: cannot read"),
    ],
)
def test_coverage_unknown_profiles_exit_2(capsys, profile, message):
    assert main(["coverage", "--profile", profile]) == 2
    assert message in capsys.readouterr().err


def test_coverage_writes_to_output(tmp_path, capsys):
    target = tmp_path / "coverage.md"
    assert main(["coverage", "--format", "markdown", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8").startswith("## Profil: ")


# --- county ---------------------------------------------------------------------------------


@pytest.fixture
def county_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "county"
    folder.mkdir()
    actionplan.dump(actionplan.example(), folder / "vbe.toml")
    actionplan.dump(actionplan.example("english"), folder / "eastvale.json")
    return folder


def test_county_lists_each_municipality_and_the_unreadable_file(county_folder, capsys):
    (county_folder / "broken.toml").write_text("id = ", encoding="utf-8")
    assert main(["county", str(county_folder), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Profile: plan-own-words"
    assert lines[1].split()[:3] == ["municipality", "name", "plan"]
    assert [line.split()[0] for line in lines[3:6]] == ["1962", "1982", "9901"]
    assert lines[7].startswith("error AP530 broken.toml: broken.toml could not be read as a plan")
    assert main(["county", str(county_folder), "--fail-on", "never", "-q"]) == 0


def test_county_fail_on_counts_the_findings_of_each_plan(county_folder, capsys):
    assert main(["county", str(county_folder)]) == 0
    assert "AP530" not in capsys.readouterr().out
    assert main(["county", str(county_folder), "--fail-on", "warning"]) == 1


def test_county_csv_neutralises_spreadsheet_formulas(tmp_path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    names = ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)")
    plan = Plan(
        id="formler",
        title="Formler",
        municipalities=[
            Municipality(code=f"19{index:02d}", name=name) for index, name in enumerate(names)
        ],
    )
    actionplan.dump(plan, folder / "formler.toml")
    assert main(["county", str(folder), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["municipality", "name", "plan"]
    assert [row[1] for row in rows[1:]] == [f"'{name}" for name in names]
    assert [row[2] for row in rows[1:]] == ["formler"] * 4
    assert rows[1][3] == "1901,1902,1903"
    assert rows[1][4:7] == ["0", "0", "0"]


def test_county_csv_reports_unreadable_files_on_stderr(county_folder, capsys):
    (county_folder / "broken.json").write_text("[]", encoding="utf-8")
    assert main(["county", str(county_folder), "--format", "csv", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("municipality,name,plan,")
    assert "AP530" not in captured.out
    assert captured.err.startswith("error AP530 broken.json: broken.json could not be read")


def test_county_json_and_markdown(county_folder, capsys):
    (county_folder / "broken.toml").write_text("id = ", encoding="utf-8")
    assert main(["county", str(county_folder), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    plans = [actionplan.example(), actionplan.example("english")]
    assert {k: v for k, v in data.items() if k != "findings"} == coverage.county(plans).to_dict()
    assert [f["code"] for f in data["findings"]] == ["AP530"]
    assert main(["county", str(county_folder), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "Profil: `plan-own-words`\n\n| municipality | name | plan | shared\\_with |"
    )
    assert "| 9901 | Eastvale | eastvale-2027 |  | 13 | 5 | 13 | 0 | 1 | 0 | 0.80 |" in out
    assert "- **fel** AP530 `broken.toml`: " in out


def test_county_gives_a_plan_without_municipalities_a_row_without_code(tmp_path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    actionplan.dump(Plan(id="utan", title="Utan kommun", language="en"), folder / "utan.toml")
    assert main(["county", str(folder), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Profile: `plan-own-words`\n")
    assert "|  |  | utan |  | 0 | 0 | 0 | 0 | 0 | 0 |  |" in out
    assert "AP530" not in out


def test_county_shows_progress_only_on_a_terminal(county_folder, monkeypatch, capsys):
    assert main(["county", str(county_folder)]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["county", str(county_folder), "--profile", "national-template-vbe"]) == 0
    err = capsys.readouterr().err
    assert f"reading the plans in {county_folder} ..." in err
    assert "checking 2 plans against national-template-vbe ..." in err
    assert main(["county", str(county_folder), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_county_of_a_missing_folder_exits_2(tmp_path, capsys):
    folder = tmp_path / "nowhere"
    assert main(["county", str(folder)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {folder}: cannot list")


# --- plot -----------------------------------------------------------------------------------


def test_plot_wheel_writes_an_svg(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    target = tmp_path / "wheel.svg"
    assert main(["plot", "--kind", "wheel", "--year", "2027", "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    svg = target.read_bytes()
    assert svg.startswith(b"<?xml")
    assert b"<svg" in svg
    assert b'id="meeting:forum/bra:2027-02-09"' in svg


@pytest.mark.parametrize(("kind", "marker"), [("network", b"actor:polisen"), ("coverage", b"gap:")])
def test_plot_network_and_coverage(tmp_path, kind, marker):
    pytest.importorskip("matplotlib")
    target = tmp_path / f"{kind}.svg"
    assert main(["plot", "--kind", kind, "-o", str(target), "-q"]) == 0
    assert marker in target.read_bytes()


def test_plot_png_by_suffix_or_by_format(tmp_path):
    pytest.importorskip("matplotlib")
    png, forced = tmp_path / "net.png", tmp_path / "net.picture"
    assert main(["plot", "--kind", "network", "-o", str(png), "-q", "--lang", "en"]) == 0
    assert main(["plot", "--kind", "network", "-o", str(forced), "--format", "png", "-q"]) == 0
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert forced.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_plot_refuses_an_output_that_is_no_picture(tmp_path, capsys):
    target = tmp_path / "net.txt"
    assert main(["plot", "--kind", "network", "-o", str(target)]) == 2
    assert "name a picture .svg or .png, or give --format" in capsys.readouterr().err
    assert not target.exists()


def test_plot_without_matplotlib_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.delattr(actionplan, "plot", raising=False)
    monkeypatch.setitem(sys.modules, "actionplan.plot", None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert main(["plot", "--kind", "network", "-o", str(tmp_path / "n.svg")]) == 2
    assert capsys.readouterr().err == (
        "error: the plot command needs matplotlib: pip install 'actionplan[plot]'\n"
    )


# --- report ---------------------------------------------------------------------------------


def test_report_writes_html_with_the_plan_title(tmp_path, capsys):
    target = tmp_path / "report.html"
    assert main(["report", "--year", "2027", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", f"wrote {target}\n")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Lokal handlingsplan mot våldsbejakande extremism" in page
    assert "tis 2027-02-09" in page


def test_report_markdown_by_suffix_or_format(tmp_path, capsys):
    target = tmp_path / "report.md"
    assert main(["report", "--year", "2027", "-o", str(target), "-q"]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Lokal handlingsplan mot våldsbejakande extremism\n")
    assert main(["report", "--year", "2027", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == text


def test_report_since_an_earlier_version_says_what_changed(english_file, tmp_path, capsys):
    plan = actionplan.example("english")
    changed = attrs.evolve(plan, forums=[f for f in plan.forums if f.id != "civil-dialogue"])
    new_file = tmp_path / "new.toml"
    actionplan.dump(changed, new_file)
    args = [
        "report",
        str(new_file),
        "--year",
        "2027",
        "--format",
        "markdown",
        "--today",
        "2027-03-01",
    ]
    assert main(args) == 0
    without = capsys.readouterr().out
    assert main([*args, "--since", str(english_file)]) == 0
    with_changes = capsys.readouterr().out
    assert "Civil" not in without.split("## ")[-1]
    assert len(with_changes) > len(without)
    assert "2027-03-01" in with_changes


def test_report_of_an_internal_plan_needs_internal(tmp_path, capsys):
    path = tmp_path / "internal.toml"
    internal = attrs.evolve(actionplan.example(), classification=Classification.INTERNAL)
    actionplan.dump(internal, path)
    assert main(["report", str(path), "--year", "2027"]) == 2
    assert capsys.readouterr().err == (
        "error: the plan is classified internal; make an internal report with --internal\n"
    )
    assert main(["report", str(path), "--year", "2027", "--internal", "--format", "markdown"]) == 0
    assert "Samverkansgruppen" in capsys.readouterr().out


# --- extract --------------------------------------------------------------------------------

TINY_TEXT = """Trygghetsplan för Exempelby

1. Samverkan

Brå bör träffas minst fyra gånger per år. Polisen ska delta i trygghetsvandringar.
"""


@pytest.fixture
def tiny_text(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(TINY_TEXT, encoding="utf-8")
    return path


def test_extract_writes_a_loadable_draft_and_prints_the_review_findings(
    tiny_text, tmp_path, capsys
):
    target = tmp_path / "draft.toml"
    assert main(["extract", str(tiny_text), "-o", str(target), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"wrote {target}\n"
    assert "AP604 municipalities: the text names none of the plan's municipalities" in captured.out
    assert captured.out.splitlines()[-1] == "2 findings (warning: 1, info: 1)"
    draft = actionplan.load(target)
    assert draft.forum("bra").cadence.count == 4
    assert [m.responsible for m in draft.measures] == [("polisen",)]


def test_extract_exit_status_follows_fail_on_and_json_lists_the_findings(
    tiny_text, tmp_path, capsys
):
    target = tmp_path / "draft.toml"
    args = ["extract", str(tiny_text), "-o", str(target), "--format", "json"]
    assert main([*args, "--fail-on", "warning"]) == 1
    codes = [finding["code"] for finding in json.loads(capsys.readouterr().out)]
    assert sorted(codes) == ["AP603", "AP604"]
    assert main([*args, "-q"]) == 0
    assert capsys.readouterr() == ("", "")


def test_extract_to_json_writes_the_review_beside_the_draft(tiny_text, tmp_path):
    target = tmp_path / "draft.json"
    assert main(["extract", str(tiny_text), "-o", str(target), "-q"]) == 0
    assert actionplan.load(target).forums
    assert (tmp_path / "draft.review.md").read_text(encoding="utf-8").startswith("# ")


def test_extract_refuses_an_unknown_text_type_and_leaves_no_draft(tmp_path, capsys):
    source = tmp_path / "plan.pdf"
    source.write_bytes(b"%PDF-1.4")
    target = tmp_path / "draft.toml"
    assert main(["extract", str(source), "-o", str(target)]) == 2
    assert "use .txt, .md or .docx" in capsys.readouterr().err
    assert not target.exists()


# --- real processes: every command, its good and its bad path -------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("init", "{tmp}/plan.toml"), "wrote"),
        (("calendar", "--year", "2027", "--now", NOW), "BEGIN:VCALENDAR"),
        (("compliance", "--held", "{held}", "--year", "2025"), "AP401"),
        (("network",), "Täthet"),
        (("coverage",), CIVIL_SOCIETY),
        (("county", "{tmp}/county", "--format", "csv"), "municipality,name,plan"),
        (("report", "--year", "2027", "--format", "markdown"), "# Lokal handlingsplan"),
        (("plot", "--kind", "network", "-o", "{tmp}/network.svg"), "wrote"),
        (("extract", "{tmp}/plan.txt", "-o", "{tmp}/draft.toml"), "AP604"),
    ],
)
def test_each_command_runs_as_a_process(tmp_path, held_csv, args, expected):
    if args[0] == "plot":
        pytest.importorskip("matplotlib")
    (tmp_path / "plan.txt").write_text(TINY_TEXT, encoding="utf-8")
    county = tmp_path / "county"
    county.mkdir()
    actionplan.dump(actionplan.example(), county / "vbe.toml")
    real = [a.format(tmp=tmp_path, held=held_csv) for a in args]
    result = _run(*real)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("init", "{tmp}/exists.toml"), "already exists"),
        (("calendar", "--forum", "nosuch"), "has no forum 'nosuch'"),
        (("publish", "--url", "ftp://example.org/"), "is not an http(s) address"),
        (("compliance", "--held", "{tmp}/missing.csv", "--year", "2025"), "cannot read"),
        (("network", "{tmp}/missing.toml"), "cannot read"),
        (("coverage", "--profile", "nosuch"), "no profile 'nosuch'"),
        (("county", "{tmp}/missing"), "cannot list"),
        (("plot", "--kind", "wheel", "-o", "{tmp}/wheel.txt"), "name a picture"),
        (("report", "{tmp}/missing.toml"), "cannot read"),
        (("extract", "{tmp}/missing.txt", "-o", "{tmp}/draft.toml"), "missing.txt"),
    ],
)
def test_each_command_reports_bad_input_as_a_process_with_exit_2(tmp_path, args, message):
    (tmp_path / "exists.toml").write_text("", encoding="utf-8")
    result = _run(*(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr


def test_fail_on_gives_exit_1_in_a_real_process(held_csv):
    result = _run("compliance", "--held", held_csv, "--year", "2025", "--fail-on", "warning")
    assert result.returncode == 1
    assert "AP401" in result.stdout


def test_help_lists_every_command():
    result = _run("--help")
    assert result.returncode == 0
    for command in (
        "validate",
        "show",
        "convert",
        "schema",
        "init",
        "calendar",
        "publish",
        "compliance",
        "network",
        "coverage",
        "county",
        "plot",
        "report",
        "extract",
    ):
        assert f"    {command}" in result.stdout


def test_help_does_not_load_the_heavy_modules():
    code = (
        "import sys\n"
        "from actionplan.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('icalendar', 'networkx', 'matplotlib', 'holidays')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_now_defaults_to_the_current_time_in_seconds(capsys):
    before = datetime.now(UTC).replace(microsecond=0)
    assert main(["calendar", "--forum", "bra", "-q"]) == 0
    after = datetime.now(UTC)
    stamp = next(
        line for line in capsys.readouterr().out.splitlines() if line.startswith("DTSTAMP:")
    )
    made = datetime.fromisoformat(stamp.removeprefix("DTSTAMP:"))
    assert before <= made <= after


class _ClosedPipe(io.StringIO):
    """A stdout whose reader has gone away, as after `actionplan show | head -1`."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fd


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path, monkeypatch, capsys):
    """A closed pipe on stdout ends the command with status 0 and no traceback."""
    with (tmp_path / "stdout").open("w") as target:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(target.fileno()))
        assert main(["show"]) == 0
    assert capsys.readouterr().err == ""


def test_extract_takes_an_extra_lexicon(tmp_path, capsys):
    """A user's lexicon teaches the reader an actor the bundled one does not know."""
    text = tmp_path / "plan.txt"
    text.write_text(
        "Trygghetsplan för Exempelby\n\n1. Samverkan\n\nVaktbolaget ska delta i Brå.\n",
        encoding="utf-8",
    )
    lexicon = tmp_path / "lexikon.toml"
    lexicon.write_text(
        'format_version = 1\n\n[[actor]]\nid = "vaktbolaget"\nname = "Vaktbolaget"\n'
        'kind = "housing"\nforms = ["vaktbolaget", "vaktbolag"]\n',
        encoding="utf-8",
    )
    plain, taught = tmp_path / "plain.toml", tmp_path / "taught.toml"
    main(["extract", str(text), "-o", str(plain), "-q"])
    main(["extract", str(text), "-o", str(taught), "-q", "--lexicon", str(lexicon)])
    capsys.readouterr()
    kinds = {a.name: a.kind.value for a in actionplan.load(taught).actors}
    assert kinds["Vaktbolaget"] == "housing"
    assert "housing" not in {a.kind.value for a in actionplan.load(plain).actors}


def test_calendar_of_an_internal_plan_asks_for_internal(tmp_path, capsys):
    """A public calendar of an internal plan is refused with the option that makes one."""
    path = tmp_path / "internal.toml"
    actionplan.dump(
        attrs.evolve(actionplan.example(), classification=actionplan.Classification.INTERNAL),
        path,
    )
    assert main(["calendar", str(path), "--year", "2027", "--now", "2026-11-01T00:00:00"]) == 2
    assert "make an internal calendar with --internal" in capsys.readouterr().err
    args = ["calendar", str(path), "--year", "2027", "--now", "2026-11-01T00:00:00", "--internal"]
    assert main([*args, "-o", str(tmp_path / "cal.ics")]) == 0
