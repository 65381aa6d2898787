"""Hypothesis strategies that build valid plans: every validator and integrity rule holds.

``st.from_type`` ignores attrs validators, so each class is built by hand: ids are unique
slugs, every reference names a part the plan defines, counts stay within their period,
and free text is awkward on purpose (Swedish letters, quotes, newlines, ``#``, ``=``,
triple quotes, YAML 1.1 words, spaces at either end).
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

from actionplan import (
    Actor,
    ActorKind,
    AsNeeded,
    Classification,
    Contact,
    Contribution,
    Dates,
    Decision,
    ElectoralCycle,
    EveryNth,
    FollowUp,
    Forum,
    ForumKind,
    Invitation,
    InvitationStatus,
    MaxInterval,
    Measure,
    MeasureStatus,
    Membership,
    Milieu,
    Modality,
    MonthDeadline,
    Municipality,
    NotStated,
    Period,
    PerPeriod,
    Perspective,
    Plan,
    PreventionLevel,
    Resource,
    ResourceKind,
    Role,
    Rule,
    Season,
    Seasonal,
    Section,
    SituationalPicture,
    Source,
    Validity,
)
from actionplan.model import PERIOD_DAYS

AWKWARD = (
    "Brå",
    "Ärende för Öckerö & Åre",
    'han sa "ska" och gick',
    "it's 'quoted'",
    '"""',
    "'''",
    "a = b",
    "# inte en kommentar",
    "  leading and trailing  ",
    "rad ett\nrad två",
    "tab\there",
    "back\\slash",
    "NO",
    "yes",
    "off",
    "null",
    "~",
    "13:00",
    "2016-04-25",
    "1e3",
    "0x1F",
    "- dash",
    "* star",
    "&anchor",
    "*alias",
    "!tag",
    "[a, b]",
    "{x: 1}",
    "key: value",
    "100 %",
    "emoji 🙂",
)
"""Texts that trip up hand-written TOML, YAML or JSON."""

_ALPHABET = string.ascii_letters + string.digits + " åäöÅÄÖéü\"'#=\\\n\t:-[]{},.&*!?%§"

text = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(alphabet=_ALPHABET, max_size=40),
    st.text(max_size=20),
)
"""Any text, possibly empty or blank."""

non_blank = text.filter(str.strip)
"""Text with at least one character that is not white space."""

optional_text = st.none() | non_blank

slugs = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,63}", fullmatch=True)
"""Ids as the model accepts them: 1-64 lower-case ASCII letters, digits, '-' or '_'."""

municipality_codes = st.from_regex(r"[0-9]{4}", fullmatch=True)
section_numbers = st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,3}", fullmatch=True)
dates = st.dates()
modalities = st.none() | st.sampled_from(Modality)
classifications = st.sampled_from(Classification)


def _pick(pool: list[str], *, max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct items from *pool*, or nothing when the pool is empty."""
    if not pool:
        return st.just(())
    return st.lists(st.sampled_from(pool), unique=True, max_size=max_size).map(tuple)


def _one_of(pool: list[str]) -> st.SearchStrategy[str | None]:
    """An item of *pool* or ``None``."""
    if not pool:
        return st.none()
    return st.none() | st.sampled_from(pool)


# --- cadences ---------------------------------------------------------------------------


@st.composite
def per_periods(draw: st.DrawFn) -> PerPeriod:
    period = draw(st.sampled_from(Period))
    return PerPeriod(
        count=draw(st.integers(1, PERIOD_DAYS[period])),
        period=period,
        at_least=draw(st.booleans()),
        as_needed=draw(st.booleans()),
        modality=draw(modalities),
        text=draw(optional_text),
    )


_WEEKDAYS = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "MO,TH"])
_BYDAY = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "1TU", "2WE", "-1FR", "MO,TH"])


@st.composite
def rrules(draw: st.DrawFn) -> str:
    """An RFC 5545 rule the model accepts, with its parts in any order and case."""
    parts = {"FREQ": draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))}
    if draw(st.booleans()):
        parts["INTERVAL"] = str(draw(st.integers(1, 12)))
    end = draw(st.sampled_from(["none", "count", "until"]))
    if end == "count":
        parts["COUNT"] = str(draw(st.integers(1, 50)))
    elif end == "until":
        until = draw(dates)
        parts["UNTIL"] = f"{until.year:04d}{until.month:02d}{until.day:02d}"
    if draw(st.booleans()):
        ordinals = parts["FREQ"] in ("MONTHLY", "YEARLY")
        parts["BYDAY"] = draw(_BYDAY if ordinals else _WEEKDAYS)
    if draw(st.booleans()):
        parts["BYMONTH"] = str(draw(st.integers(1, 12)))
    keys = draw(st.permutations(list(parts)))
    rule = ";".join(f"{key}={parts[key]}" for key in keys)
    return rule.lower() if draw(st.booleans()) else rule


rules = st.builds(Rule, rrule=rrules(), start=dates, modality=modalities, text=optional_text)
dates_cadences = st.builds(
    Dates,
    dates=st.lists(dates, min_size=1, max_size=5, unique=True).map(tuple),
    complete=st.booleans(),
    modality=modalities,
    text=optional_text,
)
as_needed = st.builds(AsNeeded, modality=modalities, text=optional_text)
not_stated = st.builds(NotStated, modality=modalities, text=optional_text)
stated_dates = st.builds(
    Dates,
    dates=st.lists(dates, min_size=1, max_size=5, unique=True).map(tuple),
    complete=st.booleans(),
    stated_count=st.none() | st.integers(1, 60),
    modality=modalities,
    text=optional_text,
)
max_intervals = st.builds(
    MaxInterval,
    months=st.integers(1, 120),
    anchor=st.none() | dates,
    modality=modalities,
    text=optional_text,
)
every_nths = st.builds(
    EveryNth,
    every=st.integers(1, 12),
    period=st.sampled_from(Period),
    anchor=st.none() | dates,
    modality=modalities,
    text=optional_text,
)


@st.composite
def seasonals(draw: st.DrawFn) -> Seasonal:
    first_in_term = draw(st.booleans())
    pool = [s for s in Season if s.is_term] if first_in_term else list(Season)
    return Seasonal(
        seasons=tuple(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))),
        count_per_season=draw(st.integers(1, 6)),
        first_in_term=first_in_term,
        modality=draw(modalities),
        text=draw(optional_text),
    )


@st.composite
def month_deadlines(draw: st.DrawFn) -> MonthDeadline:
    every_year = draw(st.booleans())
    return MonthDeadline(
        month=draw(st.integers(1, 12)),
        year_offset=draw(st.integers(-5, 5)),
        every_year=every_year,
        year=None if every_year else draw(st.none() | st.integers(1900, 2200)),
        modality=draw(modalities),
        text=draw(optional_text),
    )


electoral_cycles = st.builds(
    ElectoralCycle,
    offset_months=st.none() | st.integers(-47, 47),
    modality=modalities,
    text=optional_text,
)
cadences = st.one_of(
    per_periods(),
    rules,
    dates_cadences,
    as_needed,
    not_stated,
    stated_dates,
    max_intervals,
    every_nths,
    seasonals(),
    month_deadlines(),
    electoral_cycles,
)
"""Every kind of cadence."""


# --- small parts --------------------------------------------------------------------------


def sources(numbers: list[str]) -> st.SearchStrategy[Source | None]:
    """A source citing one of *numbers*, any section number when the plan has none."""
    section = st.sampled_from(numbers) if numbers else section_numbers
    return st.none() | st.builds(Source, section=section, quote=optional_text)


municipalities = st.builds(Municipality, code=municipality_codes, name=non_blank)
emails = st.builds(lambda local, domain: f"{local}@{domain}", text, text)
contacts = st.builds(
    Contact,
    email=st.none() | emails,
    phone=optional_text,
    url=optional_text,
    address=optional_text,
)


@st.composite
def validities(draw: st.DrawFn) -> Validity:
    start = draw(st.none() | dates)
    until = draw(st.none() | dates)
    if start is not None and until is not None and until < start:
        start, until = until, start
    return Validity(valid_from=start, valid_until=until, revise_by=draw(st.none() | dates))


decisions = st.builds(
    Decision,
    body=non_blank,
    date=dates,
    paragraph=optional_text,
    body_name=optional_text,
)


def _unique_ids(draw: st.DrawFn, max_size: int) -> list[str]:
    return draw(st.lists(slugs, unique=True, max_size=max_size))


# --- plans --------------------------------------------------------------------------------


@st.composite
def plans(draw: st.DrawFn, *, max_parts: int = 4) -> Plan:
    """A plan that loads: unique ids, references only to defined parts, valid values."""
    codes = draw(st.lists(municipality_codes, unique=True, max_size=3))
    plan_municipalities = tuple(Municipality(code=code, name=draw(non_blank)) for code in codes)
    numbers = draw(st.lists(section_numbers, unique=True, max_size=max_parts))
    sections = tuple(
        Section(number=number, heading=draw(non_blank), text=draw(text)) for number in numbers
    )
    cites = sources(numbers)

    actor_ids = _unique_ids(draw, max_parts)
    actors = tuple(
        Actor(
            id=actor_id,
            name=draw(non_blank),
            kind=draw(st.sampled_from(ActorKind)),
            municipality=draw(_one_of(codes)),
            contact=draw(st.none() | contacts),
            modality=draw(modalities),
            classification=draw(classifications),
            source=draw(cites),
            note=draw(optional_text),
        )
        for actor_id in actor_ids
    )

    forum_ids = _unique_ids(draw, max_parts)
    forums = tuple(
        Forum(
            id=forum_id,
            name=draw(non_blank),
            kind=draw(st.sampled_from(ForumKind)),
            members=tuple(
                Membership(
                    actor=actor,
                    role=draw(st.sampled_from(Role)),
                    modality=draw(modalities),
                    as_needed=draw(st.booleans()),
                )
                for actor in draw(_pick(actor_ids))
            ),
            cadence=draw(cadences),
            modality=draw(modalities),
            municipalities=draw(_pick(codes)),
            purpose=draw(optional_text),
            location=draw(optional_text),
            classification=draw(classifications),
            source=draw(cites),
        )
        for forum_id in forum_ids
    )

    milieu_ids = _unique_ids(draw, 3)
    milieus = tuple(
        Milieu(id=milieu_id, name=draw(non_blank), also_known_as=draw(optional_text))
        for milieu_id in milieu_ids
    )

    resource_ids = _unique_ids(draw, 3)
    resources = tuple(
        Resource(
            id=resource_id,
            name=draw(non_blank),
            kind=draw(st.sampled_from(ResourceKind)),
            provider=draw(optional_text),
            phone=draw(optional_text),
            url=draw(optional_text),
            description=draw(optional_text),
            classification=draw(classifications),
            source=draw(cites),
        )
        for resource_id in resource_ids
    )

    measures = tuple(
        Measure(
            id=measure_id,
            description=draw(non_blank),
            modality=draw(st.sampled_from(Modality)),
            responsible=draw(_pick(actor_ids)),
            participants=draw(_pick(actor_ids)),
            forums=draw(_pick(forum_ids)),
            levels=tuple(draw(st.lists(st.sampled_from(PreventionLevel), unique=True))),
            target_groups=tuple(draw(st.lists(text, unique=True, max_size=3))),
            perspectives=tuple(draw(st.lists(st.sampled_from(Perspective), unique=True))),
            milieus=draw(_pick(milieu_ids)),
            resources=draw(_pick(resource_ids)),
            cadence=draw(st.none() | cadences),
            deadline=draw(st.none() | dates),
            status=draw(st.sampled_from(MeasureStatus)),
            classification=draw(classifications),
            source=draw(cites),
        )
        for measure_id in _unique_ids(draw, max_parts)
    )

    pictures = tuple(
        SituationalPicture(
            id=picture_id,
            name=draw(non_blank),
            producer=draw(_one_of(forum_ids)),
            contributors=tuple(
                Contribution(actor=actor, central=draw(st.booleans()))
                for actor in draw(_pick(actor_ids))
            ),
            milieus=draw(_pick(milieu_ids)),
            refresh=draw(cadences),
            last_updated=draw(st.none() | dates),
            modality=draw(modalities),
            classification=draw(classifications),
            source=draw(cites),
        )
        for picture_id in _unique_ids(draw, 2)
    )

    invitations = []
    for invitation_id in _unique_ids(draw, 2):
        by_actor = bool(actor_ids) and draw(st.booleans())
        invitations.append(
            Invitation(
                id=invitation_id,
                subject=draw(non_blank),
                actor=draw(st.sampled_from(actor_ids)) if by_actor else None,
                municipality=None if by_actor else draw(municipalities),
                forum=draw(_one_of(forum_ids)),
                date=draw(st.none() | dates),
                status=draw(st.sampled_from(InvitationStatus)),
                modality=draw(modalities),
                classification=draw(classifications),
                source=draw(cites),
            )
        )

    follow_ups = tuple(
        FollowUp(
            id=follow_up_id,
            description=draw(non_blank),
            responsible=draw(_pick(actor_ids)),
            method=draw(optional_text),
            cadence=draw(cadences),
            ordinary_cycle=draw(st.booleans()),
            modality=draw(modalities),
            classification=draw(classifications),
            source=draw(cites),
        )
        for follow_up_id in _unique_ids(draw, 2)
    )

    return Plan(
        id=draw(slugs),
        title=draw(non_blank),
        language=draw(st.sampled_from(["sv", "en"])),
        municipalities=plan_municipalities,
        decision=draw(st.none() | decisions),
        validity=draw(st.none() | validities()),
        sections=sections,
        actors=actors,
        forums=forums,
        measures=measures,
        milieus=milieus,
        situational_pictures=pictures,
        invitations=tuple(invitations),
        resources=resources,
        follow_ups=follow_ups,
        classification=draw(classifications),
        note=draw(optional_text),
    )
