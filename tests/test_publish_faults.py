"""Publishing to CalDAV when things go wrong part of the way through.

Every test runs a real Radicale on 127.0.0.1 (one per test). Faults Radicale cannot be
made to show are injected by :class:`_Proxy`, a small loopback HTTP server in front of
it that forwards every request and spoils the ones it is told to: it refuses the Nth
PUT with 503, cuts the connection half-way through the status line of an answer after
the server has done the work, stalls past the client's timeout, or holds requests until
two have arrived, to make a race happen every time. After each fault a retry against
the server itself must leave exactly the events of the calendar, each UID in one
resource, nothing twice.
"""

from __future__ import annotations

import http.client
import http.server
import threading
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

import actionplan
import calendar_fixtures as fx
import radicale_server
from actionplan.errors import PublishError
from actionplan.ical import PublishResult, publish, split, to_ical
from actionplan.schedule import schedule

NOW = datetime(2026, 11, 1, tzinfo=UTC)
DAV = "DAV:"

_MAX_REQUESTS = 100
"""More requests than any test sends; the proxy refuses the rest, so nothing loops."""

_LIMIT_SECONDS = 10.0
"""The longest the proxy waits for anything: a client, the server, a stall, a race."""

_TIMEOUT = 0.5
"""The client's timeout in the stall tests; the proxy stalls until it is stopped."""


@pytest.fixture
def radicale(tmp_path):
    """A fresh Radicale for each test, and the URL of a collection not yet made in it."""
    with radicale_server.running(tmp_path) as home:
        yield f"{home}handlingsplan/"


def _calendar() -> bytes:
    """The bundled plan's meetings in 2027, one resource per meeting (four of them)."""
    plan = actionplan.example()
    days = schedule(plan, date(2027, 1, 1), date(2027, 12, 31))
    return to_ical(plan, days, now=NOW, expand=True)


def _resource(collection: str, uid: str) -> str:
    return f"{collection}{urllib.parse.quote(uid, safe='@._-')}.ics"


_PIECES = 20
_PAUSE = 0.1
"""A trickled answer comes in _PIECES pieces, _PAUSE seconds apart: 2 s in all, while
each pause stays well within the 1 s timeout of the trickle test."""


# --- the fault-injecting proxy -------------------------------------------------------------

Action = str
"""What the proxy does to one request: see :meth:`_Handler.handle_one`."""


class _Proxy(http.server.ThreadingHTTPServer):
    """A loopback proxy to *upstream* that spoils the requests *faults* names.

    *faults* maps (method, n) to an action for the nth request with that method (from
    1), or (method, 0) to an action for every such request; anything else is forwarded.
    """

    daemon_threads = False
    block_on_close = True  # server_close waits for every handler: nothing outlives a test

    def __init__(self, upstream: str, faults: Mapping[tuple[str, int], Action]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream = urllib.parse.urlsplit(upstream)
        self.faults = dict(faults)
        self.counts: dict[str, int] = {}
        self.total = 0
        self.spoiled: list[tuple[str, str, Action]] = []
        self.lock = threading.Lock()
        self.released = threading.Event()
        self.race = threading.Barrier(2, timeout=_LIMIT_SECONDS)

    def url(self, address: str) -> str:
        """*address* on the upstream server, reached through this proxy."""
        parts = urllib.parse.urlsplit(address)
        return parts._replace(netloc=f"127.0.0.1:{self.server_address[1]}").geturl()

    def action(self, method: str, path: str) -> Action:
        with self.lock:
            self.total += 1
            if self.total > _MAX_REQUESTS:
                return "refuse"
            count = self.counts[method] = self.counts.get(method, 0) + 1
            action = self.faults.get((method, count)) or self.faults.get((method, 0), "forward")
            if action != "forward":
                self.spoiled.append((method, path, action))
            return action

    def forward(self, method: str, path: str, headers: Mapping[str, str], body: bytes):
        """Send the request on; return the server's (status, reason, headers, body)."""
        connection = http.client.HTTPConnection(
            self.upstream.hostname or "127.0.0.1", self.upstream.port, timeout=_LIMIT_SECONDS
        )
        try:
            connection.request(method, path, body or None, dict(headers))
            answer = connection.getresponse()
            return answer.status, answer.reason, answer.getheaders(), answer.read()
        finally:
            connection.close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Proxy
    timeout = _LIMIT_SECONDS  # a client that stops sending cannot hold a thread

    def handle_one(self) -> None:
        """Forward one request, or spoil it as the proxy's faults say.

        ``refuse`` answers 503 and forwards nothing; ``drop`` forwards, then sends half
        the status line and hangs up; ``stall`` forwards, then answers nothing until the
        proxy stops; ``race`` waits until two requests are waiting, then forwards both; ``trickle``
        forwards, then sends the answer a few bytes at a time.
        """
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        action = self.server.action(self.command, self.path)
        self.close_connection = True
        if action == "refuse":
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if action == "race":
            self.server.race.wait()
        skip = {"host", "connection", "content-length"}
        headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
        status, reason, answer_headers, answer = self.server.forward(
            self.command, self.path, headers, body
        )
        if action == "stall":
            self.server.released.wait(_LIMIT_SECONDS)
            return
        if action == "trickle":
            self._trickle(status, reason, answer_headers, answer)
            return
        if action == "drop":
            line = f"HTTP/1.1 {status} {reason}\r\n".encode()
            self.wfile.write(line[: len(line) // 2])
            self.wfile.flush()
            return
        self.send_response_only(status, reason)
        skip |= {"transfer-encoding"}
        for key, value in answer_headers:
            if key.lower() not in skip:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def _trickle(
        self, status: int, reason: str, headers: list[tuple[str, str]], body: bytes
    ) -> None:
        """Send the whole answer in small pieces, each well within the client's timeout."""
        lines = [f"HTTP/1.1 {status} {reason}"]
        lines += [f"{k}: {v}" for k, v in headers if k.lower() != "transfer-encoding"]
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        size = -(-len(raw) // _PIECES)
        for start in range(0, len(raw), size):
            if self.server.released.wait(_PAUSE):
                return
            self.wfile.write(raw[start : start + size])
            self.wfile.flush()

    do_PROPFIND = do_MKCALENDAR = do_PUT = do_GET = do_REPORT = handle_one  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def proxy(upstream: str, **faults: Action | Mapping[int, Action]) -> Iterator[_Proxy]:
    """Run a :class:`_Proxy` to *upstream*; ``PUT={3: "refuse"}`` spoils the third PUT.

    A bare action (``PROPFIND="race"``) spoils every request with that method.
    """
    table: dict[tuple[str, int], Action] = {}
    for method, spec in faults.items():
        spec_map = {0: spec} if isinstance(spec, str) else spec
        table.update({(method, n): action for n, action in spec_map.items()})
    server = _Proxy(upstream, table)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.released.set()
        server.race.abort()
        server.shutdown()
        server.server_close()
        thread.join(_LIMIT_SECONDS)
    assert server.total <= _MAX_REQUESTS


# --- what the server holds -----------------------------------------------------------------


def _hrefs(collection: str) -> list[str]:
    status, body = radicale_server.request(
        collection,
        "PROPFIND",
        b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:">'
        b"<D:prop><D:getetag/></D:prop></D:propfind>",
        {"Depth": "1", "Content-Type": "application/xml"},
    )
    if status == 404:
        return []
    assert status == 207, status
    root = ET.fromstring(body)  # noqa: S314 - our own loopback server
    return sorted(
        e.text or "" for e in root.iter(f"{{{DAV}}}href") if (e.text or "").endswith(".ics")
    )


def _stored(collection: str) -> dict[str, set[str]]:
    """Each UID the collection holds, with the STATUS values of its components.

    Fails when a resource holds more than one UID or a UID is held by two resources.
    """
    found: dict[str, set[str]] = {}
    for href in _hrefs(collection):
        status, body = radicale_server.request(urllib.parse.urljoin(collection, href), "GET")
        assert status == 200, (href, status)
        components = [c for c in Calendar.from_ical(body).subcomponents if c.name != "VTIMEZONE"]
        uids = {str(c["UID"]) for c in components}
        assert len(uids) == 1, (href, uids)
        (uid,) = uids
        assert uid not in found, f"{uid} is stored twice"
        found[uid] = {str(c.get("STATUS", "")) for c in components}
    return found


def _assert_holds_exactly(collection: str, calendar: bytes) -> dict[str, set[str]]:
    """The collection holds one resource per UID of *calendar*, and nothing else."""
    stored = _stored(collection)
    assert sorted(stored) == sorted(split(calendar))
    assert len(_hrefs(collection)) == len(split(calendar))
    return stored


# --- 1. interrupted half-way, then retried -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("nth", [1, 3])
def test_a_put_refused_half_way_names_the_resource_and_a_retry_completes_the_collection(
    radicale, nth
):
    data = _calendar()
    uids = list(split(data))
    with proxy(radicale, PUT={nth: "refuse"}) as server:
        url = server.url(radicale)
        with pytest.raises(PublishError) as caught:
            publish(data, url)
    error = caught.value
    assert error.status == 503
    assert error.url == _resource(url, uids[nth - 1])
    assert "HTTP 503: PUT refused (Service Unavailable)" in str(error)
    assert sorted(_stored(radicale)) == uids[: nth - 1]

    result = publish(data, radicale)
    assert not result.created_collection
    assert result.updated == tuple(uids[: nth - 1])
    assert result.created == tuple(uids[nth - 1 :])
    _assert_holds_exactly(radicale, data)


@pytest.mark.slow
def test_a_connection_cut_half_way_through_an_answer_is_an_error_and_a_retry_duplicates_nothing(
    radicale,
):
    data = _calendar()
    uids = list(split(data))
    with proxy(radicale, PUT={2: "drop"}) as server:
        url = server.url(radicale)
        with pytest.raises(PublishError, match="PUT failed") as caught:
            publish(data, url)
    assert caught.value.status is None
    assert caught.value.url == _resource(url, uids[1])
    assert sorted(_stored(radicale)) == uids[:2]  # the server stored it; the client never knew

    result = publish(data, radicale)
    assert result.updated == tuple(uids[:2])
    assert result.created == tuple(uids[2:])
    _assert_holds_exactly(radicale, data)


# --- 2. two publishes at once --------------------------------------------------------------


def _at_once(
    jobs: list[Callable[[], PublishResult]],
) -> list[PublishResult | BaseException]:
    """Run *jobs* in threads started together; return each one's result or exception."""
    outcomes: list[PublishResult | BaseException] = [RuntimeError("did not finish")] * len(jobs)
    start = threading.Barrier(len(jobs), timeout=_LIMIT_SECONDS)

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = jobs[index]()
        except BaseException as exc:  # noqa: BLE001 - the test looks at every outcome
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(_LIMIT_SECONDS * 3)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _assert_only_conflicts(outcomes: list[PublishResult | BaseException]) -> None:
    """Every outcome is a result, or a PublishError for a collection made meanwhile."""
    for outcome in outcomes:
        if isinstance(outcome, PublishResult):
            continue
        assert isinstance(outcome, PublishError), repr(outcome)
        assert outcome.status in (405, 409), str(outcome)
        assert "MKCALENDAR refused" in str(outcome)


@pytest.mark.slow
def test_two_simultaneous_publishes_to_a_new_collection_converge(radicale):
    data = _calendar()
    outcomes = _at_once([lambda: publish(data, radicale), lambda: publish(data, radicale)])
    _assert_only_conflicts(outcomes)
    if not all(isinstance(o, PublishResult) for o in outcomes):
        publish(data, radicale)
    _assert_holds_exactly(radicale, data)


@pytest.mark.slow
def test_two_publishes_that_both_find_the_collection_missing_converge_after_a_retry(radicale):
    data = _calendar()
    with proxy(radicale, PROPFIND={1: "race", 2: "race"}) as server:
        url = server.url(radicale)
        outcomes = _at_once([lambda: publish(data, url), lambda: publish(data, url)])
    assert [s[0] for s in server.spoiled] == ["PROPFIND", "PROPFIND"]
    _assert_only_conflicts(outcomes)
    assert any(isinstance(o, PublishResult) for o in outcomes)
    if not all(isinstance(o, PublishResult) for o in outcomes):
        retry = publish(data, radicale)
        assert retry.created == ()
        assert retry.updated == tuple(split(data))
    _assert_holds_exactly(radicale, data)


@pytest.mark.slow
def test_two_publishes_that_both_find_the_collection_missing_both_succeed(radicale):
    data = _calendar()
    with proxy(radicale, PROPFIND={1: "race", 2: "race"}) as server:
        url = server.url(radicale)
        outcomes = _at_once([lambda: publish(data, url), lambda: publish(data, url)])
    assert [s[0] for s in server.spoiled] == ["PROPFIND", "PROPFIND"]
    assert all(isinstance(o, PublishResult) for o in outcomes), outcomes


@pytest.mark.slow
def test_two_simultaneous_publishes_to_an_existing_collection_both_succeed(radicale):
    data = _calendar()
    publish(data, radicale)
    outcomes = _at_once([lambda: publish(data, radicale), lambda: publish(data, radicale)])
    for outcome in outcomes:
        assert isinstance(outcome, PublishResult), repr(outcome)
        assert outcome.created == ()
        assert outcome.updated == tuple(split(data))
    _assert_holds_exactly(radicale, data)


# --- 3. a failing server, a silent server --------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("method", ["PROPFIND", "PUT"])
def test_a_server_answering_5xx_gives_its_status_and_a_retry_on_a_healthy_server_works(
    radicale, method
):
    data = _calendar()
    with proxy(radicale, **{method: "refuse"}) as server, pytest.raises(PublishError) as caught:
        publish(data, server.url(radicale))
    assert caught.value.status == 503
    assert f"HTTP 503: {method} refused" in str(caught.value)
    assert _stored(radicale) == {}

    result = publish(data, radicale)
    assert result.created == tuple(split(data))
    _assert_holds_exactly(radicale, data)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["PROPFIND", "MKCALENDAR", "PUT"])
def test_a_server_stalling_past_the_timeout_gives_no_answer_and_a_retry_works(radicale, method):
    data = _calendar()
    with proxy(radicale, **{method: {1: "stall"}}) as server, pytest.raises(PublishError) as caught:
        publish(data, server.url(radicale), timeout=_TIMEOUT)
    assert caught.value.status is None
    assert f"{method} got no answer within {_TIMEOUT} s" in str(caught.value)
    assert [s[0] for s in server.spoiled] == [method]

    publish(data, radicale)
    _assert_holds_exactly(radicale, data)


# --- 4. a revision after an interrupted first publish --------------------------------------

_REMOVED = "forum/dialog"


def _revision() -> tuple[bytes, bytes, list[str]]:
    """A first calendar, its revision without one series, and the removed series' UIDs."""
    plan = fx.plan()
    first = to_ical(plan, fx.schedule(), now=NOW)
    second = to_ical(
        plan, fx.without(fx.schedule(), _REMOVED), now=NOW + timedelta(days=7), previous=first
    )
    removed = [u for u in split(first) if u.startswith("vbe-2016.forum.dialog.")]
    return first, second, removed


def _assert_cancelled_exactly(stored: dict[str, set[str]], removed: list[str]) -> None:
    """The removed series are cancelled in every component; nothing else is."""
    assert {uid for uid, statuses in stored.items() if "CANCELLED" in statuses} == set(removed)
    assert all(stored[uid] == {"CANCELLED"} for uid in removed)


@pytest.mark.slow
@pytest.mark.parametrize(
    "fault",
    [{3: "refuse"}, {5: "refuse"}, {5: "drop"}],
    ids=["before-the-removed-series", "after-the-removed-series", "cut-after-it"],
)
def test_a_revision_after_an_interrupted_first_publish_cancels_the_removed_series(radicale, fault):
    first, second, removed = _revision()
    assert len(removed) == 2
    assert set(split(second)) == set(split(first))
    with proxy(radicale, PUT=fault) as server, pytest.raises(PublishError):
        publish(first, server.url(radicale))

    result = publish(second, radicale)
    assert result.cancelled == tuple(removed)
    _assert_cancelled_exactly(_assert_holds_exactly(radicale, second), removed)


@pytest.mark.slow
def test_a_revision_interrupted_half_way_converges_when_retried(radicale):
    first, second, removed = _revision()
    publish(first, radicale)
    with proxy(radicale, PUT={5: "refuse"}) as server, pytest.raises(PublishError) as caught:
        publish(second, server.url(radicale))
    assert caught.value.status == 503
    half = _stored(radicale)
    assert half[removed[0]] == {"CANCELLED"}
    assert half[removed[1]] != {"CANCELLED"}

    result = publish(second, radicale)
    assert result.created == ()
    assert result.cancelled == tuple(removed)
    _assert_cancelled_exactly(_assert_holds_exactly(radicale, second), removed)


@pytest.mark.slow
def test_an_answer_trickling_in_for_longer_than_the_timeout_gives_no_answer(radicale):
    data = _calendar()
    with proxy(radicale, PUT={1: "trickle"}) as server, pytest.raises(PublishError) as caught:
        publish(data, server.url(radicale), timeout=1.0)
    assert "PUT got no answer within 1.0 s" in str(caught.value)
