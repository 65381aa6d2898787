"""Plans and schedules built by hand for the calendar tests.

The schedules follow the contract of :class:`actionplan.schedule.Series`: expanding the
rule from the start, removing the excluded dates and adding the extra ones gives exactly
the starts of the occurrences; :func:`series` checks it for every series it builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
from dateutil.rrule import rrulestr

from actionplan.model import (
    Actor,
    ActorKind,
    Classification,
    Contact,
    Dates,
    Decision,
    FollowUp,
    Forum,
    ForumKind,
    Measure,
    Membership,
    Modality,
    Municipality,
    Period,
    PerPeriod,
    Plan,
    Role,
    Section,
    SituationalPicture,
    Source,
)
from actionplan.schedule import Occurrence, OccurrenceKind, Schedule, Series, SubjectKind

ZONE = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=ZONE)
START = date(2027, 1, 1)
END = date(2027, 12, 31)

BRA_QUOTE = "Brå bör träffas minst fyra gånger per år."


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Stockholm."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def plan(
    *,
    title: str = "Lokal handlingsplan mot våldsbejakande extremism",
    bra_name: str = "Brå",
    walk: str = "Genomföra trygghetsvandringar i centrum tillsammans med civilsamhället.",
    location: str = "Stadshuset, sal A",
    police_name: str = "Polisen",
) -> Plan:
    """A plan shaped like the seed plan, with organisational e-mail addresses."""
    return Plan(
        id="vbe-2016",
        title=title,
        language="sv",
        municipalities=[
            Municipality(code="1982", name="Fagersta"),
            Municipality(code="1962", name="Norberg"),
        ],
        decision=Decision(body="KF", date=date(2016, 4, 25), paragraph="74"),
        sections=[
            Section(number="2", heading="Samverkan i befintliga strukturer"),
            Section(number="4", heading="Utgångspunkt i uppdaterad lokal lägesbild"),
            Section(number="7", heading="Se individerna"),
            Section(number="9", heading="Följ upp det förebyggande arbetet kontinuerligt"),
        ],
        actors=[
            Actor(
                id="samordnare",
                name="Säkerhetssamordnaren",
                kind=ActorKind.MUNICIPAL_SECURITY,
                contact=Contact(email="sakerhet@fagersta.example"),
            ),
            Actor(
                id="polisen",
                name=police_name,
                kind=ActorKind.POLICE,
                contact=Contact(email="lpo.fagersta@polisen.example"),
            ),
            Actor(id="gymnasieskolan", name="Gymnasieskolan", kind=ActorKind.SCHOOL),
            Actor(
                id="socialtjansten",
                name="Socialtjänsten",
                kind=ActorKind.SOCIAL_SERVICES,
                contact=Contact(email="social@fagersta.example"),
            ),
            Actor(
                id="civilsamhallet",
                name="Civilsamhällets organisationer",
                kind=ActorKind.CIVIL_SOCIETY,
                contact=Contact(email="forening@civil.example"),
            ),
        ],
        forums=[
            Forum(
                id="bra",
                name=bra_name,
                kind=ForumKind.CRIME_PREVENTION_COUNCIL,
                members=[
                    Membership(actor="samordnare", role=Role.CONVENER),
                    Membership(actor="polisen"),
                    Membership(actor="gymnasieskolan"),
                    Membership(actor="socialtjansten", as_needed=True),
                ],
                cadence=PerPeriod(count=4, period=Period.YEAR, modality=Modality.SHOULD),
                purpose="Brottsförebyggande samverkan i kommunen",
                location=location,
                source=Source(section="2", quote=BRA_QUOTE),
            ),
            Forum(
                id="samverkansgrupp",
                name="Samverkansgruppen",
                kind=ForumKind.COLLABORATION_GROUP,
                members=[
                    Membership(actor="socialtjansten", role=Role.CHAIR),
                    Membership(actor="polisen"),
                ],
                cadence=PerPeriod(count=1, period=Period.MONTH),
                classification=Classification.CONFIDENTIAL,
                source=Source(section="7"),
            ),
            Forum(
                id="dialog",
                name="Dialog med civilsamhället",
                kind=ForumKind.DIALOGUE_MEETING,
                members=[
                    Membership(actor="samordnare", role=Role.CONVENER),
                    Membership(actor="civilsamhallet"),
                ],
                cadence=Dates(dates=[date(2027, 3, 17), date(2027, 10, 13)]),
            ),
        ],
        measures=[
            Measure(
                id="trygghetsvandring",
                description=walk,
                modality=Modality.SHALL,
                responsible=["samordnare"],
                participants=["polisen", "civilsamhallet"],
                forums=["bra"],
                source=Source(section="2"),
            ),
        ],
        situational_pictures=[
            SituationalPicture(
                id="lagesbild",
                name="Lokal lägesbild",
                producer="bra",
                source=Source(section="4"),
            ),
        ],
        follow_ups=[
            FollowUp(
                id="uppfoljning",
                description="Uppföljning i kommunens ordinarie uppföljningsarbete",
                responsible=["samordnare"],
                source=Source(section="9"),
            ),
        ],
    )


def series(
    *,
    key: str,
    subject: str,
    subject_kind: SubjectKind,
    kind: OccurrenceKind = OccurrenceKind.MEETING,
    start: datetime,
    duration: timedelta = timedelta(hours=2),
    rrule: str | None = None,
    exdates: Iterable[datetime] = (),
    rdates: Iterable[datetime] = (),
    planned: Mapping[datetime, date] | None = None,
    participants: tuple[str, ...] = (),
    location: str | None = None,
    source: Source | None = None,
    classification: Classification = Classification.PUBLIC,
) -> Series:
    """A series whose occurrences are exactly what its rule, EXDATEs and RDATEs give."""
    excluded, added = tuple(exdates), tuple(rdates)
    starts: set[datetime] = set()
    if rrule is not None:
        starts.update(rrulestr(rrule, dtstart=start))
    starts -= set(excluded)
    starts |= set(added)
    if rrule is None:
        assert start in starts, "without a rule the start is a meeting"
    moved = dict(planned or {})
    occurrences = tuple(
        Occurrence(
            series=key,
            subject=subject,
            subject_kind=subject_kind,
            kind=kind,
            start=item,
            end=item + duration,
            planned=moved.get(item),
            participants=participants,
            location=location,
            source=source,
            classification=classification,
            period=f"{item.year}",
        )
        for item in sorted(starts)
    )
    return Series(
        key=key,
        subject=subject,
        subject_kind=subject_kind,
        kind=kind,
        start=start,
        duration=duration,
        rrule=rrule,
        exdates=excluded,
        rdates=added,
        occurrences=occurrences,
    )


def bra_series(**changes: object) -> Series:
    """Brå: the second Tuesday of every third month; the May meeting moved a day."""
    values: dict[str, object] = {
        "key": "forum/bra",
        "subject": "bra",
        "subject_kind": SubjectKind.FORUM,
        "start": at(date(2027, 2, 9), 13),
        "rrule": "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20271231T225959Z",
        "exdates": (at(date(2027, 5, 11), 13),),
        "rdates": (at(date(2027, 5, 12), 13),),
        "planned": {at(date(2027, 5, 12), 13): date(2027, 5, 11)},
        "participants": ("samordnare", "polisen", "gymnasieskolan", "socialtjansten"),
        "location": "Stadshuset, sal A",
        "source": Source(section="2", quote=BRA_QUOTE),
    }
    values.update(changes)
    return series(**values)  # type: ignore[arg-type]


def schedule(*extra: Series, bra: Series | None = None) -> Schedule:
    """A year of meetings and deadlines for :func:`plan`."""
    items = [
        bra or bra_series(),
        series(
            key="forum/samverkansgrupp",
            subject="samverkansgrupp",
            subject_kind=SubjectKind.FORUM,
            start=at(date(2027, 1, 6), 9),
            duration=timedelta(hours=1, minutes=30),
            rrule="FREQ=MONTHLY;BYDAY=1WE;COUNT=12",
            exdates=(at(date(2027, 1, 6), 9), at(date(2027, 7, 7), 9)),
            rdates=(at(date(2027, 1, 13), 9),),
            planned={at(date(2027, 1, 13), 9): date(2027, 1, 6)},
            participants=("socialtjansten", "polisen"),
            source=Source(section="7"),
            classification=Classification.CONFIDENTIAL,
        ),
        series(
            key="forum/dialog",
            subject="dialog",
            subject_kind=SubjectKind.FORUM,
            start=at(date(2027, 3, 17), 18),
            duration=timedelta(hours=1, minutes=30),
            rdates=(at(date(2027, 3, 17), 18), at(date(2027, 10, 13), 18)),
            participants=("samordnare", "civilsamhallet"),
        ),
        series(
            key="measure/trygghetsvandring",
            subject="trygghetsvandring",
            subject_kind=SubjectKind.MEASURE,
            start=at(date(2027, 4, 29), 19),
            rrule="FREQ=YEARLY;BYMONTH=4,9;BYDAY=-1TH;UNTIL=20271231T225959Z",
            participants=("samordnare", "polisen", "civilsamhallet"),
            source=Source(section="2"),
        ),
        series(
            key="situational-picture/lagesbild",
            subject="lagesbild",
            subject_kind=SubjectKind.SITUATIONAL_PICTURE,
            kind=OccurrenceKind.DEADLINE,
            start=at(date(2027, 11, 30), 0),
            duration=timedelta(0),
            rdates=(at(date(2027, 11, 30), 0),),
            participants=("polisen", "samordnare"),
            source=Source(section="4"),
        ),
        series(
            key="follow-up/uppfoljning",
            subject="uppfoljning",
            subject_kind=SubjectKind.FOLLOW_UP,
            kind=OccurrenceKind.DEADLINE,
            start=at(date(2027, 6, 15), 0),
            duration=timedelta(0),
            rrule="FREQ=MONTHLY;INTERVAL=6;COUNT=2",
            participants=("samordnare",),
            source=Source(section="9"),
        ),
        *extra,
    ]
    return Schedule(
        plan_id="vbe-2016",
        start=START,
        end=END,
        zone="Europe/Stockholm",
        series=tuple(sorted(items, key=lambda s: s.key)),
    )


def without(schedule_: Schedule, key: str) -> Schedule:
    """The schedule without the series *key*."""
    return attrs.evolve(schedule_, series=tuple(s for s in schedule_.series if s.key != key))


NASTY = 'Brå\r\nEND:VEVENT\r\nBEGIN:VALARM\nACTION:AUDIO; x, y: "citat" \\ 北京 Ωμέγα\x00\x7f\rslut'
"""Text with line breaks, component lines, separators, quotes and non-Latin letters."""
