"""The public view of a plan: what may be published, with nothing that points elsewhere.

A plan mixes public parts with internal and confidential ones (a contact list, a forum
that meets behind closed doors). :func:`redact` keeps only the public parts and removes
every reference to a part it took out, so the result is a whole plan that can be saved,
loaded and shared without revealing what was hidden, not even by an id.

Examples:
    >>> import attrs
    >>> import actionplan
    >>> plan = actionplan.example()
    >>> hidden = attrs.evolve(plan.actors[0], classification=actionplan.Classification.INTERNAL)
    >>> plan = attrs.evolve(plan, actors=(hidden, *plan.actors[1:]))
    >>> hidden.id in {actor.id for actor in redact(plan).actors}
    False
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

import attrs

from actionplan.errors import InvalidValueError
from actionplan.model import (
    Actor,
    Classification,
    FollowUp,
    Forum,
    Invitation,
    Measure,
    Plan,
    Resource,
    SituationalPicture,
)

__all__ = ["redact"]


class _Classified(Protocol):
    @property
    def classification(self) -> Classification: ...


_Part = TypeVar("_Part", bound=_Classified)


def _public(parts: Iterable[_Part]) -> tuple[_Part, ...]:
    return tuple(part for part in parts if part.classification is Classification.PUBLIC)


def _kept(ids: Iterable[str], known: set[str]) -> tuple[str, ...]:
    return tuple(item for item in ids if item in known)


def _forum(forum: Forum, actors: set[str]) -> Forum:
    members = tuple(member for member in forum.members if member.actor in actors)
    return attrs.evolve(forum, members=members)


def _measure(measure: Measure, actors: set[str], forums: set[str], resources: set[str]) -> Measure:
    return attrs.evolve(
        measure,
        responsible=_kept(measure.responsible, actors),
        participants=_kept(measure.participants, actors),
        forums=_kept(measure.forums, forums),
        resources=_kept(measure.resources, resources),
    )


def _picture(picture: SituationalPicture, actors: set[str], forums: set[str]) -> SituationalPicture:
    producer = picture.producer if picture.producer in forums else None
    contributors = tuple(c for c in picture.contributors if c.actor in actors)
    return attrs.evolve(picture, producer=producer, contributors=contributors)


def _invited(invitation: Invitation, actors: set[str], forums: set[str]) -> bool:
    """Whether *invitation* names only public parts; else it goes, not just its reference."""
    if invitation.actor is not None and invitation.actor not in actors:
        return False
    return invitation.forum is None or invitation.forum in forums


def _follow_up(follow_up: FollowUp, actors: set[str]) -> FollowUp:
    return attrs.evolve(follow_up, responsible=_kept(follow_up.responsible, actors))


def redact(plan: Plan) -> Plan:
    """Return *plan* without its internal and confidential parts or any mention of them.

    Actors, forums, measures, situational pictures, invitations, resources and follow-ups
    whose classification is not public are left out. References to them go too: members
    of a forum, a measure's responsible, participants, forums and resources, a picture's
    producer and contributors, a follow-up's responsible; an invitation from or to a part
    left out is left out whole, since it would reveal that part. The plan's own words (its
    title, sections, milieus) stay, so the result passes :func:`actionplan.integrity`
    whenever *plan* does. *plan* itself is not changed.

    Raises:
        InvalidValueError: When the plan as a whole is not public: a redacted copy of a
            confidential plan would still publish its title and sections.
    """
    if plan.classification is not Classification.PUBLIC:
        raise InvalidValueError(
            "classification",
            plan.classification.value,
            f"the plan is {plan.classification.value}, so no part of it is public",
            "set the plan's classification to 'public' once its own text may be published",
        )
    actors: tuple[Actor, ...] = _public(plan.actors)
    actor_ids = {actor.id for actor in actors}
    forums: tuple[Forum, ...] = _public(plan.forums)
    forum_ids = {forum.id for forum in forums}
    resources: tuple[Resource, ...] = _public(plan.resources)
    resource_ids = {resource.id for resource in resources}
    return attrs.evolve(
        plan,
        actors=actors,
        forums=tuple(_forum(forum, actor_ids) for forum in forums),
        measures=tuple(
            _measure(measure, actor_ids, forum_ids, resource_ids)
            for measure in _public(plan.measures)
        ),
        situational_pictures=tuple(
            _picture(picture, actor_ids, forum_ids)
            for picture in _public(plan.situational_pictures)
        ),
        invitations=tuple(
            invitation
            for invitation in _public(plan.invitations)
            if _invited(invitation, actor_ids, forum_ids)
        ),
        resources=resources,
        follow_ups=tuple(
            _follow_up(follow_up, actor_ids) for follow_up in _public(plan.follow_ups)
        ),
    )
