"""Publishing calendars to CalDAV: a real Radicale server, and a loopback stub for failures."""

from __future__ import annotations

import base64
import http.server
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from icalendar import Calendar

import calendar_fixtures as fx
import radicale_server
from actionplan.errors import ActionPlanError, InvalidPlanError, InvalidValueError
from actionplan.ical import publish, split, to_ical
from actionplan.schedule import OccurrenceKind, Schedule

CALDAV = "urn:ietf:params:xml:ns:caldav"
DAV = "DAV:"


@pytest.fixture
def radicale(tmp_path):
    """A fresh Radicale for each test: it keeps the first VTIMEZONE it sees per process."""
    with radicale_server.running(tmp_path) as url:
        yield url


# --- talking to the server as a client would -----------------------------------------------


def _resources(collection: str) -> list[str]:
    status, body = radicale_server.request(
        collection,
        "PROPFIND",
        b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:">'
        b"<D:prop><D:getetag/></D:prop></D:propfind>",
        {"Depth": "1", "Content-Type": "application/xml"},
    )
    assert status == 207
    root = ET.fromstring(body)  # noqa: S314 - our own loopback server
    hrefs = [e.text or "" for e in root.iter(f"{{{DAV}}}href")]
    return sorted(h for h in hrefs if h.endswith(".ics"))


def _query(collection: str, component: str, *, expand: bool) -> list[Calendar]:
    """A calendar-query for 2027 with a time range; with *expand* the server expands rules."""
    window = 'start="20270101T000000Z" end="20280101T000000Z"'
    data = f"<C:expand {window}/>" if expand else ""
    body = (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<C:calendar-query xmlns:D="DAV:" xmlns:C="{CALDAV}">'
        f"<D:prop><C:calendar-data>{data}</C:calendar-data></D:prop>"
        '<C:filter><C:comp-filter name="VCALENDAR">'
        f'<C:comp-filter name="{component}"><C:time-range {window}/></C:comp-filter>'
        "</C:comp-filter></C:filter></C:calendar-query>"
    ).encode()
    status, answer = radicale_server.request(
        collection, "REPORT", body, {"Depth": "1", "Content-Type": "application/xml"}
    )
    assert status == 207, answer
    root = ET.fromstring(answer)  # noqa: S314 - our own loopback server
    return [Calendar.from_ical(e.text or "") for e in root.iter(f"{{{CALDAV}}}calendar-data")]


def _instances(collection: str, schedule: Schedule) -> list[tuple[str, object, object, str]]:
    """Every meeting the server expands in 2027: (series, start, end, status)."""
    found = []
    for cal in _query(collection, "VEVENT", expand=True):
        for event in cal.walk("VEVENT"):
            uid = str(event["UID"])
            key = next(
                s.key
                for s in schedule.series
                if uid.startswith("vbe-2016." + s.key.replace("/", "."))
            )
            status = str(event.get("STATUS", ""))
            found.append((key, event.decoded("DTSTART"), event.decoded("DTEND"), status))
    return found


def _meetings(schedule: Schedule, *, hidden=("forum/samverkansgrupp",)):
    return {
        (s.key, o.start, o.end)
        for s in schedule.series
        if s.key not in hidden
        for o in s.occurrences
        if o.kind is OccurrenceKind.MEETING
    }


# --- the real server -----------------------------------------------------------------------


@pytest.mark.slow
def test_published_calendar_answers_a_time_range_query_with_the_same_meetings(radicale):
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW)
    collection = f"{radicale}vbe-2016/"
    result = publish(data, collection)
    assert result.created_collection
    assert result.url == collection
    assert result.created == tuple(split(data))
    assert result.updated == ()
    found = _instances(collection, schedule)
    assert len(found) == len(set(found))
    assert {f[:3] for f in found} == _meetings(schedule)
    todos = [t for cal in _query(collection, "VTODO", expand=False) for t in cal.walk("VTODO")]
    assert sorted(t.decoded("DUE") for t in todos) == [
        date(2027, 6, 15),
        date(2027, 11, 30),
        date(2027, 12, 15),
    ]


@pytest.mark.slow
def test_publishing_twice_duplicates_nothing(radicale):
    schedule = fx.schedule()
    data = to_ical(fx.plan(), schedule, now=fx.NOW, expand=True)
    collection = f"{radicale}vbe-2016/"
    publish(data, collection)
    before = _resources(collection)
    again = publish(data, collection)
    assert not again.created_collection
    assert again.created == ()
    assert again.updated == tuple(split(data))
    assert _resources(collection) == before
    assert len(before) == len(split(data))
    assert {f[:3] for f in _instances(collection, schedule)} == _meetings(schedule)


@pytest.mark.slow
def test_publishing_a_revision_updates_and_cancels_a_removed_series(radicale):
    plan, collection = fx.plan(), f"{radicale}vbe-2016/"
    first = to_ical(plan, fx.schedule(), now=fx.NOW)
    publish(first, collection)
    changed = fx.without(fx.schedule(bra=fx.bra_series(location="Polishuset")), "forum/dialog")
    second = to_ical(plan, changed, now=fx.NOW + timedelta(days=7), previous=first)
    result = publish(second, collection)
    assert result.cancelled == (
        "vbe-2016.forum.dialog.20270317@actionplan",
        "vbe-2016.forum.dialog.20271013@actionplan",
    )
    assert result.created == ()
    assert len(_resources(collection)) == len(split(first))
    found = _instances(collection, fx.schedule())
    live = {f[:3] for f in found if f[3] != "CANCELLED"}
    assert live == _meetings(changed)
    assert {f[3] for f in found if f[0] == "forum/dialog"} == {"CANCELLED"}
    status, body = radicale_server.request(f"{collection}vbe-2016.forum.bra@actionplan.ics", "GET")
    assert status == 200
    bra = Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(bra["LOCATION"]) == "Polishuset"
    assert int(bra["SEQUENCE"]) == 1


@pytest.mark.slow
def test_each_actor_calendar_can_live_in_its_own_collection(radicale):
    plan, schedule = fx.plan(), fx.schedule()
    for actor in ("polisen", "civilsamhallet"):
        data = to_ical(plan, schedule, now=fx.NOW, actor=actor)
        result = publish(data, f"{radicale}{actor}")
        assert result.url == f"{radicale}{actor}/"
        assert len(_resources(result.url)) == len(split(data))
    assert len(_resources(f"{radicale}civilsamhallet/")) == 3  # two dialogues, the walks


# --- failures, against a loopback stub -----------------------------------------------------


class _Stub(http.server.BaseHTTPRequestHandler):
    answers: dict[str, int]
    seen: list[tuple[str, str, dict[str, str], bytes]]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, dict(self.headers), body))
        self.send_response(self.answers.get(self.command, 500))
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PROPFIND = do_MKCALENDAR = do_PUT = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def stub(**answers: int) -> Iterator[tuple[str, list]]:
    seen: list = []
    handler = type("Handler", (_Stub,), {"answers": answers, "seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cal/", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _small_calendar() -> bytes:
    return to_ical(fx.plan(), fx.schedule(), now=fx.NOW, forum="dialog")


def test_publish_makes_a_missing_collection_and_puts_one_resource_per_uid():
    data = _small_calendar()
    with stub(PROPFIND=404, MKCALENDAR=201, PUT=201) as (url, seen):
        result = publish(data, url, username="samordnare", password="hemligt")  # noqa: S106
    assert [s[0] for s in seen] == ["PROPFIND", "MKCALENDAR", "PUT", "PUT"]
    assert [s[1] for s in seen[2:]] == [
        "/cal/vbe-2016.forum.dialog.20270317@actionplan.ics",
        "/cal/vbe-2016.forum.dialog.20271013@actionplan.ics",
    ]
    assert seen[2][2]["Content-Type"] == "text/calendar; charset=utf-8"
    assert seen[2][3] == split(data)["vbe-2016.forum.dialog.20270317@actionplan"]
    expected = "Basic " + base64.b64encode(b"samordnare:hemligt").decode()
    assert {s[2]["Authorization"] for s in seen} == {expected}
    assert b"<D:displayname>Lokal handlingsplan" in seen[1][3]
    assert result.created_collection
    assert result.created == tuple(split(data))


def test_a_refusing_server_gives_a_clear_error_with_its_status():
    with stub(PROPFIND=207, PUT=403) as (url, _), pytest.raises(ActionPlanError) as caught:
        publish(_small_calendar(), url)
    error = caught.value
    assert error.status == 403  # type: ignore[attr-defined]
    assert "HTTP 403" in str(error)
    assert "PUT refused" in str(error)


def test_a_failing_server_gives_a_clear_error():
    with stub(PROPFIND=500) as (url, _), pytest.raises(ActionPlanError, match="HTTP 500"):
        publish(_small_calendar(), url)


def test_an_unreachable_server_gives_a_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ActionPlanError, match=f"could not publish to http://127.0.0.1:{port}/"):
        publish(_small_calendar(), f"http://127.0.0.1:{port}/cal/")


def test_a_silent_server_times_out_with_a_clear_error():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = f"http://127.0.0.1:{server.getsockname()[1]}/cal/"
        with pytest.raises(ActionPlanError, match=r"no answer within 0\.2 s"):
            publish(_small_calendar(), url, timeout=0.2)


def test_credentials_in_the_url_stay_out_of_error_messages():
    with stub(PROPFIND=401) as (url, _), pytest.raises(ActionPlanError) as caught:
        publish(_small_calendar(), url.replace("http://", "http://user:secret@"))
    assert "secret" not in str(caught.value)


def test_only_http_addresses_are_accepted():
    with pytest.raises(InvalidValueError, match="http"):
        publish(_small_calendar(), "file:///etc/passwd")


def test_a_malformed_calendar_is_refused_before_anything_is_sent():
    with stub() as (url, seen), pytest.raises(InvalidPlanError):
        publish(b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\n", url)
    assert seen == []


def test_a_server_that_hangs_up_gives_a_clear_error():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = f"http://127.0.0.1:{server.getsockname()[1]}/cal/"

        def hang_up():
            connection, _ = server.accept()
            connection.close()

        thread = threading.Thread(target=hang_up, daemon=True)
        thread.start()
        with pytest.raises(ActionPlanError, match="PROPFIND failed"):
            publish(_small_calendar(), url)
        thread.join()


def test_uids_that_are_not_safe_in_a_url_get_a_safe_unique_resource_name():
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:möte 1/2\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:möte 1?2\r\nDTSTART:20270102T100000Z\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    with stub(PROPFIND=207, PUT=204) as (url, seen):
        result = publish(calendar, url)
    paths = [s[1] for s in seen if s[0] == "PUT"]
    assert len(set(paths)) == 2
    for path in paths:
        name = path.removeprefix("/cal/")
        assert name.startswith("m-te-1-2-")
        assert name.endswith(".ics")
        assert all(c.isalnum() or c in "-._" for c in name)
    assert result.updated == ("möte 1/2", "möte 1?2")
    assert result.created == ()


def test_an_unexpected_success_code_is_an_error_too():
    with stub(PROPFIND=200) as (url, _), pytest.raises(ActionPlanError, match="unexpected answer"):
        publish(_small_calendar(), url)
