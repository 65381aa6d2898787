"""The plan model: frozen, slotted attrs classes and enums, pure data with no I/O.

Every concept has an English code name (the enum value and attribute names used in files)
and a Swedish label (:meth:`Modality.label` and friends). A single value is checked when
an object is built (a negative count, a malformed id raises :class:`InvalidValueError`);
what only the whole plan can tell (a reference to an unknown actor) is checked by
:func:`actionplan.validate`.

Examples:
    >>> from actionplan.model import Actor, ActorKind
    >>> police = Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE)
    >>> police.kind.label("sv")
    'polis'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Any, ClassVar, Literal, Protocol, TypeAlias, TypeVar, cast

import attrs
from attrs import field, frozen

from actionplan.errors import InvalidValueError

__all__ = [
    "PERIOD_DAYS",
    "Actor",
    "ActorKind",
    "AsNeeded",
    "Cadence",
    "Classification",
    "Contact",
    "Contribution",
    "Dates",
    "Decision",
    "ElectoralCycle",
    "EveryNth",
    "FollowUp",
    "Forum",
    "ForumKind",
    "Invitation",
    "InvitationStatus",
    "Lang",
    "MaxInterval",
    "Measure",
    "MeasureStatus",
    "Membership",
    "Milieu",
    "Modality",
    "MonthDeadline",
    "Municipality",
    "NotStated",
    "PerPeriod",
    "Period",
    "Perspective",
    "Plan",
    "PreventionLevel",
    "PreventionScheme",
    "Resource",
    "ResourceKind",
    "Role",
    "Rule",
    "Season",
    "Seasonal",
    "Section",
    "SituationalPicture",
    "Source",
    "Validity",
]

Lang: TypeAlias = Literal["sv", "en"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SECTION = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$")
_MUNICIPALITY_CODE = re.compile(r"^[0-9]{4}$")


class _Labelled(Enum):
    """An enum whose members carry an English and a Swedish label.

    Members are written ``NAME = (code, english, swedish)``; the code is the value files
    use. Other words a file may use for a member are registered in ``_ALIASES``.
    """

    _value_: str
    english: str
    swedish: str

    def __new__(cls, code: str, english: str, swedish: str) -> Any:
        member = object.__new__(cls)
        member._value_ = code
        member.english = english
        member.swedish = swedish
        return member

    def label(self, lang: Lang = "en") -> str:
        """Return the member's label in English (``"en"``) or Swedish (``"sv"``)."""
        return self.swedish if lang == "sv" else self.english

    @classmethod
    def parse(cls, text: str) -> Any:
        """Return the member for a code, a label or an alias, ignoring case.

        Raises:
            InvalidValueError: When *text* names no member; the hint lists valid codes.
        """
        member = cls._value2member_map_.get(text)
        if member is not None:
            return member
        words = _WORDS.get(cls)
        if words is None:
            words = _WORDS[cls] = _words_of(cls)
        member = words.get(text.strip().casefold())
        if member is not None:
            return member
        valid = ", ".join(repr(member.value) for member in cls)
        raise InvalidValueError(
            cls.__name__, text, f"unknown value {text!r}", f"use one of {valid}"
        )


_ALIASES: dict[type[_Labelled], dict[str, str]] = {}
_WORDS: dict[type[_Labelled], dict[str, _Labelled]] = {}


def _words_of(cls: type[_Labelled]) -> dict[str, _Labelled]:
    """Every casefolded code, label and alias of *cls*, the first member to use a word wins."""
    words: dict[str, _Labelled] = {}
    for member in cls:
        for word in (member.value, member.english.casefold(), member.swedish.casefold()):
            words.setdefault(word, member)
    for alias, code in _ALIASES.get(cls, {}).items():
        words.setdefault(alias, cast("_Labelled", cls._value2member_map_[code]))
    return words


class Modality(_Labelled):
    """How binding a commitment is: *ska* (shall), *bör* (should) or *kan* (may).

    The same three grades occur in other countries' council standards (OParl's MUSS,
    SOLLTE, DARF); a plan's findings weigh a broken *ska* above a missing *kan*.

    Examples:
        >>> Modality.parse("bör")
        <Modality.SHOULD: 'should'>
        >>> Modality.SHALL.label("sv")
        'ska'
    """

    SHALL = ("shall", "shall", "ska")
    SHOULD = ("should", "should", "bör")
    MAY = ("may", "may", "kan")

    @property
    def rank(self) -> int:
        """How binding: 3 for *shall*, 2 for *should*, 1 for *may*."""
        return {"shall": 3, "should": 2, "may": 1}[self.value]


_ALIASES[Modality] = {
    "skall": "shall",
    "must": "shall",
    "bor": "should",
    "rekommenderas": "should",
}


class PreventionScheme(_Labelled):
    """A family of prevention-level words; levels of different schemes are not synonyms."""

    PROMOTIVE = (
        "promotive-preventive-interventive",
        "promotive / preventive / interventive",
        "främjande / förebyggande / åtgärdande",
    )
    UNIVERSAL = (
        "universal-selective-indicated",
        "universal / selective / indicated",
        "universell / selektiv / indikerad",
    )
    PRIMARY = (
        "primary-secondary-tertiary",
        "primary / secondary / tertiary",
        "primär / sekundär / tertiär",
    )


class PreventionLevel(_Labelled):
    """A prevention level in the words of one scheme.

    The levels of the three schemes are kept apart; :mod:`actionplan.levels` holds the
    explicit crosswalk between them, which says where a correspondence is approximate.

    Examples:
        >>> PreventionLevel.parse("främjande")
        <PreventionLevel.PROMOTIVE: 'promotive'>
        >>> PreventionLevel.parse("generell").scheme.label()
        'universal / selective / indicated'
    """

    PROMOTIVE = ("promotive", "promotive", "främjande")
    PREVENTIVE = ("preventive", "preventive", "förebyggande")
    INTERVENTIVE = ("interventive", "interventive", "åtgärdande")
    UNIVERSAL = ("universal", "universal", "universell")
    SELECTIVE = ("selective", "selective", "selektiv")
    INDICATED = ("indicated", "indicated", "indikerad")
    PRIMARY = ("primary", "primary", "primär")
    SECONDARY = ("secondary", "secondary", "sekundär")
    TERTIARY = ("tertiary", "tertiary", "tertiär")

    @property
    def scheme(self) -> PreventionScheme:
        """The scheme whose words this level belongs to."""
        index = list(PreventionLevel).index(self) // 3
        return list(PreventionScheme)[index]

    @property
    def rank(self) -> int:
        """Position inside its scheme: 1 (broadest) to 3 (most individual)."""
        return list(PreventionLevel).index(self) % 3 + 1


_ALIASES[PreventionLevel] = {
    "generell": "universal",
    "specifik": "selective",
    "individinriktad": "indicated",
    "primärprevention": "primary",
    "sekundärprevention": "secondary",
    "tertiärprevention": "tertiary",
}


class ActorKind(_Labelled):
    """What sort of organisation, or function inside one, an actor is."""

    SCHOOL = ("school", "school", "skola")
    SOCIAL_SERVICES = ("social-services", "social services", "socialtjänst")
    LEISURE = ("leisure", "leisure services", "fritidsverksamhet")
    MUNICIPAL_SECURITY = (
        "municipal-security",
        "municipal security function",
        "kommunens säkerhetsfunktion",
    )
    MUNICIPAL_MANAGEMENT = ("municipal-management", "municipal management", "kommunledning")
    POLICE = ("police", "police", "polis")
    REGION = ("region", "region (health care)", "region/landsting")
    COUNTY_BOARD = ("county-board", "county administrative board", "länsstyrelse")
    MIGRATION_AGENCY = ("migration-agency", "Swedish Migration Agency", "Migrationsverket")
    ASYLUM_ACCOMMODATION = ("asylum-accommodation", "asylum accommodation", "asylboende")
    CIVIL_SOCIETY = ("civil-society", "civil society organisation", "civilsamhälle")
    FAITH_COMMUNITY = ("faith-community", "faith community", "trossamfund")
    SPORTS_CLUB = ("sports-club", "sports club", "idrottsförening")
    HOUSING = ("housing", "housing company", "bostadsbolag")
    NATIONAL_AGENCY = ("national-agency", "national agency", "nationell myndighet")
    OTHER = ("other", "other", "övrig")


_ALIASES[ActorKind] = {
    "landsting": "region",
    "polisen": "police",
    "socialtjänsten": "social-services",
    "fritid": "leisure",
}


class ForumKind(_Labelled):
    """What sort of meeting a forum is."""

    CRIME_PREVENTION_COUNCIL = (
        "crime-prevention-council",
        "crime-prevention council",
        "brottsförebyggande råd",
    )
    COLLABORATION_GROUP = ("collaboration-group", "collaboration group", "samverkansgrupp")
    NETWORK_MEETING = ("network-meeting", "network meeting", "nätverksmöte")
    DIALOGUE_MEETING = ("dialogue-meeting", "dialogue meeting", "dialogmöte")
    STEERING_GROUP = ("steering-group", "steering group", "styrgrupp")
    WORKING_GROUP = ("working-group", "working group", "arbetsgrupp")
    OTHER = ("other", "other", "övrigt")


_ALIASES[ForumKind] = {"brå": "crime-prevention-council"}


class Role(_Labelled):
    """An actor's role in a forum."""

    CHAIR = ("chair", "chair", "ordförande")
    CONVENER = ("convener", "convener", "sammankallande")
    MEMBER = ("member", "member", "ledamot")
    ADJUNCT = ("adjunct", "adjunct member", "adjungerad")


class Classification(_Labelled):
    """Who may see a part of the plan; only ``public`` parts go into public exports."""

    PUBLIC = ("public", "public", "offentlig")
    INTERNAL = ("internal", "internal", "intern")
    CONFIDENTIAL = ("confidential", "confidential", "sekretess")


class InvitationStatus(_Labelled):
    """Where an invitation to join a forum stands."""

    ASKED = ("asked", "asked, no answer yet", "tillfrågad")
    ACCEPTED = ("accepted", "accepted", "accepterad")
    DECLINED = ("declined", "declined", "avböjd")
    DECLINED_FOR_NOW = ("declined-for-now", "declined for now", "avböjd tills vidare")


class MeasureStatus(_Labelled):
    """How far a measure has come."""

    PROPOSED = ("proposed", "proposed", "föreslagen")
    PLANNED = ("planned", "planned", "planerad")
    ONGOING = ("ongoing", "ongoing", "pågående")
    COMPLETED = ("completed", "completed", "genomförd")
    DISCONTINUED = ("discontinued", "discontinued", "avslutad")


class Perspective(_Labelled):
    """A perspective a measure must take into account."""

    GENDER = ("gender", "gender perspective", "genusperspektiv")
    AGE = ("age", "age-appropriate", "åldersanpassat")
    NORM_CRITICAL = ("norm-critical", "norm-critical", "normkritik")
    CHILD_RIGHTS = ("child-rights", "child rights", "barnrättsperspektiv")
    EQUALITY = ("equality", "gender equality", "jämställdhet")
    DISABILITY = ("disability", "disability", "funktionsnedsättning")


class ResourceKind(_Labelled):
    """What sort of resource the plan points to."""

    HELPLINE = ("helpline", "helpline", "stödtelefon")
    TRAINING_MATERIAL = ("training-material", "training material", "utbildningsmaterial")
    TRAINING = ("training", "training", "utbildning")
    WEBSITE = ("website", "website", "webbplats")
    FUNDING = ("funding", "funding", "finansiering")
    OTHER = ("other", "other", "övrigt")


class Period(_Labelled):
    """A calendar period a cadence counts meetings in."""

    YEAR = ("year", "year", "år")
    HALF_YEAR = ("half-year", "half-year", "halvår")
    QUARTER = ("quarter", "quarter", "kvartal")
    MONTH = ("month", "month", "månad")
    WEEK = ("week", "week", "vecka")

    @property
    def per_year(self) -> int:
        """How many such periods a year holds (52 weeks)."""
        return {"year": 1, "half-year": 2, "quarter": 4, "month": 12, "week": 52}[self.value]


PERIOD_DAYS: dict[Period, int] = {
    Period.YEAR: 366,
    Period.HALF_YEAR: 184,
    Period.QUARTER: 92,
    Period.MONTH: 31,
    Period.WEEK: 7,
}
"""The most days a period can have: a cadence may ask for at most one meeting a day."""


# --- validators ------------------------------------------------------------------------


def _slug(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _check_slug(attribute.name, value)


def _check_slug(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise InvalidValueError(
            name,
            value,
            f"{value!r} is not a valid id",
            "use 1-64 lower-case ASCII letters, digits, '-' or '_', starting with a letter "
            "or digit, e.g. 'polisen'",
        )


def _slugs(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    for index, item in enumerate(value):
        _check_slug(f"{attribute.name}[{index}]", item)


def _optional_slug(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _slug(_instance, attribute, value)


def _non_blank(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(attribute.name, value, "must not be empty", "write some text")


def _optional_non_blank(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _non_blank(_instance, attribute, value)


def _section_number(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _SECTION.fullmatch(value):
        raise InvalidValueError(
            attribute.name,
            value,
            f"{value!r} is not a section number",
            "use the plan's own numbering, e.g. '4' or '2.1'",
        )


def _municipality_code(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _check_municipality_code(attribute.name, value)


def _check_municipality_code(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _MUNICIPALITY_CODE.fullmatch(value):
        raise InvalidValueError(
            name,
            value,
            f"{value!r} is not a municipality code",
            "use the four-digit code from Statistics Sweden, e.g. '1982' for Fagersta",
        )


def _optional_municipality_code(
    _instance: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is not None:
        _municipality_code(_instance, attribute, value)


def _municipality_codes(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    for index, item in enumerate(value):
        _check_municipality_code(f"{attribute.name}[{index}]", item)


def _unique(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    seen: set[Any] = set()
    for index, item in enumerate(value):
        if item in seen:
            shown = item.value if isinstance(item, Enum) else item
            shown = shown.isoformat() if isinstance(shown, date) else shown
            raise InvalidValueError(
                f"{attribute.name}[{index}]",
                item,
                f"{shown!r} is listed twice",
                "list each value once",
            )
        seen.add(item)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable where the model stores a tuple, but never a lone string."""
    if isinstance(value, str | bytes):
        return (value,)
    return tuple(value)


# --- plan text and provenance -----------------------------------------------------------


@frozen(kw_only=True)
class Source:
    """Where in the plan's own text a part comes from: the section and the sentence.

    Examples:
        >>> Source(section="2", quote="Brå bör träffas minst fyra gånger per år.").section
        '2'
    """

    section: str = field(validator=_section_number)
    quote: str | None = field(default=None, validator=_optional_non_blank)


@frozen(kw_only=True)
class Section:
    """A numbered section of the plan (punkt), with its heading and full text."""

    number: str = field(validator=_section_number)
    heading: str = field(validator=_non_blank)
    text: str = ""


@frozen(kw_only=True)
class Municipality:
    """A municipality the plan belongs to (one plan can serve several).

    Examples:
        >>> Municipality(code="1982", name="Fagersta").name
        'Fagersta'
    """

    code: str = field(validator=_municipality_code)
    name: str = field(validator=_non_blank)


@frozen(kw_only=True)
class Decision:
    """The decision that adopted the plan, e.g. KF 2016-04-25 § 74."""

    body: str = field(validator=_non_blank)
    date: date
    paragraph: str | None = field(default=None, validator=_optional_non_blank)
    body_name: str | None = field(default=None, validator=_optional_non_blank)

    def __str__(self) -> str:
        paragraph = f" § {self.paragraph}" if self.paragraph else ""
        return f"{self.body} {self.date.isoformat()}{paragraph}"


@frozen(kw_only=True)
class Validity:
    """When the plan applies and when it is to be revised."""

    valid_from: date | None = None
    valid_until: date | None = None
    revise_by: date | None = None

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise InvalidValueError(
                "valid_until",
                self.valid_until,
                "ends before the plan starts to apply",
                f"use a date on or after {self.valid_from.isoformat()}",
            )


@frozen(kw_only=True)
class Contact:
    """An organisational contact: a shared mailbox, switchboard or web page, never a person."""

    email: str | None = field(default=None, validator=_optional_non_blank)
    phone: str | None = field(default=None, validator=_optional_non_blank)
    url: str | None = field(default=None, validator=_optional_non_blank)
    address: str | None = field(default=None, validator=_optional_non_blank)

    def __attrs_post_init__(self) -> None:
        if self.email is not None and "@" not in self.email:
            raise InvalidValueError(
                "email", self.email, "is not an e-mail address", "use e.g. 'bra@fagersta.se'"
            )


# --- cadences ---------------------------------------------------------------------------


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError(
            attribute.name,
            value,
            f"{value!r} is not a positive number",
            "use a whole number from 1",
        )


def _optional_positive(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _positive(_instance, attribute, value)


@frozen(kw_only=True)
class PerPeriod:
    """*N* meetings in each period: "minst fyra gånger per år" is ``PerPeriod(count=4)``.

    Attributes:
        count: Meetings in each period, 1 to one a day.
        period: The period counted in.
        at_least: ``True`` for "at least N" (minst), ``False`` for exactly N.
        as_needed: Whether extra meetings are held as needed ("och vid behov").
        modality: How binding the cadence is ("Brå *bör* träffas").
        text: The plan's own wording.

    Examples:
        >>> PerPeriod(count=4, period=Period.YEAR).per_year
        4.0
    """

    kind: ClassVar[str] = "per-period"

    count: int = field()
    period: Period = Period.YEAR
    at_least: bool = True
    as_needed: bool = False
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    @count.validator
    def _check_count(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidValueError(
                "count", value, f"{value!r} meetings per period", "use a whole number from 1"
            )
        most = PERIOD_DAYS[self.period]
        if value > most:
            raise InvalidValueError(
                "count",
                value,
                f"{value} meetings per {self.period.value} is more than one a day",
                f"use at most {most}",
            )

    @property
    def per_year(self) -> float:
        """Meetings a year this cadence asks for."""
        return float(self.count * self.period.per_year)


_RRULE_KEYS = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYSECOND",
        "BYMINUTE",
        "BYHOUR",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
_FREQS = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RRULE_NUMBERS: dict[str, tuple[int, int, bool, str]] = {
    # part: (lowest, highest, whether a sign counts from the end, what the number is)
    "BYMONTH": (1, 12, False, "a month"),
    "BYMONTHDAY": (1, 31, True, "a day of the month"),
    "BYYEARDAY": (1, 366, True, "a day of the year"),
    "BYWEEKNO": (1, 53, True, "a week of the year"),
    "BYSETPOS": (1, 366, True, "a position in the set"),
    "BYHOUR": (0, 23, False, "an hour"),
    "BYMINUTE": (0, 59, False, "a minute"),
    "BYSECOND": (0, 59, False, "a second"),
}
"""RFC 5545's ranges for the numeric rule parts; a signed part counts from the end, never 0."""
_SIGNED_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}$")
_NUMBER = re.compile(r"^[0-9]{1,2}$")
_BYDAY_ITEM = re.compile(r"^([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _check_rrule_numbers(
    rule: str, key: str, text: str, low: int, high: int, *, signed: bool, what: str
) -> None:
    """Refuse a numeric rule part whose items are not numbers in RFC 5545's range."""
    shown = f"{-high} to {-low} or {low} to {high}" if signed else f"{low} to {high}"
    for item in text.split(","):
        pattern = _SIGNED_NUMBER if signed else _NUMBER
        number = int(item) if pattern.fullmatch(item) else None
        if number is None or not low <= abs(number) <= high or (number < 0 and not signed):
            raise InvalidValueError(
                "rrule",
                rule,
                f"{key}={item} is not {what}" if item else f"{key} has an empty item",
                f"use whole numbers from {shown}, separated by ','",
            )


def _check_byday(rule: str, parts: dict[str, str]) -> None:
    """Refuse BYDAY items that are no weekday, or whose ordinal the rule's FREQ forbids.

    RFC 5545 allows an ordinal ("2TU", "-1FR") in monthly rules (-5 to 5) and yearly ones
    (-53 to 53; -5 to 5 with BYMONTH, where it counts inside the month; none with
    BYWEEKNO). Weekly and daily rules name plain weekdays.
    """
    freq = parts["FREQ"]
    if freq == "MONTHLY" or (freq == "YEARLY" and "BYMONTH" in parts):
        most, where = 5, "a month"
    elif freq == "YEARLY" and "BYWEEKNO" not in parts:
        most, where = 53, "a year"
    else:
        most, where = 0, ""
    rule_kind = f"{freq.lower()} rule" + (" with BYWEEKNO" if freq == "YEARLY" else "")
    for item in parts["BYDAY"].split(","):
        match = _BYDAY_ITEM.fullmatch(item)
        if match is None:
            raise InvalidValueError(
                "rrule",
                rule,
                f"BYDAY={item} is not a weekday" if item else "BYDAY has an empty item",
                "use MO, TU, WE, TH, FR, SA or SU, with an ordinal like 2TU in monthly rules",
            )
        if match.group(1) is None:
            continue
        ordinal = int(match.group(1))
        if not most:
            raise InvalidValueError(
                "rrule",
                rule,
                f"BYDAY={item} has an ordinal, which a {rule_kind} cannot have",
                f"write the weekday alone, {match.group(2)}, or use FREQ=MONTHLY",
            )
        if not 1 <= abs(ordinal) <= most:
            raise InvalidValueError(
                "rrule",
                rule,
                f"BYDAY={item}: {where} has no weekday number {ordinal}",
                f"use an ordinal from -{most} to {most}, not 0, e.g. 2TU for the second Tuesday",
            )


@frozen(kw_only=True)
class Rule:
    """An RFC 5545 recurrence rule, honoured exactly, e.g. ``FREQ=MONTHLY;BYDAY=2TU``.

    Attributes:
        rrule: The rule's value, without the ``RRULE:`` prefix.
        start: The first date the rule counts from (DTSTART).
        modality: How binding the cadence is.
        text: The plan's own wording.
    """

    kind: ClassVar[str] = "rule"

    rrule: str = field()
    start: date
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    @rrule.validator
    def _check_rrule(self, _attribute: attrs.Attribute[Any], value: str) -> None:
        parts = self.parts_of(value)
        freq = parts.get("FREQ")
        if freq not in _FREQS[3:]:
            raise InvalidValueError(
                "rrule",
                value,
                f"FREQ={freq} is not a meeting frequency" if freq else "has no FREQ",
                "use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
            )
        if "COUNT" in parts and "UNTIL" in parts:
            raise InvalidValueError(
                "rrule", value, "has both COUNT and UNTIL", "RFC 5545 allows one of them"
            )
        for key in ("COUNT", "INTERVAL"):
            if key in parts and (not parts[key].isdigit() or int(parts[key]) < 1):
                raise InvalidValueError(
                    "rrule", value, f"{key}={parts[key]} is not a positive number"
                )
        for key, (low, high, signed, what) in _RRULE_NUMBERS.items():
            if key in parts:
                _check_rrule_numbers(value, key, parts[key], low, high, signed=signed, what=what)
        if "WKST" in parts and parts["WKST"] not in _WEEKDAYS:
            raise InvalidValueError(
                "rrule",
                value,
                f"WKST={parts['WKST']} is not a weekday",
                f"use one of {', '.join(_WEEKDAYS)}",
            )
        if "BYDAY" in parts:
            _check_byday(value, parts)

    @staticmethod
    def parts_of(value: str) -> dict[str, str]:
        """Split an RRULE value into its ``KEY=VALUE`` parts, checking the keys.

        Raises:
            InvalidValueError: When a part is malformed or its key unknown.
        """
        if not isinstance(value, str) or not value.strip():
            raise InvalidValueError("rrule", value, "is empty", "write e.g. 'FREQ=MONTHLY'")
        text = value.strip().removeprefix("RRULE:")
        parts: dict[str, str] = {}
        for part in text.split(";"):
            key, sep, item = part.partition("=")
            key = key.strip().upper()
            if not sep or not item.strip():
                raise InvalidValueError(
                    "rrule", value, f"{part!r} is not KEY=VALUE", "separate parts with ';'"
                )
            if key not in _RRULE_KEYS:
                raise InvalidValueError(
                    "rrule", value, f"{key} is not an RFC 5545 rule part", "check the spelling"
                )
            if key in parts:
                raise InvalidValueError("rrule", value, f"{key} appears twice")
            parts[key] = item.strip().upper()
        return parts


@frozen(kw_only=True)
class Dates:
    """An explicit list of dates, kept exactly as the plan gives them.

    A list that follows no simple rule is kept as it is; when the plan also says how
    many meetings there are to be ("sex möten under året"), ``stated_count`` keeps that
    number so a complete list that falls short of it can be reported.

    Attributes:
        dates: The dates, in the plan's order, each once.
        complete: ``False`` when the plan says more dates will follow
            ("hösten planläggs senare").
        stated_count: How many meetings the plan says there are to be, if it says.
        modality: How binding the cadence is.
        text: The plan's own wording.

    Examples:
        >>> Dates(dates=[date(2027, 2, 3), date(2027, 5, 12)], stated_count=4).stated_count
        4
    """

    kind: ClassVar[str] = "dates"

    dates: tuple[date, ...] = field(converter=_tuple, validator=_unique)
    complete: bool = True
    stated_count: int | None = field(default=None, validator=_optional_positive)
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    def __attrs_post_init__(self) -> None:
        if not self.dates:
            raise InvalidValueError("dates", self.dates, "is empty", "give at least one date")


@frozen(kw_only=True)
class AsNeeded:
    """Meetings held only when needed ("vid behov"): nothing to schedule, nothing to miss."""

    kind: ClassVar[str] = "as-needed"

    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)


@frozen(kw_only=True)
class NotStated:
    """The plan states no cadence at all (a gap the analysis reports).

    ``text`` keeps vague wording that is not a measurable cadence ("regelbundna och
    täta kontakter", "kontinuerligt", "ständigt"); findings quote it.

    Examples:
        >>> NotStated(text="kontinuerligt").text
        'kontinuerligt'
    """

    kind: ClassVar[str] = "not-stated"

    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)


@frozen(kw_only=True)
class MaxInterval:
    """At most so many months between two occurrences: "minst vartannat år" is 24 months.

    The plan states a longest gap, not a count per period. ``anchor`` is when it was last
    done; without it nothing can be dated, and the schedule says so instead of guessing.

    Attributes:
        months: The longest allowed gap, in months (24 for "vartannat år").
        anchor: When it was last done, if known.
        modality: How binding the cadence is.
        text: The plan's own wording.

    Examples:
        >>> MaxInterval(months=24, text="minst vartannat år").per_year
        0.5
    """

    kind: ClassVar[str] = "max-interval"

    months: int = field(validator=_positive)
    anchor: date | None = None
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    @property
    def per_year(self) -> float:
        """The fewest occurrences a year the longest gap allows."""
        return 12 / self.months


@frozen(kw_only=True)
class EveryNth:
    """Every *n*-th period from a start: "varannan vecka" is ``EveryNth(every=2, period=week)``.

    Plans seldom say which week the first meeting falls in; ``anchor`` is that first (or
    any known) meeting date, and without it the schedule reports the gap.

    Attributes:
        every: How many periods apart meetings are (2 for "varannan").
        period: The period counted (week, month, quarter, half-year or year).
        anchor: A date a meeting is (or was) held on, if known.
        modality: How binding the cadence is.
        text: The plan's own wording.

    Examples:
        >>> EveryNth(every=2, period=Period.WEEK, text="varannan vecka").per_year
        26.0
    """

    kind: ClassVar[str] = "every-nth"

    every: int = field(validator=_positive)
    period: Period = Period.WEEK
    anchor: date | None = None
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    @property
    def per_year(self) -> float:
        """Meetings a year this cadence gives."""
        return self.period.per_year / self.every


class Season(_Labelled):
    """A season or school term a meeting is to fall in; each has fixed months.

    Seasons follow the calendar convention: spring March-May, summer June-August,
    autumn September-November, winter December-February (winter starts in December of
    the year it is named after). Terms follow the school year: the spring term
    January-June, the autumn term August-December.

    Examples:
        >>> Season.parse("vårterminen").months
        (1, 2, 3, 4, 5, 6)
    """

    SPRING = ("spring", "spring", "våren")
    SUMMER = ("summer", "summer", "sommaren")
    AUTUMN = ("autumn", "autumn", "hösten")
    WINTER = ("winter", "winter", "vintern")
    SPRING_TERM = ("spring-term", "spring term", "vårterminen")
    AUTUMN_TERM = ("autumn-term", "autumn term", "höstterminen")

    @property
    def months(self) -> tuple[int, ...]:
        """The months it spans, in order; winter's December comes first."""
        return _SEASON_MONTHS[self.value]

    @property
    def is_term(self) -> bool:
        """Whether it is a school term rather than a season of the year."""
        return self in (Season.SPRING_TERM, Season.AUTUMN_TERM)


_SEASON_MONTHS: dict[str, tuple[int, ...]] = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
    "spring-term": (1, 2, 3, 4, 5, 6),
    "autumn-term": (8, 9, 10, 11, 12),
}

_ALIASES[Season] = {
    "vår": "spring",
    "våren": "spring",
    "sommar": "summer",
    "höst": "autumn",
    "vinter": "winter",
    "fall": "autumn",
    "vårtermin": "spring-term",
    "hösttermin": "autumn-term",
    "vt": "spring-term",
    "ht": "autumn-term",
}


@frozen(kw_only=True)
class Seasonal:
    """Meetings in named seasons or terms: "höst och vår", "första mötet på vårterminen".

    Attributes:
        seasons: The seasons or terms, each once, in the plan's order.
        count_per_season: Meetings in each of them.
        first_in_term: Whether the (first) meeting falls in the first weeks of the term;
            only terms have a start that schools and plans count from.
        modality: How binding the cadence is.
        text: The plan's own wording.

    Examples:
        >>> Seasonal(seasons=[Season.AUTUMN, Season.SPRING], text="höst och vår").per_year
        2.0
    """

    kind: ClassVar[str] = "seasonal"

    seasons: tuple[Season, ...] = field(converter=_tuple, validator=_unique)
    count_per_season: int = field(default=1, validator=_positive)
    first_in_term: bool = False
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    def __attrs_post_init__(self) -> None:
        if not self.seasons:
            raise InvalidValueError(
                "seasons", self.seasons, "is empty", "name at least one season or term"
            )
        most = min(len(season.months) for season in self.seasons) * PERIOD_DAYS[Period.MONTH]
        if self.count_per_season > most:
            raise InvalidValueError(
                "count_per_season",
                self.count_per_season,
                "is more than one meeting a day",
                f"use at most {most}",
            )
        if self.first_in_term:
            for index, season in enumerate(self.seasons):
                if not season.is_term:
                    raise InvalidValueError(
                        f"seasons[{index}]",
                        season,
                        f"{season.value!r} is not a term, so it has no first weeks",
                        "use 'spring-term' or 'autumn-term', or set first_in_term = false",
                    )

    @property
    def per_year(self) -> float:
        """Meetings a year this cadence asks for."""
        return float(len(self.seasons) * self.count_per_season)


@frozen(kw_only=True)
class MonthDeadline:
    """A deadline at month precision: done "senast i februari" (by the end of February).

    The work a deadline concerns may belong to another year than the deadline itself:
    an evaluation of year *Y* due "senast i februari" the following year has
    ``year_offset=1`` (due in *Y* + 1); next year's programme due "senast i december"
    has ``year_offset=-1`` (the programme for *Y* is due in December of *Y* - 1).

    Attributes:
        month: The month it is due by, 1-12; due on the month's last working day.
        year_offset: The deadline's year minus the year of the work it concerns.
        every_year: Whether it recurs each year; otherwise ``year`` says which year.
        year: The year of the work a one-off deadline concerns, if the plan says.
        modality: How binding the deadline is.
        text: The plan's own wording.

    Examples:
        >>> MonthDeadline(month=2, year_offset=1, text="senast i februari varje år").due_year(2027)
        2028
    """

    kind: ClassVar[str] = "month-deadline"

    month: int = field()
    year_offset: int = field(default=0)
    every_year: bool = True
    year: int | None = field(default=None)
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    @month.validator
    def _check_month(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:  # noqa: PLR2004
            raise InvalidValueError(
                "month", value, f"{value!r} is not a month", "use 1 (January) to 12 (December)"
            )

    @year_offset.validator
    def _check_offset(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 5:  # noqa: PLR2004
            raise InvalidValueError(
                "year_offset",
                value,
                f"{value!r} years between the work and its deadline",
                "use a whole number from -5 to 5, e.g. 1 for 'the following February'",
            )

    @year.validator
    def _check_year(self, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:  # noqa: PLR2004
            raise InvalidValueError("year", value, f"{value!r} is not a year", "use e.g. 2027")
        if self.every_year:
            raise InvalidValueError(
                "year",
                value,
                "a yearly deadline concerns every year, not one",
                "leave 'year' out, or set every_year = false",
            )

    def due_year(self, work_year: int) -> int:
        """The year the deadline for *work_year*'s work falls in."""
        return work_year + self.year_offset

    @property
    def per_year(self) -> float:
        """Deadlines a year: one (a one-off deadline also counts as one)."""
        return 1.0


@frozen(kw_only=True)
class ElectoralCycle:
    """Once each term of office: "varje ny mandatperiod", "inför nästkommande mandatperiod".

    Swedish general elections (Riksdag, regions and municipalities together) are held on
    the second Sunday of September every fourth year (2018, 2022, 2026, 2030); the
    councils' term of office starts on 15 October of the election year and runs four
    years. ``offset_months`` places the deadline against the start of a term.

    Attributes:
        offset_months: ``None``: any time during the term, due the day before the next
            term starts; ``N > 0``: within the first *N* months of each term;
            ``N < 0``: ahead of each term, *N* months before it starts; ``0``: before
            the term starts. A deadline falls on the day before that point.
        modality: How binding the cadence is.
        text: The plan's own wording.

    Examples:
        >>> ElectoralCycle(offset_months=6, text="varje ny mandatperiod").per_year
        0.25
    """

    kind: ClassVar[str] = "electoral-cycle"

    offset_months: int | None = field(default=None)
    modality: Modality | None = None
    text: str | None = field(default=None, validator=_optional_non_blank)

    @offset_months.validator
    def _check_offset(self, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 47:  # noqa: PLR2004
            raise InvalidValueError(
                "offset_months",
                value,
                f"{value!r} months is not inside a four-year term",
                "use a whole number from -47 to 47, e.g. 6 for 'within six months'",
            )

    @property
    def per_year(self) -> float:
        """Occurrences a year: one per four-year term."""
        return 0.25


Cadence: TypeAlias = (
    PerPeriod
    | Rule
    | Dates
    | AsNeeded
    | NotStated
    | MaxInterval
    | EveryNth
    | Seasonal
    | MonthDeadline
    | ElectoralCycle
)
"""How often something happens; in files, a table whose ``kind`` names the variant."""


# --- actors, forums and commitments ------------------------------------------------------


@frozen(kw_only=True)
class Actor:
    """An organisation, or a function in one, that the plan gives a part.

    Attributes:
        id: Short slug used to refer to the actor, e.g. ``polisen``.
        name: The actor's name in the plan's language.
        kind: What sort of actor it is.
        municipality: Code of the municipality it belongs to, ``None`` when external
            (the police, the region, a national agency).
        contact: An organisational contact, never a private person.
        modality: How binding its participation is ("Landstinget *kan* också vara ...").
        classification: Who may see it.
        source: Where the plan names it.
        note: Anything else worth keeping.
    """

    id: str = field(validator=_slug)
    name: str = field(validator=_non_blank)
    kind: ActorKind = ActorKind.OTHER
    municipality: str | None = field(default=None, validator=_optional_municipality_code)
    contact: Contact | None = None
    modality: Modality | None = None
    classification: Classification = Classification.PUBLIC
    source: Source | None = None
    note: str | None = field(default=None, validator=_optional_non_blank)


@frozen(kw_only=True)
class Membership:
    """An actor's seat in a forum.

    Attributes:
        actor: Id of the actor.
        role: Chair, convener, member or adjunct.
        modality: How binding the seat is; ``may`` for a seat that is only offered.
        as_needed: Whether the actor attends only when needed ("adjungeras vid behov").
        offered: Whether the seat is only offered ("ska erbjudas plats"), not yet taken;
            an offered seat does not count as a confirmed member.
    """

    actor: str = field(validator=_slug)
    role: Role = Role.MEMBER
    modality: Modality | None = None
    as_needed: bool = False
    offered: bool = False


@frozen(kw_only=True)
class Forum:
    """A recurring meeting where actors work together: the Brå, a collaboration group.

    Attributes:
        id: Short slug, e.g. ``bra``.
        name: The forum's name in the plan's language.
        kind: What sort of forum it is.
        members: Seats in the forum, each actor once.
        cadence: How often it meets; :class:`NotStated` when the plan does not say.
        modality: How binding the forum itself is ("Vi *bör* hitta ... mötesplatser").
        municipalities: Codes of the municipalities it spans; empty means all of the plan's.
        purpose: What it is for.
        classification: Who may see it; confidential forums stay out of public exports.
        source: Where the plan establishes it.
    """

    id: str = field(validator=_slug)
    name: str = field(validator=_non_blank)
    kind: ForumKind = ForumKind.OTHER
    members: tuple[Membership, ...] = field(default=(), converter=_tuple)
    cadence: Cadence = NotStated()
    modality: Modality | None = None
    municipalities: tuple[str, ...] = field(
        default=(), converter=_tuple, validator=[_municipality_codes, _unique]
    )
    purpose: str | None = field(default=None, validator=_optional_non_blank)
    location: str | None = field(default=None, validator=_optional_non_blank)
    classification: Classification = Classification.PUBLIC
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        actors = [member.actor for member in self.members]
        for actor in actors:
            if actors.count(actor) > 1:
                raise InvalidValueError(
                    "members",
                    actor,
                    f"actor {actor!r} has more than one seat",
                    "give each actor one seat with one role",
                )

    @property
    def member_ids(self) -> tuple[str, ...]:
        """Ids of the actors with a seat, in the plan's order."""
        return tuple(member.actor for member in self.members)


@frozen(kw_only=True)
class Milieu:
    """A violent extremist milieu a situational picture must cover; plans may add more."""

    id: str = field(validator=_slug)
    name: str = field(validator=_non_blank)
    also_known_as: str | None = field(default=None, validator=_optional_non_blank)


@frozen(kw_only=True)
class Contribution:
    """An actor's part in producing a situational picture."""

    actor: str = field(validator=_slug)
    central: bool = False


@frozen(kw_only=True)
class SituationalPicture:
    """A local situational picture (lägesbild): who makes it, what it covers, how fresh.

    Attributes:
        id: Short slug.
        name: Its name in the plan's language.
        producer: Id of the forum that produces it.
        contributors: Actors that contribute, ``central`` for a leading part.
        milieus: Ids of the milieus it must cover.
        refresh: How often it is to be updated.
        last_updated: When it was last updated, if known.
        modality: How binding producing it is.
        classification: Who may see it; pictures are often internal.
        source: Where the plan asks for it.
    """

    id: str = field(validator=_slug)
    name: str = field(validator=_non_blank)
    producer: str | None = field(default=None, validator=_optional_slug)
    contributors: tuple[Contribution, ...] = field(default=(), converter=_tuple)
    milieus: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    refresh: Cadence = NotStated()
    last_updated: date | None = None
    modality: Modality | None = None
    classification: Classification = Classification.PUBLIC
    source: Source | None = None


@frozen(kw_only=True)
class Invitation:
    """An actor or a municipality asked to join a forum, and the answer so far.

    Exactly one of ``actor`` and ``municipality`` names who was asked.

    Examples:
        >>> Invitation(
        ...     id="skinnskatteberg-bra",
        ...     municipality=Municipality(code="1904", name="Skinnskatteberg"),
        ...     subject="Ett gemensamt Brå",
        ...     status=InvitationStatus.DECLINED_FOR_NOW,
        ... ).status.label("sv")
        'avböjd tills vidare'
    """

    id: str = field(validator=_slug)
    subject: str = field(validator=_non_blank)
    actor: str | None = field(default=None, validator=_optional_slug)
    municipality: Municipality | None = None
    forum: str | None = field(default=None, validator=_optional_slug)
    date: date | None = None
    status: InvitationStatus = InvitationStatus.ASKED
    modality: Modality | None = None
    classification: Classification = Classification.PUBLIC
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        if (self.actor is None) == (self.municipality is None):
            raise InvalidValueError(
                "actor",
                self.actor,
                "an invitation names exactly one invitee",
                "set either 'actor' or 'municipality'",
            )


@frozen(kw_only=True)
class Resource:
    """Something the work draws on: a helpline, a training material, a training."""

    id: str = field(validator=_slug)
    name: str = field(validator=_non_blank)
    kind: ResourceKind = ResourceKind.OTHER
    provider: str | None = field(default=None, validator=_optional_non_blank)
    phone: str | None = field(default=None, validator=_optional_non_blank)
    url: str | None = field(default=None, validator=_optional_non_blank)
    description: str | None = field(default=None, validator=_optional_non_blank)
    classification: Classification = Classification.PUBLIC
    source: Source | None = None


@frozen(kw_only=True)
class Measure:
    """A commitment: what is to be done, how binding, by whom, on which levels.

    Attributes:
        id: Short slug.
        description: What is to be done, in the plan's language.
        modality: Shall, should or may.
        responsible: Ids of the actors responsible; several share the responsibility
            ("kommunen och polisen"); empty when the plan names no actor.
        responsible_text: A generic owner kept as the plan writes it ("berörda parter",
            "bostadsbolag med flera") when it names no actor one can point to.
        participants: Ids of further actors taking part.
        forums: Ids of the forums the work happens in.
        levels: Prevention levels it works on.
        target_groups: Who it is for, in the plan's words.
        perspectives: Perspectives it must take into account.
        milieus: Ids of the milieus it concerns.
        resources: Ids of the resources it uses.
        cadence: How often it recurs, if it does.
        deadline: When it is due, if it has a date.
        status: How far it has come.
        classification: Who may see it.
        source: The section and sentence that commit to it.
    """

    id: str = field(validator=_slug)
    description: str = field(validator=_non_blank)
    modality: Modality = Modality.SHALL
    responsible: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    responsible_text: str | None = field(default=None, validator=_optional_non_blank)
    participants: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    forums: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    levels: tuple[PreventionLevel, ...] = field(default=(), converter=_tuple, validator=_unique)
    target_groups: tuple[str, ...] = field(default=(), converter=_tuple, validator=_unique)
    perspectives: tuple[Perspective, ...] = field(default=(), converter=_tuple, validator=_unique)
    milieus: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    resources: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    cadence: Cadence | None = None
    deadline: date | None = None
    status: MeasureStatus = MeasureStatus.PLANNED
    classification: Classification = Classification.PUBLIC
    source: Source | None = None


@frozen(kw_only=True)
class FollowUp:
    """How the work is followed up: who, how, how often, in which cycle."""

    id: str = field(validator=_slug)
    description: str = field(validator=_non_blank)
    responsible: tuple[str, ...] = field(default=(), converter=_tuple, validator=[_slugs, _unique])
    method: str | None = field(default=None, validator=_optional_non_blank)
    cadence: Cadence = NotStated()
    ordinary_cycle: bool = False
    modality: Modality | None = None
    classification: Classification = Classification.PUBLIC
    source: Source | None = None


@frozen(kw_only=True)
class Plan:
    """A local action plan: everything else in actionplan is a function of one of these.

    Build one in code with keyword arguments, load one with :func:`actionplan.load`, change
    one with :func:`attrs.evolve`. References between parts (a measure's responsible actor)
    are ids; :func:`actionplan.validate` checks that they resolve.

    Examples:
        >>> import actionplan
        >>> plan = actionplan.example()
        >>> [m.name for m in plan.municipalities]
        ['Fagersta', 'Norberg']
        >>> str(plan.decision)
        'KF 2016-04-25 § 74'
    """

    id: str = field(validator=_slug)
    title: str = field(validator=_non_blank)
    language: Lang = field(default="sv")
    municipalities: tuple[Municipality, ...] = field(default=(), converter=_tuple)
    decision: Decision | None = None
    validity: Validity | None = None
    sections: tuple[Section, ...] = field(default=(), converter=_tuple)
    actors: tuple[Actor, ...] = field(default=(), converter=_tuple)
    forums: tuple[Forum, ...] = field(default=(), converter=_tuple)
    measures: tuple[Measure, ...] = field(default=(), converter=_tuple)
    milieus: tuple[Milieu, ...] = field(default=(), converter=_tuple)
    situational_pictures: tuple[SituationalPicture, ...] = field(default=(), converter=_tuple)
    invitations: tuple[Invitation, ...] = field(default=(), converter=_tuple)
    resources: tuple[Resource, ...] = field(default=(), converter=_tuple)
    follow_ups: tuple[FollowUp, ...] = field(default=(), converter=_tuple)
    classification: Classification = Classification.PUBLIC
    note: str | None = field(default=None, validator=_optional_non_blank)

    @language.validator
    def _check_language(self, _attribute: attrs.Attribute[Any], value: str) -> None:
        if value not in ("sv", "en"):
            raise InvalidValueError(
                "language", value, f"{value!r} is not supported", "use 'sv' or 'en'"
            )

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with *actor_id*.

        Raises:
            KeyError: When the plan has no such actor.
        """
        return _by_id(self.actors, actor_id, "actor")

    def forum(self, forum_id: str) -> Forum:
        """Return the forum with *forum_id*.

        Raises:
            KeyError: When the plan has no such forum.
        """
        return _by_id(self.forums, forum_id, "forum")

    def measure(self, measure_id: str) -> Measure:
        """Return the measure with *measure_id*.

        Raises:
            KeyError: When the plan has no such measure.
        """
        return _by_id(self.measures, measure_id, "measure")

    def section(self, number: str) -> Section:
        """Return the section numbered *number*.

        Raises:
            KeyError: When the plan has no such section.
        """
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(f"no section {number!r}")

    @property
    def municipality_codes(self) -> tuple[str, ...]:
        """Codes of the plan's municipalities, in the plan's order."""
        return tuple(m.code for m in self.municipalities)


def _by_id(items: tuple[_T, ...], item_id: str, noun: str) -> _T:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {noun} {item_id!r}")
