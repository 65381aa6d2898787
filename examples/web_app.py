"""A small web application around actionplan, with the standard library only.

Two routes:

- ``POST /validate`` takes a plan as JSON and answers with its findings as JSON, or with
  status 400 and the list of problems when the body is no valid plan.
- ``GET /calendar.ics?year=2027`` answers with the bundled plan's meetings and deadlines
  of that year as an iCalendar file.

Run it and try it from another terminal:

    python examples/web_app.py --port 8000
    actionplan convert --to json -o plan.json
    curl --data-binary @plan.json http://127.0.0.1:8000/validate
    curl -o plan-2027.ics "http://127.0.0.1:8000/calendar.ics?year=2027"
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from http import HTTPStatus
from typing import Literal
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import actionplan
from actionplan.ical import to_ical
from actionplan.schedule import schedule

MAX_BODY = 1024 * 1024
"""The largest request body read, in bytes; a larger one is refused with status 413."""

YEARS = range(2000, 2101)
"""The years a calendar may be asked for."""

JSON = "application/json; charset=utf-8"


def _now() -> datetime:
    """Return the current time in UTC to the second, the DTSTAMP of a calendar."""
    return datetime.now(UTC).replace(microsecond=0)


def make_app(
    plan: actionplan.Plan | None = None, *, clock: Callable[[], datetime] = _now
) -> WSGIApplication:
    """Return the WSGI application; *plan* is the calendar's plan, the bundled one by default.

    *clock* gives the time written as the calendar's DTSTAMP, so a test can fix it.
    """
    calendar_plan = actionplan.example() if plan is None else plan

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        route = environ.get("PATH_INFO", "")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if route == "/validate":
            if method != "POST":
                return _answer(start_response, HTTPStatus.METHOD_NOT_ALLOWED, allow="POST")
            return _validate(environ, start_response, query.get("lang", [None])[0])
        if route == "/calendar.ics":
            if method != "GET":
                return _answer(start_response, HTTPStatus.METHOD_NOT_ALLOWED, allow="GET")
            return _calendar(start_response, calendar_plan, query.get("year", []), clock())
        return _answer(start_response, HTTPStatus.NOT_FOUND)

    return app


def _validate(
    environ: WSGIEnvironment, start_response: StartResponse, lang: str | None
) -> list[bytes]:
    """Answer a plan in the body with its findings, or with the problems that stop it loading."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0:
        return _answer(start_response, HTTPStatus.BAD_REQUEST)
    if length > MAX_BODY:
        return _answer(start_response, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    body = environ["wsgi.input"].read(length)
    try:
        plan = actionplan.loads(body, format="json", source="request body")
    except actionplan.InvalidPlanError as error:
        problems = [{"path": p.path, "message": p.message, "hint": p.hint} for p in error.problems]
        return _json(start_response, HTTPStatus.BAD_REQUEST, {"problems": problems})
    language: Literal["en", "sv"] = "sv" if lang == "sv" else "en"
    findings = [finding.to_dict(language) for finding in actionplan.validate(plan)]
    return _json(start_response, HTTPStatus.OK, {"findings": findings})


def _calendar(
    start_response: StartResponse, plan: actionplan.Plan, years: list[str], now: datetime
) -> list[bytes]:
    """Answer the plan's meetings and deadlines of one year as an iCalendar file."""
    year = int(years[0]) if len(years) == 1 and years[0].isdecimal() else 0
    if year not in YEARS:
        text = f"give one year from {YEARS[0]} to {YEARS[-1]}, as ?year=2027\n"
        return _answer(start_response, HTTPStatus.BAD_REQUEST, text=text)
    dated = schedule(plan, date(year, 1, 1), date(year, 12, 31))
    data = to_ical(plan, dated, now=now, deadlines="event")
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Content-Disposition", f'attachment; filename="plan-{year}.ics"'),
        ],
    )
    return [data]


def _json(start_response: StartResponse, status: HTTPStatus, value: object) -> list[bytes]:
    """Answer *value* as UTF-8 JSON with *status*."""
    data = json.dumps(value, ensure_ascii=False, indent=2).encode()
    headers = [("Content-Type", JSON), ("Content-Length", str(len(data)))]
    start_response(f"{status.value} {status.phrase}", headers)
    return [data]


def _answer(
    start_response: StartResponse,
    status: HTTPStatus,
    *,
    text: str | None = None,
    allow: str | None = None,
) -> list[bytes]:
    """Answer *status* with a line of plain text, by default the status's own phrase."""
    data = (text or f"{status.phrase}\n").encode()
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    if allow:
        headers.append(("Allow", allow))
    start_response(f"{status.value} {status.phrase}", headers)
    return [data]


app = make_app()
"""The application for the bundled plan, for any WSGI server: ``web_app:app``."""


def main(argv: list[str] | None = None) -> None:
    """Serve the application on the loopback interface until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    args = parser.parse_args(argv)
    with make_server("127.0.0.1", args.port, app) as server:
        print(f"serving on http://127.0.0.1:{args.port}/")
        server.serve_forever()


if __name__ == "__main__":
    main()
