"""What changed between two versions of a plan: parts added, removed and changed, field by field.

:func:`compare` matches the parts of two plans by id (sections by number) and lists, for
each part that differs, which fields changed from what to what. Values are kept as they
are, so a tool can inspect them; :meth:`FieldChange.old_text` and
:meth:`FieldChange.new_text` say them in Swedish or English for people (enum labels,
cadences in words), as a report of a revised plan needs.

Examples:
    >>> import attrs
    >>> import actionplan
    >>> from actionplan.model import PerPeriod
    >>> old = actionplan.example()
    >>> bra = attrs.evolve(old.forum("bra"), cadence=PerPeriod(count=6))
    >>> new = attrs.evolve(old, forums=(bra, *old.forums[1:]))
    >>> changes = compare(old, new)
    >>> [(part.kind.value, part.id) for part in changes.parts]
    [('forum', 'bra')]
    >>> field = changes.parts[0].fields[0]
    >>> field.label("sv"), field.old_text("sv"), field.new_text("sv")
    ('mötesfrekvens', 'bör: minst 4 gånger per år', 'minst 6 gånger per år')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any, TypeAlias

import attrs
from attrs import frozen

from actionplan.cadence import describe
from actionplan.model import (
    Actor,
    AsNeeded,
    Classification,
    Contact,
    Contribution,
    Dates,
    Decision,
    FollowUp,
    Forum,
    Invitation,
    Lang,
    Measure,
    Membership,
    Milieu,
    Municipality,
    NotStated,
    PerPeriod,
    Plan,
    Resource,
    Rule,
    Section,
    SituationalPicture,
    Source,
    Validity,
)

__all__ = ["ChangeKind", "Changes", "FieldChange", "PartChange", "PartKind", "compare", "readable"]

_Part: TypeAlias = (
    Section
    | Actor
    | Forum
    | Measure
    | Milieu
    | SituationalPicture
    | Invitation
    | Resource
    | FollowUp
)


class PartKind(Enum):
    """Which list of the plan a changed part belongs to, in the order a report lists them."""

    SECTION = "section"
    ACTOR = "actor"
    FORUM = "forum"
    MEASURE = "measure"
    MILIEU = "milieu"
    SITUATIONAL_PICTURE = "situational-picture"
    INVITATION = "invitation"
    RESOURCE = "resource"
    FOLLOW_UP = "follow-up"

    def label(self, lang: Lang = "en") -> str:
        """Return the kind of part in English or Swedish."""
        return _PART_WORDS[self][1 if lang == "sv" else 0]


_PART_WORDS: dict[PartKind, tuple[str, str]] = {
    PartKind.SECTION: ("section", "punkt"),
    PartKind.ACTOR: ("actor", "aktör"),
    PartKind.FORUM: ("forum", "forum"),
    PartKind.MEASURE: ("measure", "åtgärd"),
    PartKind.MILIEU: ("milieu", "miljö"),
    PartKind.SITUATIONAL_PICTURE: ("situational picture", "lägesbild"),
    PartKind.INVITATION: ("invitation", "inbjudan"),
    PartKind.RESOURCE: ("resource", "resurs"),
    PartKind.FOLLOW_UP: ("follow-up", "uppföljning"),
}


class ChangeKind(Enum):
    """Whether a part is new, gone, or there in both versions with different fields."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"

    def label(self, lang: Lang = "en") -> str:
        """Return the change in English or Swedish."""
        if lang == "sv":
            return {"added": "ny", "removed": "borttagen", "changed": "ändrad"}[self.value]
        return self.value


_FIELD_WORDS: dict[str, tuple[str, str]] = {
    "title": ("title", "titel"),
    "language": ("language", "språk"),
    "municipalities": ("municipalities", "kommuner"),
    "decision": ("decision", "beslut"),
    "validity": ("validity", "giltighet"),
    "classification": ("classification", "klassning"),
    "note": ("note", "anteckning"),
    "heading": ("heading", "rubrik"),
    "text": ("text", "text"),
    "name": ("name", "namn"),
    "kind": ("kind", "typ"),
    "municipality": ("municipality", "kommun"),
    "contact": ("contact", "kontakt"),
    "modality": ("modality", "modalitet"),
    "source": ("source", "källa"),
    "members": ("members", "medlemmar"),
    "cadence": ("cadence", "mötesfrekvens"),
    "purpose": ("purpose", "syfte"),
    "location": ("location", "plats"),
    "also_known_as": ("also known as", "även kallad"),
    "producer": ("producer", "tas fram av"),
    "contributors": ("contributors", "bidrar"),
    "milieus": ("milieus", "miljöer"),
    "refresh": ("refresh", "uppdatering"),
    "last_updated": ("last updated", "senast uppdaterad"),
    "subject": ("subject", "ämne"),
    "actor": ("actor", "aktör"),
    "forum": ("forum", "forum"),
    "date": ("date", "datum"),
    "status": ("status", "status"),
    "provider": ("provider", "huvudman"),
    "phone": ("phone", "telefon"),
    "url": ("web address", "webbadress"),
    "description": ("description", "beskrivning"),
    "responsible": ("responsible", "ansvariga"),
    "participants": ("participants", "deltagare"),
    "forums": ("forums", "forum"),
    "levels": ("prevention levels", "preventionsnivåer"),
    "target_groups": ("target groups", "målgrupper"),
    "perspectives": ("perspectives", "perspektiv"),
    "resources": ("resources", "resurser"),
    "deadline": ("deadline", "slutdatum"),
    "method": ("method", "metod"),
    "ordinary_cycle": ("in the ordinary follow-up", "i ordinarie uppföljning"),
}

_PLAN_FIELDS = (
    "title",
    "language",
    "municipalities",
    "decision",
    "validity",
    "classification",
    "note",
)

_STRICTNESS = {
    Classification.PUBLIC: 0,
    Classification.INTERNAL: 1,
    Classification.CONFIDENTIAL: 2,
}

_NONE = "—"


# --- readable values ------------------------------------------------------------------------


def readable(value: object, lang: Lang = "en") -> str:
    """Say a field's value for people: enum labels, cadences in words, dates in ISO form.

    Lists are joined with commas; a missing value or an empty list is a dash.

    Examples:
        >>> from actionplan.model import Modality, PerPeriod
        >>> readable(Modality.SHOULD, "sv")
        'bör'
        >>> readable(PerPeriod(count=2), "en")
        'at least 2 times a year'
        >>> readable(("polisen", "skolan"))
        'polisen, skolan'
    """
    if value is None:
        return _NONE
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang == "sv" else ("yes" if value else "no")
    if isinstance(value, PerPeriod | Rule | Dates | AsNeeded | NotStated):
        return describe(value, lang)
    if isinstance(value, tuple):
        return ", ".join(readable(item, lang) for item in value) or _NONE
    return _readable_item(value, lang)


def _readable_item(value: object, lang: Lang) -> str:
    for kind, say in _SAYERS:
        if isinstance(value, kind):
            return say(value, lang)
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label(lang))
    return str(value)


def _source(source: Source, lang: Lang) -> str:
    point = f"punkt {source.section}" if lang == "sv" else f"point {source.section}"
    return f"{point}: “{source.quote}”" if source.quote else point


def _contribution(contribution: Contribution, lang: Lang) -> str:
    if not contribution.central:
        return contribution.actor
    return f"{contribution.actor} ({'central' if lang == 'sv' else 'central part'})"


def _membership(member: Membership, lang: Lang) -> str:
    notes = [member.role.label(lang)]
    if member.modality is not None:
        notes.append(member.modality.label(lang))
    if member.as_needed:
        notes.append("vid behov" if lang == "sv" else "as needed")
    return f"{member.actor} ({', '.join(notes)})"


def _validity(validity: Validity, lang: Lang) -> str:
    sv = lang == "sv"
    words = (
        (validity.valid_from, "från", "from"),
        (validity.valid_until, "till", "until"),
        (validity.revise_by, "revideras senast", "revise by"),
    )
    parts = [
        f"{sv_word if sv else en_word} {day.isoformat()}" for day, sv_word, en_word in words if day
    ]
    return ", ".join(parts) or _NONE


def _contact(contact: Contact, lang: Lang) -> str:
    sv = lang == "sv"
    words = (
        (contact.email, "e-post", "e-mail"),
        (contact.phone, "telefon", "phone"),
        (contact.url, "webb", "web"),
        (contact.address, "adress", "address"),
    )
    parts = [f"{sv_word if sv else en_word} {value}" for value, sv_word, en_word in words if value]
    return ", ".join(parts) or _NONE


_SAYERS: tuple[tuple[type[Any], Callable[[Any, Lang], str]], ...] = (
    (date, lambda value, _lang: value.isoformat()),
    (Decision, lambda value, _lang: str(value)),
    (Source, _source),
    (Membership, _membership),
    (Contribution, _contribution),
    (Municipality, lambda value, _lang: f"{value.name} ({value.code})"),
    (Validity, _validity),
    (Contact, _contact),
)


# --- the result -------------------------------------------------------------------------------


@frozen(kw_only=True)
class FieldChange:
    """One field that differs between the two versions of a part (or of the plan itself).

    Attributes:
        field: The attribute's name in the model and in plan files, e.g. ``cadence``.
        old: The value in the older version.
        new: The value in the newer version.
    """

    field: str
    old: Any
    new: Any

    def label(self, lang: Lang = "en") -> str:
        """The field's name for people, in English or Swedish."""
        words = _FIELD_WORDS.get(self.field)
        if words is None:
            return self.field.replace("_", " ")
        return words[1 if lang == "sv" else 0]

    def old_text(self, lang: Lang = "en") -> str:
        """The older value in words (see :func:`readable`)."""
        return readable(self.old, lang)

    def new_text(self, lang: Lang = "en") -> str:
        """The newer value in words (see :func:`readable`)."""
        return readable(self.new, lang)

    @property
    def added(self) -> tuple[Any, ...]:
        """For a list field, the items only the newer version has, in its order."""
        if not isinstance(self.old, tuple) or not isinstance(self.new, tuple):
            return ()
        return tuple(item for item in self.new if item not in self.old)

    @property
    def removed(self) -> tuple[Any, ...]:
        """For a list field, the items only the older version has, in its order."""
        if not isinstance(self.old, tuple) or not isinstance(self.new, tuple):
            return ()
        return tuple(item for item in self.old if item not in self.new)


@frozen(kw_only=True)
class PartChange:
    """A part of the plan that was added, removed or changed.

    Attributes:
        kind: Which list the part belongs to.
        id: Its id (a section's number).
        change: Added, removed or changed.
        name: Its name in the plan's words (a measure's description, a section's heading),
            from the newer version when it has one.
        fields: For a changed part, the fields that differ, in the model's order.
        classification: The stricter of the two versions' classifications, so a public
            report can leave out a part that is, or was, not public.
    """

    kind: PartKind
    id: str
    change: ChangeKind
    name: str
    fields: tuple[FieldChange, ...] = ()
    classification: Classification = Classification.PUBLIC


@frozen(kw_only=True)
class Changes:
    """Everything that differs between two versions of a plan.

    Attributes:
        plan: Fields of the plan itself that differ (title, decision, validity...).
        parts: Added, removed and changed parts, by kind (sections first, then actors,
            forums, measures...) and within a kind by id.
    """

    plan: tuple[FieldChange, ...] = ()
    parts: tuple[PartChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether the two versions are the same in everything compared."""
        return not self.plan and not self.parts

    @property
    def added(self) -> tuple[PartChange, ...]:
        """The parts only the newer version has."""
        return tuple(part for part in self.parts if part.change is ChangeKind.ADDED)

    @property
    def removed(self) -> tuple[PartChange, ...]:
        """The parts only the older version has."""
        return tuple(part for part in self.parts if part.change is ChangeKind.REMOVED)

    @property
    def changed(self) -> tuple[PartChange, ...]:
        """The parts both versions have, with different fields."""
        return tuple(part for part in self.parts if part.change is ChangeKind.CHANGED)

    def public(self) -> Changes:
        """The changes without parts that are, or were, internal or confidential."""
        return attrs.evolve(
            self,
            parts=tuple(p for p in self.parts if p.classification is Classification.PUBLIC),
        )


# --- comparing ---------------------------------------------------------------------------------


def _lists(plan: Plan) -> Iterable[tuple[PartKind, Sequence[_Part]]]:
    return (
        (PartKind.SECTION, plan.sections),
        (PartKind.ACTOR, plan.actors),
        (PartKind.FORUM, plan.forums),
        (PartKind.MEASURE, plan.measures),
        (PartKind.MILIEU, plan.milieus),
        (PartKind.SITUATIONAL_PICTURE, plan.situational_pictures),
        (PartKind.INVITATION, plan.invitations),
        (PartKind.RESOURCE, plan.resources),
        (PartKind.FOLLOW_UP, plan.follow_ups),
    )


def _key(part: _Part) -> str:
    return part.number if isinstance(part, Section) else part.id


def _name(part: _Part) -> str:
    if isinstance(part, Section):
        return part.heading
    if isinstance(part, Measure | FollowUp):
        return part.description
    if isinstance(part, Invitation):
        return part.subject
    return part.name


def _classification(*parts: _Part) -> Classification:
    levels = [part.classification for part in parts if not isinstance(part, Section | Milieu)] or [
        Classification.PUBLIC
    ]
    return max(levels, key=_STRICTNESS.__getitem__)


_DIGITS = re.compile(r"([0-9]+)")


def _order(key: str) -> tuple[tuple[int, int | str], ...]:
    """Sort ids naturally, so section 2 comes before section 10."""
    return tuple((0, int(bit)) if bit.isdigit() else (1, bit) for bit in _DIGITS.split(key))


def _by_key(parts: Sequence[_Part]) -> dict[str, _Part]:
    """Index parts by id; when an (invalid) plan repeats an id, the first one counts."""
    index: dict[str, _Part] = {}
    for part in parts:
        index.setdefault(_key(part), part)
    return index


def _fields(old: object, new: object, names: Iterable[str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(field=name, old=getattr(old, name), new=getattr(new, name))
        for name in names
        if getattr(old, name) != getattr(new, name)
    )


def _part_fields(part: _Part) -> tuple[str, ...]:
    key = "number" if isinstance(part, Section) else "id"
    return tuple(item.name for item in attrs.fields(type(part)) if item.name != key)


def compare(old: Plan, new: Plan) -> Changes:
    """Return what differs between an *old* and a *new* version of a plan.

    Parts are matched by id (sections by number) within each list; a part whose id
    changed counts as removed and added. Comparison is by value, so reordering a list
    without changing its parts changes nothing, while reordering a forum's members
    changes its ``members`` field.

    Args:
        old: The earlier version, e.g. the plan the council adopted last time.
        new: The later version.

    Returns:
        The plan-level fields that differ and the added, removed and changed parts, in a
        fixed order, so the same two plans always give the same result.

    Examples:
        >>> import actionplan
        >>> plan = actionplan.example()
        >>> compare(plan, plan).is_empty
        True

    Added in 0.1.0.
    """
    parts: list[PartChange] = []
    for (kind, before), (_, after) in zip(_lists(old), _lists(new), strict=True):
        old_parts, new_parts = _by_key(before), _by_key(after)
        for key in sorted(old_parts.keys() | new_parts.keys(), key=_order):
            was, now = old_parts.get(key), new_parts.get(key)
            if now is None and was is not None:
                change = PartChange(
                    kind=kind,
                    id=key,
                    change=ChangeKind.REMOVED,
                    name=_name(was),
                    classification=_classification(was),
                )
            elif was is None and now is not None:
                change = PartChange(
                    kind=kind,
                    id=key,
                    change=ChangeKind.ADDED,
                    name=_name(now),
                    classification=_classification(now),
                )
            elif was is not None and now is not None and was != now:
                change = PartChange(
                    kind=kind,
                    id=key,
                    change=ChangeKind.CHANGED,
                    name=_name(now),
                    fields=_fields(was, now, _part_fields(now)),
                    classification=_classification(was, now),
                )
            else:
                continue
            parts.append(change)
    return Changes(plan=_fields(old, new, _PLAN_FIELDS), parts=tuple(parts))
