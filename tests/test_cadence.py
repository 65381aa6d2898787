"""Cadence meaning: meetings a year and wording in Swedish and English."""

from datetime import date

import pytest

from actionplan.cadence import describe, is_measurable, per_year
from actionplan.model import AsNeeded, Dates, Modality, NotStated, Period, PerPeriod, Rule


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [
        (PerPeriod(count=4), 4.0),
        (PerPeriod(count=1, period=Period.MONTH), 12.0),
        (PerPeriod(count=2, period=Period.HALF_YEAR), 4.0),
        (PerPeriod(count=1, period=Period.QUARTER), 4.0),
        (PerPeriod(count=1, period=Period.WEEK), 52.0),
        (Rule(rrule="FREQ=MONTHLY;BYDAY=1TU,3TU", start=date(2027, 1, 5)), 24.0),
        (Rule(rrule="FREQ=WEEKLY;INTERVAL=2", start=date(2027, 1, 5)), 26.0),
        (Rule(rrule="FREQ=YEARLY", start=date(2027, 1, 5)), 1.0),
        (Dates(dates=[date(2027, 2, 1), date(2027, 9, 1)]), 2.0),
        (AsNeeded(), None),
        (NotStated(), None),
        (None, None),
    ],
)
def test_per_year_counts_what_each_cadence_asks_for(cadence, expected):
    """A monthly forum asks for twelve meetings a year; 'as needed' asks for none."""
    assert per_year(cadence) == expected
    assert is_measurable(cadence) is (expected is not None)


@pytest.mark.parametrize(
    ("cadence", "sv", "en"),
    [
        (
            PerPeriod(count=4, modality=Modality.SHOULD),
            "bör: minst 4 gånger per år",
            "should: at least 4 times a year",
        ),
        (
            PerPeriod(count=1, period=Period.MONTH, at_least=False, as_needed=True),
            "en gång per månad och vid behov",
            "once a month and as needed",
        ),
        (
            Dates(dates=[date(2027, 2, 1)], complete=False, modality=Modality.SHALL),
            "ska: datum: 2027-02-01 (fler planeras)",
            "shall: dates: 2027-02-01 (more to be planned)",
        ),
        (
            Rule(rrule="FREQ=MONTHLY;BYDAY=2TU", start=date(2027, 1, 12)),
            "regel FREQ=MONTHLY;BYDAY=2TU från 2027-01-12",
            "rule FREQ=MONTHLY;BYDAY=2TU from 2027-01-12",
        ),
        (AsNeeded(modality=Modality.MAY), "kan: vid behov", "may: as needed"),
        (NotStated(), "ingen angiven mötesfrekvens", "no cadence stated"),
        (
            NotStated(text="kontinuerligt"),
            'ingen angiven mötesfrekvens ("kontinuerligt")',
            'no cadence stated ("kontinuerligt")',
        ),
        (None, "ingen angiven mötesfrekvens", "no cadence stated"),
        (
            NotStated(modality=Modality.SHOULD),
            "bör: ingen angiven mötesfrekvens",
            "should: no cadence stated",
        ),
    ],
)
def test_describe_says_the_cadence_in_both_languages(cadence, sv, en):
    """The words keep the modality and the plan's own vague wording."""
    assert describe(cadence, "sv") == sv
    assert describe(cadence, "en") == en
