"""The prevention-level crosswalk: explicit, symmetric, and honest about approximations."""

import pytest

from actionplan.levels import CROSSWALK, Fit, crosswalk, translate
from actionplan.model import PreventionLevel as L
from actionplan.model import PreventionScheme as S


def test_universal_primary_selective_secondary_indicated_tertiary_map_exactly():
    """The two problem-oriented schemes correspond one to one."""
    for left, right in [
        (L.UNIVERSAL, L.PRIMARY),
        (L.SELECTIVE, L.SECONDARY),
        (L.INDICATED, L.TERTIARY),
    ]:
        assert [(c.target, c.fit) for c in crosswalk(left, S.PRIMARY)] == [(right, Fit.EXACT)]
        assert [(c.target, c.fit) for c in crosswalk(right, S.UNIVERSAL)] == [(left, Fit.EXACT)]


def test_promotive_is_only_approximately_universal():
    """Främjande lies below universal prevention: never an exact match."""
    (entry,) = crosswalk(L.PROMOTIVE, S.UNIVERSAL)
    assert entry.target is L.UNIVERSAL
    assert entry.fit is Fit.APPROXIMATE
    assert "below universal" in entry.text("en")
    assert "under den universella" in entry.text("sv")


def test_preventive_spans_universal_and_selective():
    """Förebyggande reaches two levels of the other scheme, each only a part of it."""
    entries = crosswalk(L.PREVENTIVE, S.UNIVERSAL)
    assert [(c.target, c.fit) for c in entries] == [
        (L.UNIVERSAL, Fit.NARROWER),
        (L.SELECTIVE, Fit.NARROWER),
    ]
    assert [(c.target, c.fit) for c in crosswalk(L.SELECTIVE, S.PROMOTIVE)] == [
        (L.PREVENTIVE, Fit.BROADER)
    ]


def test_every_correspondence_has_its_inverse():
    """Reading the crosswalk backwards gives the inverse fit, with the same note."""
    for entry in CROSSWALK:
        back = [c for c in CROSSWALK if c.source is entry.target and c.target is entry.source]
        assert len(back) == 1
        assert back[0].fit is entry.fit.inverse()
        assert back[0].note == entry.note


def test_no_correspondence_stays_inside_one_scheme():
    """The crosswalk only links levels of different schemes."""
    assert all(c.source.scheme is not c.target.scheme for c in CROSSWALK)


@pytest.mark.parametrize("level", list(L))
def test_a_level_maps_to_itself_in_its_own_scheme(level):
    """Asking for a level's own scheme gives the level back, exactly."""
    assert [(c.target, c.fit) for c in crosswalk(level, level.scheme)] == [(level, Fit.EXACT)]


@pytest.mark.parametrize("level", list(L))
def test_every_level_reaches_every_other_scheme(level):
    """No level is left without a counterpart in another scheme."""
    for scheme in S:
        assert crosswalk(level, scheme)


def test_translate_keeps_scheme_order_and_can_refuse_approximations():
    """translate() gives levels in scheme order; exact_only drops approximate matches."""
    assert translate([L.INTERVENTIVE, L.PROMOTIVE], S.PRIMARY) == (L.PRIMARY, L.TERTIARY)
    assert translate([L.INTERVENTIVE, L.PROMOTIVE], S.PRIMARY, exact_only=True) == ()
    assert translate([L.SELECTIVE], S.PRIMARY, exact_only=True) == (L.SECONDARY,)
