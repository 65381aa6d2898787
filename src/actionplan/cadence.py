"""What a cadence means, in numbers, in words and in the calendar, without any I/O.

:func:`per_year` says how many meetings a year a cadence asks for, so analyses can weigh
a monthly forum above a yearly one; :func:`describe` says it in Swedish or English for
people. The calendar facts the cadences rest on live here too, so scheduling and
compliance agree on them: month arithmetic (:func:`add_months`), the months of seasons
and school terms (:func:`season_spans`), and the Swedish electoral cycle
(:func:`terms_of_office`).

Examples:
    >>> from actionplan.model import Modality, PerPeriod
    >>> describe(PerPeriod(count=4, modality=Modality.SHOULD), "sv")
    'bör: minst 4 gånger per år'
    >>> describe(PerPeriod(count=4, modality=Modality.SHOULD), "en")
    'should: at least 4 times a year'
"""

from __future__ import annotations

from datetime import date, timedelta

from attrs import frozen

from actionplan.model import (
    Cadence,
    Dates,
    ElectoralCycle,
    EveryNth,
    Lang,
    MaxInterval,
    MonthDeadline,
    NotStated,
    Period,
    PerPeriod,
    Rule,
    Season,
    Seasonal,
)

__all__ = [
    "FIRST_TERM_WEEKS",
    "SeasonSpan",
    "TermOfOffice",
    "add_months",
    "describe",
    "election_day",
    "is_measurable",
    "month_end",
    "month_name",
    "per_year",
    "season_spans",
    "terms_of_office",
]

FIRST_TERM_WEEKS = 6
"""How many weeks from a term's first day count as "the first weeks of the term"."""

_FIRST_ELECTION = 1994
_FREQ_PER_YEAR = {"DAILY": 365.0, "WEEKLY": 52.0, "MONTHLY": 12.0, "YEARLY": 1.0}
_PERIOD_EN = {
    Period.YEAR: "a year",
    Period.HALF_YEAR: "a half-year",
    Period.QUARTER: "a quarter",
    Period.MONTH: "a month",
    Period.WEEK: "a week",
}
_PERIOD_SV = {
    Period.YEAR: "per år",
    Period.HALF_YEAR: "per halvår",
    Period.QUARTER: "per kvartal",
    Period.MONTH: "per månad",
    Period.WEEK: "per vecka",
}
# Swedish nouns of each period, with the gender that picks "varannan" or "vartannat".
_PERIOD_NOUN_SV = {
    Period.YEAR: ("år", True),
    Period.HALF_YEAR: ("halvår", True),
    Period.QUARTER: ("kvartal", True),
    Period.MONTH: ("månad", False),
    Period.WEEK: ("vecka", False),
}
_ORDINAL_SV = {3: "tredje", 4: "fjärde", 5: "femte", 6: "sjätte"}
_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int, lang: Lang = "en") -> str:
    """The name of *month* (1-12) in English or Swedish (lower case, as Swedish writes it).

    Examples:
        >>> month_name(2, "sv"), month_name(2, "en")
        ('februari', 'February')
    """
    return (_MONTHS_SV if lang == "sv" else _MONTHS_EN)[month - 1]


# --- calendar facts ----------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    """Return the last day of *month* in *year*.

    Examples:
        >>> month_end(2028, 2).isoformat()
        '2028-02-29'
    """
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)  # noqa: PLR2004
    return following - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """Return *day* moved by whole *months*, on the month's last day when it is shorter.

    Examples:
        >>> add_months(date(2027, 1, 31), 1).isoformat()
        '2027-02-28'
        >>> add_months(date(2027, 3, 5), 24).isoformat()
        '2029-03-05'
    """
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, month_end(year, month).day))


@frozen(kw_only=True)
class SeasonSpan:
    """One season or term in one year: its label, first and last day.

    Attributes:
        season: Which season or term.
        year: The year it is named after (winter starts in December of that year).
        label: ``2027-spring``, ``2027-autumn-term``.
        first: Its first day.
        last: Its last day.
    """

    season: Season
    year: int
    label: str
    first: date
    last: date

    @property
    def first_weeks(self) -> tuple[date, date]:
        """The first :data:`FIRST_TERM_WEEKS` weeks, as first and last day."""
        return self.first, self.first + timedelta(weeks=FIRST_TERM_WEEKS, days=-1)

    def words(self, lang: Lang = "en") -> str:
        """Say the span in a sentence: ``spring 2027``, ``vårterminen 2027``."""
        return f"{self.season.label(lang)} {self.year}"


def season_spans(season: Season, start: date, end: date) -> tuple[SeasonSpan, ...]:
    """Return each span of *season* that overlaps *start* to *end*, in order.

    Seasons follow the calendar (spring March-May, summer June-August, autumn
    September-November, winter December-February); the spring term is January-June,
    the autumn term August-December.

    Examples:
        >>> [s.label for s in season_spans(Season.WINTER, date(2027, 1, 1), date(2027, 12, 31))]
        ['2026-winter', '2027-winter']
        >>> season_spans(Season.AUTUMN_TERM, date(2027, 1, 1), date(2027, 12, 31))[0].first
        datetime.date(2027, 8, 1)
    """
    months = season.months
    spans: list[SeasonSpan] = []
    for year in range(start.year - 1, end.year + 1):
        first = date(year, months[0], 1)
        last_year = year + 1 if months[-1] < months[0] else year
        last = month_end(last_year, months[-1])
        if first <= end and last >= start:
            label = f"{year}-{season.value}"
            spans.append(SeasonSpan(season=season, year=year, label=label, first=first, last=last))
    return tuple(spans)


def election_day(year: int) -> date:
    """Return the day of the Swedish general election held in *year*.

    Elections to the Riksdag, the regions and the municipal councils are held together
    every fourth year: since 2014 on the second Sunday of September, from 1994 to 2010 on
    the third.

    Raises:
        ValueError: When no ordinary general election falls in *year*.

    Examples:
        >>> election_day(2026).isoformat()
        '2026-09-13'
        >>> election_day(2022).isoformat()
        '2022-09-11'
    """
    if year < _FIRST_ELECTION or (year - _FIRST_ELECTION) % 4:
        msg = f"no ordinary Swedish general election in {year}; they fall in 2022, 2026, 2030"
        raise ValueError(msg)
    first_sunday = date(year, 9, 1) + timedelta(days=(6 - date(year, 9, 1).weekday()) % 7)
    return first_sunday + timedelta(weeks=1 if year >= 2014 else 2)  # noqa: PLR2004


@frozen(kw_only=True)
class TermOfOffice:
    """A municipal council's four-year term of office (mandatperiod).

    Attributes:
        election: The day of the election that opened it.
        first: Its first day, 15 October of the election year.
        last: Its last day, 14 October four years later.
    """

    election: date
    first: date
    last: date

    @property
    def label(self) -> str:
        """``2026-2030``: the years it starts and ends in."""
        return f"{self.first.year}-{self.last.year}"


def terms_of_office(start: date, end: date) -> tuple[TermOfOffice, ...]:
    """Return the municipal terms of office that overlap *start* to *end*, in order.

    Members of a municipal council are elected for four years counted from 15 October of
    the election year (Kommunallagen 2017:725, 5 kap. 9 §); the count starts at the 1994
    election, the first of the four-year terms, and gives every term that start day
    (older terms started on other days, so early dates are approximate).

    Examples:
        >>> [t.label for t in terms_of_office(date(2027, 1, 1), date(2027, 12, 31))]
        ['2026-2030']
        >>> terms_of_office(date(2026, 10, 1), date(2026, 10, 31))[1].first.isoformat()
        '2026-10-15'
    """
    terms: list[TermOfOffice] = []
    year = max(_FIRST_ELECTION, start.year - 4)
    year += (_FIRST_ELECTION - year) % 4
    while year <= end.year:
        first = date(year, 10, 15)
        last = date(year + 4, 10, 14)
        if first <= end and last >= start:
            terms.append(TermOfOffice(election=election_day(year), first=first, last=last))
        year += 4
    return tuple(terms)


# --- numbers and words -------------------------------------------------------------------


def per_year(cadence: Cadence | None) -> float | None:
    """Return how many times a year *cadence* asks for, or ``None`` if it does not say.

    Explicit dates count as given, whatever year they fall in, or as the plan's stated
    count when that is larger; a rule counts by its frequency and interval (a ``COUNT``
    or ``UNTIL`` limit is not taken into account); a longest interval counts the fewest
    occurrences it allows; a term of office counts a quarter a year.

    Examples:
        >>> from actionplan.model import MaxInterval, Rule
        >>> per_year(Rule(rrule="FREQ=MONTHLY;INTERVAL=2", start=date(2027, 1, 12)))
        6.0
        >>> per_year(MaxInterval(months=24))
        0.5
    """
    if isinstance(cadence, PerPeriod | MaxInterval | EveryNth | Seasonal):
        return cadence.per_year
    if isinstance(cadence, MonthDeadline | ElectoralCycle):
        return cadence.per_year
    if isinstance(cadence, Rule):
        parts = Rule.parts_of(cadence.rrule)
        interval = int(parts.get("INTERVAL", "1"))
        base = _FREQ_PER_YEAR[parts["FREQ"]]
        days = parts.get("BYDAY")
        if days and parts["FREQ"] in ("WEEKLY", "MONTHLY"):
            base *= len(days.split(","))
        return base / interval
    if isinstance(cadence, Dates):
        return float(max(len(cadence.dates), cadence.stated_count or 0))
    return None


def is_measurable(cadence: Cadence | None) -> bool:
    """Whether meetings can be counted against *cadence* (not "as needed", not unstated)."""
    return per_year(cadence) is not None


def describe(cadence: Cadence | None, lang: Lang = "en") -> str:
    """Say *cadence* in words, with its modality first when it has one.

    Examples:
        >>> from actionplan.model import EveryNth, NotStated, Period
        >>> describe(NotStated(text="kontinuerliga mötesplatser"), "sv")
        'ingen angiven mötesfrekvens ("kontinuerliga mötesplatser")'
        >>> describe(EveryNth(every=2, period=Period.WEEK), "sv")
        'varannan vecka'
    """
    if cadence is None:
        return "ingen angiven mötesfrekvens" if lang == "sv" else "no cadence stated"
    words = _words(cadence, sv=lang == "sv")
    if cadence.modality is not None:
        return f"{cadence.modality.label(lang)}: {words}"
    return words


def _words(cadence: Cadence, *, sv: bool) -> str:
    if isinstance(cadence, NotStated):
        words = "ingen angiven mötesfrekvens" if sv else "no cadence stated"
        return f'{words} ("{cadence.text}")' if cadence.text else words
    if isinstance(cadence, PerPeriod | Rule):
        return _per_period_words(cadence, sv=sv)
    if isinstance(cadence, Dates):
        return _dates_words(cadence, sv=sv)
    if isinstance(cadence, MaxInterval | EveryNth):
        return _interval_words(cadence, sv=sv)
    if isinstance(cadence, Seasonal | MonthDeadline | ElectoralCycle):
        return _calendar_words(cadence, sv=sv)
    return "vid behov" if sv else "as needed"


def _per_period_words(cadence: PerPeriod | Rule, *, sv: bool) -> str:
    if isinstance(cadence, Rule):
        start = cadence.start.isoformat()
        return f"regel {cadence.rrule} från {start}" if sv else f"rule {cadence.rrule} from {start}"
    if sv:
        times = "en gång" if cadence.count == 1 else f"{cadence.count} gånger"
        words = f"{'minst ' if cadence.at_least else ''}{times} {_PERIOD_SV[cadence.period]}"
        return words + (" och vid behov" if cadence.as_needed else "")
    times = "once" if cadence.count == 1 else f"{cadence.count} times"
    words = f"{'at least ' if cadence.at_least else ''}{times} {_PERIOD_EN[cadence.period]}"
    return words + (" and as needed" if cadence.as_needed else "")


def _calendar_words(cadence: Seasonal | MonthDeadline | ElectoralCycle, *, sv: bool) -> str:
    if isinstance(cadence, Seasonal):
        return _season_words(cadence, sv=sv)
    if isinstance(cadence, MonthDeadline):
        return _deadline_words(cadence, sv=sv)
    return _electoral_words(cadence, sv=sv)


def _dates_words(cadence: Dates, *, sv: bool) -> str:
    listed = ", ".join(day.isoformat() for day in cadence.dates)
    words = f"datum: {listed}" if sv else f"dates: {listed}"
    if not cadence.complete:
        words += " (fler planeras)" if sv else " (more to be planned)"
    if cadence.stated_count is not None:
        count = cadence.stated_count
        words += f" (planen anger {count} möten)" if sv else f" (the plan states {count})"
    return words


def _span(months: int, *, sv: bool) -> str:
    if months % 12 == 0:
        years = months // 12
        if sv:
            return "ett år" if years == 1 else f"{years} år"
        return "1 year" if years == 1 else f"{years} years"
    if sv:
        return "en månad" if months == 1 else f"{months} månader"
    return "1 month" if months == 1 else f"{months} months"


def _interval_words(cadence: MaxInterval | EveryNth, *, sv: bool) -> str:
    if isinstance(cadence, EveryNth):
        return _every_words(cadence, sv=sv)
    span = _span(cadence.months, sv=sv)
    if sv:
        words = f"högst {span} mellan gångerna"
        anchor = f" (senast {cadence.anchor.isoformat()})" if cadence.anchor else ""
    else:
        words = f"at most {span} between occurrences"
        anchor = f" (last {cadence.anchor.isoformat()})" if cadence.anchor else ""
    return words + anchor


def _every_words(cadence: EveryNth, *, sv: bool) -> str:
    every = cadence.every
    if sv:
        noun, neuter = _PERIOD_NOUN_SV[cadence.period]
        if every == 1:
            words = f"varje {noun}"
        elif every == 2:  # noqa: PLR2004
            words = f"{'vartannat' if neuter else 'varannan'} {noun}"
        else:
            ordinal = _ORDINAL_SV.get(every, f"{every}:e")
            words = f"{'vart' if neuter else 'var'} {ordinal} {noun}"
        return words + (f" från {cadence.anchor.isoformat()}" if cadence.anchor else "")
    noun = cadence.period.english
    if every == 1:
        words = f"every {noun}"
    elif every == 2:  # noqa: PLR2004
        words = f"every other {noun}"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(
            every % 10 if every % 100 not in (11, 12, 13) else 0
        )
        words = f"every {every}{suffix or 'th'} {noun}"
    return words + (f" from {cadence.anchor.isoformat()}" if cadence.anchor else "")


def _season_words(cadence: Seasonal, *, sv: bool) -> str:
    labels = [season.label("sv" if sv else "en") for season in cadence.seasons]
    joined = (" och " if sv else " and ").join(
        [", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels
    )
    count = cadence.count_per_season
    if sv:
        times = "en gång" if count == 1 else f"{count} gånger"
        each = " vardera" if len(labels) > 1 else ""
        if cadence.first_in_term:
            which = "under" if count == 1 and not each else "det första under"
            return f"{times}{each} under {joined}, {which} terminens första veckor"
        return f"{times}{each} under {joined}"
    times = "once" if count == 1 else f"{count} times"
    each = " each" if len(labels) > 1 else ""
    if cadence.first_in_term:
        which = "in" if count == 1 and not each else "the first in"
        return f"{times}{each} in the {joined}, {which} the term's first weeks"
    return f"{times}{each} in {joined}"


def _deadline_words(cadence: MonthDeadline, *, sv: bool) -> str:
    month = month_name(cadence.month, "sv" if sv else "en")
    offset = cadence.year_offset
    if not cadence.every_year:
        if cadence.year is None:
            return (
                f"senast i {month} (år ej angivet)"
                if sv
                else f"by the end of {month} (year not stated)"
            )
        year = cadence.year + offset
        return f"senast i {month} {year}" if sv else f"by the end of {month} {year}"
    if sv:
        words = f"senast i {month} varje år"
        concerns = {1: "föregående års arbete", -1: "nästkommande års arbete"}.get(
            offset, f"arbetet {abs(offset)} år {'tidigare' if offset > 0 else 'senare'}"
        )
    else:
        words = f"by the end of {month} each year"
        concerns = {1: "the previous year's work", -1: "the following year's work"}.get(
            offset, f"the work of {abs(offset)} years {'before' if offset > 0 else 'after'}"
        )
    return words if offset == 0 else f"{words} ({'för' if sv else 'for'} {concerns})"


def _electoral_words(cadence: ElectoralCycle, *, sv: bool) -> str:
    offset = cadence.offset_months
    if offset is None:
        return "en gång per mandatperiod" if sv else "once each term of office"
    if offset > 0:
        span = _span(offset, sv=sv)
        if sv:
            return f"inom {span} från varje ny mandatperiods start"
        return f"within {span} of the start of each term of office"
    if offset == 0:
        return "före varje ny mandatperiod" if sv else "before each new term of office"
    span = _span(-offset, sv=sv)
    return f"{span} före varje ny mandatperiod" if sv else f"{span} before each new term of office"
