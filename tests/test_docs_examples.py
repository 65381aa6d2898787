"""The documentation's shell sessions and programs, run as a reader would run them.

Every ``$ actionplan ...`` line of a page's ``console`` blocks is run through
``python -m actionplan`` in a fresh folder, and every output line the page shows under
it must be a line of the real output (``...`` stands for lines left out). ``$ echo $?``
shows the exit status of the command before it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import attrs
import pytest

import actionplan
from actionplan.ical import to_ical
from actionplan.schedule import schedule

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TEXTS = Path(__file__).resolve().parent / "texts"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def blocks(text: str, language: str) -> list[str]:
    """Return the bodies of the page's fenced blocks in *language*, in page order."""
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def sessions(block: str) -> Iterator[tuple[str, list[str]]]:
    """Yield each ``$ command`` of a console block with the output lines shown under it."""
    command: str | None = None
    shown: list[str] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, shown
            command, shown = line[2:], []
        elif line != "...":
            shown.append(line)
    if command is not None:
        yield command, shown


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actionplan", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def replay(block: str, cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands of a console block and check the output the page shows."""
    results: list[subprocess.CompletedProcess[str]] = []
    for command, shown in sessions(block):
        if command == "echo $?":
            assert shown == [str(results[-1].returncode)], f"exit status after {results[-1].args}"
            continue
        argv = shlex.split(command)
        assert argv[0] == "actionplan", command
        result = run(*argv[1:], cwd=cwd)
        lines = (result.stdout + result.stderr).splitlines()
        for line in shown:
            assert line in lines, f"{command!r} did not print {line!r}"
        results.append(result)
    return results


def test_tutorial_takes_a_text_to_a_checked_plan_a_calendar_and_a_report(tmp_path):
    """The tutorial's commands, with its two fixes, print what the page shows."""
    text = page("tutorials/first-plan.md")
    console = blocks(text, "console")
    shutil.copy(TEXTS / "handlingsplan-vbe-2016.txt", tmp_path / "plan.txt")

    [extracted] = replay(console[0], tmp_path)
    assert extracted.returncode == 0
    draft = (tmp_path / "draft.toml").read_text(encoding="utf-8")
    [review] = blocks(text, "text")
    assert draft.startswith(review)

    municipalities, responsible = blocks(text, "toml")
    title = 'title = "Lokal handlingsplan mot våldsbejakande extremism"\n'
    measure = 'id = "fortsatta-arbete-brottsforebyggande"\n'
    assert title in draft
    assert measure in draft
    draft = draft.replace(title, title + municipalities, 1).replace(measure, measure + responsible)
    (tmp_path / "draft.toml").write_text(draft, encoding="utf-8")

    for block in console[1:]:
        assert all(result.returncode == 0 for result in replay(block, tmp_path))
    plan = actionplan.load(tmp_path / "draft.toml")
    assert plan.municipality_codes == ("1982", "1962")
    assert b"RRULE:FREQ=MONTHLY;UNTIL=20271109" in (tmp_path / "bra.ics").read_bytes()
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_encoding_by_hand_gives_a_plan_that_validates_clean(tmp_path):
    """The how-to's parts make a plan with no findings; each step's output is as shown."""
    text = page("how-to/encode-your-plan.md")
    console = blocks(text, "console")
    header, sections, actors, forum, _cadences, measure = blocks(text, "toml")
    replay(console[0], tmp_path)
    assert "[[sections]]" in (tmp_path / "plan.toml").read_text(encoding="utf-8")

    whole = f"{header}\n{sections}\n{actors}\n{forum}\n{measure}"
    responsible = 'responsible = ["socialtjansten"]\n'
    assert responsible in whole
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(whole.replace(responsible, ""), encoding="utf-8")
    [forgot] = replay(console[1], tmp_path)
    assert forgot.returncode == 0

    plan_file.write_text(whole, encoding="utf-8")
    [clean] = replay(console[2], tmp_path)
    assert clean.returncode == 0

    broken = whole.replace(responsible, 'responsible = ["socialtjanst"]\n')
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    [failed] = replay(console[3], tmp_path)
    assert failed.returncode == 2

    replay(console[4], tmp_path)
    schema = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    assert schema == actionplan.json_schema()


def test_every_cadence_kind_the_how_to_shows_loads_as_that_kind():
    """Each cadence line of the how-to, put in the forum, loads as the kind it names."""
    text = page("how-to/encode-your-plan.md")
    header, sections, actors, forum, cadences, measure = blocks(text, "toml")
    [own] = [line for line in forum.splitlines() if line.startswith("cadence = ")]
    lines = [line for line in cadences.splitlines() if line.startswith("cadence = ")]
    kinds = []
    for line in lines:
        whole = f"{header}\n{sections}\n{actors}\n{forum.replace(own, line)}\n{measure}"
        plan = actionplan.loads(whole, format="toml")
        kinds.append(type(plan.forum("bra").cadence).__name__)
    assert kinds == [
        "PerPeriod",
        "Rule",
        "Dates",
        "EveryNth",
        "MaxInterval",
        "Seasonal",
        "MonthDeadline",
        "ElectoralCycle",
        "AsNeeded",
        "NotStated",
    ]


def outlook_export(*meetings: tuple[str, str]) -> str:
    """Return a calendar as Outlook saves it, with one event per ``(day, title)``."""
    events = [
        "\r\n".join(
            [
                "BEGIN:VEVENT",
                f"UID:040000008200E00074C5B7101A82E0080000000{number}",
                f"SUMMARY:{title}",
                f"DTSTART;TZID=W. Europe Standard Time:{day}T130000",
                f"DTEND;TZID=W. Europe Standard Time:{day}T150000",
                "DTSTAMP:20251215T090000Z",
                "END:VEVENT",
            ]
        )
        for number, (day, title) in enumerate(meetings)
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        *events,
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines)


def test_compliance_how_to_counts_the_exported_meetings_once_titles_are_mapped(tmp_path):
    """Unmapped titles count nothing; with the page's names.toml three Brå meetings count."""
    text = page("how-to/compliance.md")
    console = blocks(text, "console")
    [table] = blocks(text, "csv")
    [names] = blocks(text, "toml")
    actionplan.dump(actionplan.example(), tmp_path / "plan.toml")
    held = outlook_export(
        ("20250211", "Brå-möte"),
        ("20250513", "Brå-möte"),
        ("20250909", "Brå-möte"),
        ("20251014", "Lunch med polisen"),
    )
    (tmp_path / "held-2025.ics").write_text(held, encoding="utf-8", newline="")
    (tmp_path / "names.toml").write_text(names, encoding="utf-8")

    [unmapped] = replay(console[0], tmp_path)
    [mapped] = replay(console[1], tmp_path)
    assert (unmapped.returncode, mapped.returncode) == (0, 0)
    replay(console[2], tmp_path)

    (tmp_path / "held-2025.csv").write_text(table, encoding="utf-8")
    from_table = run(
        "compliance", "plan.toml", "--held", "held-2025.csv", "--year", "2025", "--lang", "en",
        cwd=tmp_path,
    )  # fmt: skip
    assert "met 3 times in 2025" in from_table.stdout


def test_county_how_to_tables_a_folder_and_reports_the_unreadable_file(tmp_path):
    """The folder the page lists gives the table it shows, in text, Markdown and CSV."""
    console = blocks(page("how-to/county.md"), "console")
    plans = tmp_path / "plans"
    plans.mkdir()
    joint = actionplan.example()
    neighbour = attrs.evolve(
        joint,
        id="skinnskatteberg-2027",
        municipalities=[actionplan.Municipality(code="1904", name="Skinnskatteberg")],
        invitations=[],
    )
    actionplan.dump(joint, plans / "fagersta-norberg.toml")
    actionplan.dump(neighbour, plans / "skinnskatteberg.toml")
    actionplan.dump(actionplan.example("english"), plans / "eastvale.toml")
    (plans / "trasig.toml").write_text('format_version = 1\nid = "broken"\ntitle = \n')

    [table] = replay(console[0], tmp_path)
    assert table.returncode == 1
    results = replay(console[1], tmp_path)
    assert [result.returncode for result in results] == [1, 1]
    markdown = (tmp_path / "county.md").read_text(encoding="utf-8")
    assert "| 1904 | Skinnskatteberg | skinnskatteberg-2027 |" in markdown
    rows = (tmp_path / "county.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("municipality,name,plan,shared_with,")
    assert rows[2].startswith("1962,Norberg,vbe-2016,1982,")
    assert "trasig.toml" in results[1].stderr


def load_web_app():
    """Import ``examples/web_app.py`` as a module, as ``python examples/web_app.py`` would."""
    path = ROOT / "examples" / "web_app.py"
    spec = importlib.util.spec_from_file_location("web_app", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        """Keep the test's output free of access log lines."""


@pytest.fixture
def web_app_url():
    """Serve the example web application on a free loopback port while a test runs."""
    now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    app = load_web_app().make_app(clock=lambda: now)
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def fetch(url, *, data=None):
    """Return ``(status, headers, body)`` of a request, also for 4xx answers."""
    method = "POST" if data is not None else "GET"
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def test_web_app_answers_a_valid_plan_with_its_findings(web_app_url):
    body = actionplan.dumps(actionplan.example(), format="json").encode()
    status, headers, data = fetch(f"{web_app_url}/validate", data=body)
    assert status == 200
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    findings = json.loads(data)["findings"]
    expected = [f.to_dict("en") for f in actionplan.validate(actionplan.example())]
    assert findings == expected
    assert findings[0]["code"] == "AP201"


def test_web_app_answers_swedish_findings_when_asked(web_app_url):
    body = actionplan.dumps(actionplan.example(), format="json").encode()
    status, _, data = fetch(f"{web_app_url}/validate?lang=sv", data=body)
    assert status == 200
    assert json.loads(data)["findings"][0]["severity"] == "warning"
    assert "saknar medlemmar" in json.loads(data)["findings"][0]["message"]


def test_web_app_answers_an_invalid_plan_with_400_and_every_problem(web_app_url):
    plan = {
        "format_version": 1,
        "id": "demo",
        "title": "Demo",
        "measures": [{"id": "walks", "description": "Walks", "modality": "maybe"}],
        "forums": [{"id": "bra", "name": "Brå", "members": [{"actor": "polis"}]}],
    }
    status, _, data = fetch(f"{web_app_url}/validate", data=json.dumps(plan).encode())
    assert status == 400
    problems = json.loads(data)["problems"]
    assert {"path": "measures[0].modality", "message": "unknown value 'maybe'"} in [
        {"path": p["path"], "message": p["message"]} for p in problems
    ]
    assert all(set(problem) == {"path", "message", "hint"} for problem in problems)


def test_web_app_answers_a_body_that_is_no_json_with_400(web_app_url):
    status, _, data = fetch(f"{web_app_url}/validate", data=b"format_version = 1")
    assert status == 400
    [problem] = json.loads(data)["problems"]
    assert problem["path"] == ""


def test_web_app_serves_the_year_calendar_of_the_bundled_plan(web_app_url):
    status, headers, data = fetch(f"{web_app_url}/calendar.ics?year=2027")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    plan = actionplan.example()
    year = schedule(plan, date(2027, 1, 1), date(2027, 12, 31))
    now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert data == to_ical(plan, year, now=now, deadlines="event")


@pytest.mark.parametrize("query", ["", "?year=soon", "?year=1999", "?year=2027&year=2028"])
def test_web_app_refuses_a_calendar_without_one_sensible_year(web_app_url, query):
    status, _, data = fetch(f"{web_app_url}/calendar.ics{query}")
    assert status == 400
    assert data == b"give one year from 2000 to 2100, as ?year=2027\n"


def test_web_app_answers_wrong_methods_and_unknown_paths(web_app_url):
    assert fetch(f"{web_app_url}/validate")[0] == 405
    assert fetch(f"{web_app_url}/calendar.ics?year=2027", data=b"")[0] == 405
    assert fetch(f"{web_app_url}/plans")[0] == 404


def test_web_app_page_shows_the_example_code_as_it_is():
    """Every Python block of the page is a verbatim part of ``examples/web_app.py``."""
    source = (ROOT / "examples" / "web_app.py").read_text(encoding="utf-8")
    shown = blocks(page("how-to/web-application.md"), "python")
    assert shown
    for block in shown:
        assert block in source
