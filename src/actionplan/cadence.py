"""What a cadence means, in numbers and in words, without any dates or I/O.

:func:`per_year` says how many meetings a year a cadence asks for, so analyses can weigh
a monthly forum above a yearly one; :func:`describe` says it in Swedish or English for
people.

Examples:
    >>> from actionplan.model import Modality, PerPeriod
    >>> describe(PerPeriod(count=4, modality=Modality.SHOULD), "sv")
    'bör: minst 4 gånger per år'
    >>> describe(PerPeriod(count=4, modality=Modality.SHOULD), "en")
    'should: at least 4 times a year'
"""

from __future__ import annotations

from actionplan.model import Cadence, Dates, Lang, NotStated, Period, PerPeriod, Rule

__all__ = ["describe", "is_measurable", "per_year"]

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


def per_year(cadence: Cadence | None) -> float | None:
    """Return how many times a year *cadence* asks for, or ``None`` if it does not say.

    Explicit dates count as given, whatever year they fall in; a rule counts by its
    frequency and interval (a ``COUNT`` or ``UNTIL`` limit is not taken into account).

    Examples:
        >>> from datetime import date
        >>> from actionplan.model import Rule
        >>> per_year(Rule(rrule="FREQ=MONTHLY;INTERVAL=2", start=date(2027, 1, 12)))
        6.0
    """
    if isinstance(cadence, PerPeriod):
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
        return float(len(cadence.dates))
    return None


def is_measurable(cadence: Cadence | None) -> bool:
    """Whether meetings can be counted against *cadence* (not "as needed", not unstated)."""
    return per_year(cadence) is not None


def describe(cadence: Cadence | None, lang: Lang = "en") -> str:
    """Say *cadence* in words, with its modality first when it has one.

    Examples:
        >>> from actionplan.model import NotStated
        >>> describe(NotStated(text="kontinuerliga mötesplatser"), "sv")
        'ingen angiven mötesfrekvens ("kontinuerliga mötesplatser")'
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
    if isinstance(cadence, PerPeriod):
        if sv:
            times = "en gång" if cadence.count == 1 else f"{cadence.count} gånger"
            words = f"{'minst ' if cadence.at_least else ''}{times} {_PERIOD_SV[cadence.period]}"
            return words + (" och vid behov" if cadence.as_needed else "")
        times = "once" if cadence.count == 1 else f"{cadence.count} times"
        words = f"{'at least ' if cadence.at_least else ''}{times} {_PERIOD_EN[cadence.period]}"
        return words + (" and as needed" if cadence.as_needed else "")
    if isinstance(cadence, Rule):
        start = cadence.start.isoformat()
        return f"regel {cadence.rrule} från {start}" if sv else f"rule {cadence.rrule} from {start}"
    if isinstance(cadence, Dates):
        listed = ", ".join(day.isoformat() for day in cadence.dates)
        words = f"datum: {listed}" if sv else f"dates: {listed}"
        if not cadence.complete:
            words += " (fler planeras)" if sv else " (more to be planned)"
        return words
    return "vid behov" if sv else "as needed"
