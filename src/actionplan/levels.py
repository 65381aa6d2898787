"""The crosswalk between prevention-level schemes, explicit about where it is approximate.

Swedish plans name prevention levels in three schemes that are not synonyms:
främjande / förebyggande / åtgärdande, universell / selektiv / indikerad and
primär / sekundär / tertiär. Universal ≈ primary, selective ≈ secondary and
indicated ≈ tertiary map one to one. *Främjande* (promotive) lies below universal
prevention: it builds protective factors for everyone and is not aimed at a problem at
all. *Förebyggande* (preventive) spans universal and selective prevention. *Åtgärdande*
(interventive) works with individuals already involved, close to, but not the same as,
indicated prevention. The crosswalk keeps each plan's own words and says how well a
level in one scheme fits one in another.

Examples:
    >>> from actionplan.model import PreventionLevel, PreventionScheme
    >>> [(c.target.value, c.fit.value) for c in crosswalk(
    ...     PreventionLevel.PREVENTIVE, PreventionScheme.UNIVERSAL)]
    [('universal', 'narrower'), ('selective', 'narrower')]
"""

from __future__ import annotations

from enum import Enum

from attrs import frozen

from actionplan.model import Lang, PreventionLevel, PreventionScheme

__all__ = ["CROSSWALK", "Correspondence", "Fit", "crosswalk", "translate"]


class Fit(Enum):
    """How well a level of one scheme fits a level of another."""

    EXACT = "exact"
    """Both reach the same people for the same reason."""
    BROADER = "broader"
    """The target level reaches everyone the source does, and more."""
    NARROWER = "narrower"
    """The target level reaches only part of those the source does."""
    APPROXIMATE = "approximate"
    """They overlap, but their aim differs; compare with care."""

    def inverse(self) -> Fit:
        """The fit seen from the other side: broader becomes narrower and back."""
        swap = {Fit.BROADER: Fit.NARROWER, Fit.NARROWER: Fit.BROADER}
        return swap.get(self, self)


@frozen(kw_only=True)
class Correspondence:
    """One entry of the crosswalk: *source* corresponds to *target* with a *fit*."""

    source: PreventionLevel
    target: PreventionLevel
    fit: Fit
    note: str
    note_sv: str

    def text(self, lang: Lang = "en") -> str:
        """The note explaining the correspondence, in *lang*."""
        return self.note_sv if lang == "sv" else self.note


def _pair(
    source: PreventionLevel, target: PreventionLevel, fit: Fit, note: str, note_sv: str
) -> tuple[Correspondence, Correspondence]:
    forward = Correspondence(source=source, target=target, fit=fit, note=note, note_sv=note_sv)
    back = Correspondence(
        source=target, target=source, fit=fit.inverse(), note=note, note_sv=note_sv
    )
    return forward, back


_L = PreventionLevel
_ENTRIES = (
    _pair(
        _L.UNIVERSAL,
        _L.PRIMARY,
        Fit.EXACT,
        "Universal and primary prevention both reach the whole population before problems.",
        "Universell och primär prevention når båda hela befolkningen innan problem uppstår.",
    ),
    _pair(
        _L.SELECTIVE,
        _L.SECONDARY,
        Fit.EXACT,
        "Selective and secondary prevention both reach groups at risk, early.",
        "Selektiv och sekundär prevention når båda riskgrupper, tidigt.",
    ),
    _pair(
        _L.INDICATED,
        _L.TERTIARY,
        Fit.EXACT,
        "Indicated and tertiary prevention both reach individuals already showing signs.",
        "Indikerad och tertiär prevention når båda individer som redan visar tecken.",
    ),
    _pair(
        _L.PROMOTIVE,
        _L.UNIVERSAL,
        Fit.APPROXIMATE,
        "Promotive work reaches everyone like universal prevention, but builds protective "
        "factors without aiming at a problem: it lies below universal prevention.",
        "Främjande arbete når alla som universell prevention men stärker skyddsfaktorer "
        "utan att rikta sig mot ett problem: det ligger under den universella nivån.",
    ),
    _pair(
        _L.PROMOTIVE,
        _L.PRIMARY,
        Fit.APPROXIMATE,
        "Promotive work comes before primary prevention and is not aimed at a problem.",
        "Främjande arbete kommer före primärprevention och riktar sig inte mot ett problem.",
    ),
    _pair(
        _L.PREVENTIVE,
        _L.UNIVERSAL,
        Fit.NARROWER,
        "Preventive work spans universal and selective prevention; universal is one part.",
        "Förebyggande arbete spänner över universell och selektiv prevention; "
        "universell är en del.",
    ),
    _pair(
        _L.PREVENTIVE,
        _L.SELECTIVE,
        Fit.NARROWER,
        "Preventive work spans universal and selective prevention; selective is one part.",
        "Förebyggande arbete spänner över universell och selektiv prevention; selektiv är en del.",
    ),
    _pair(
        _L.PREVENTIVE,
        _L.PRIMARY,
        Fit.NARROWER,
        "Preventive work spans primary and secondary prevention; primary is one part.",
        "Förebyggande arbete spänner över primär- och sekundärprevention; primär är en del.",
    ),
    _pair(
        _L.PREVENTIVE,
        _L.SECONDARY,
        Fit.NARROWER,
        "Preventive work spans primary and secondary prevention; secondary is one part.",
        "Förebyggande arbete spänner över primär- och sekundärprevention; sekundär är en del.",
    ),
    _pair(
        _L.INTERVENTIVE,
        _L.INDICATED,
        Fit.APPROXIMATE,
        "Interventive work acts on individuals already involved; indicated prevention "
        "also reaches those who only show signs.",
        "Åtgärdande arbete riktar sig till individer som redan är involverade; indikerad "
        "prevention når även dem som bara visar tecken.",
    ),
    _pair(
        _L.INTERVENTIVE,
        _L.TERTIARY,
        Fit.APPROXIMATE,
        "Interventive work and tertiary prevention both act after the fact, on individuals.",
        "Åtgärdande arbete och tertiärprevention verkar båda i efterhand, på individnivå.",
    ),
)

CROSSWALK: tuple[Correspondence, ...] = tuple(
    sorted(
        (entry for pair in _ENTRIES for entry in pair),
        key=lambda c: (list(_L).index(c.source), list(_L).index(c.target)),
    )
)
"""Every correspondence between levels of different schemes, in both directions."""


def crosswalk(level: PreventionLevel, scheme: PreventionScheme) -> tuple[Correspondence, ...]:
    """Return how *level* corresponds to the levels of *scheme*.

    A level of *scheme* itself corresponds exactly to itself only.

    Examples:
        >>> from actionplan.model import PreventionLevel, PreventionScheme
        >>> [c.target.value for c in crosswalk(
        ...     PreventionLevel.PROMOTIVE, PreventionScheme.PRIMARY)]
        ['primary']
    """
    if level.scheme is scheme:
        return (Correspondence(source=level, target=level, fit=Fit.EXACT, note="", note_sv=""),)
    return tuple(c for c in CROSSWALK if c.source is level and c.target.scheme is scheme)


def translate(
    levels: tuple[PreventionLevel, ...] | list[PreventionLevel],
    scheme: PreventionScheme,
    *,
    exact_only: bool = False,
) -> tuple[PreventionLevel, ...]:
    """Return the levels of *scheme* that *levels* reach, in the scheme's order.

    With *exact_only*, only exact correspondences count, so nothing approximate is
    silently treated as the same.

    Examples:
        >>> from actionplan.model import PreventionLevel as L, PreventionScheme as S
        >>> [lv.value for lv in translate([L.PREVENTIVE], S.UNIVERSAL)]
        ['universal', 'selective']
        >>> translate([L.PROMOTIVE], S.UNIVERSAL, exact_only=True)
        ()
    """
    reached = {
        c.target
        for level in levels
        for c in crosswalk(level, scheme)
        if not exact_only or c.fit is Fit.EXACT
    }
    return tuple(level for level in PreventionLevel if level in reached)
