"""Shared fixtures: the seed plan, a tiny plan built in code, and the Hypothesis profile."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import settings

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    Forum,
    ForumKind,
    Measure,
    Membership,
    Modality,
    Municipality,
    Period,
    PerPeriod,
    Plan,
    PreventionLevel,
    Role,
    Section,
    Source,
)

# Generated plans take a while to build and write three times; no test asserts timing.
settings.register_profile("actionplan", max_examples=100, deadline=None)
settings.load_profile("actionplan")


@pytest.fixture(scope="session")
def seed() -> Plan:
    """The bundled 2016 plan against violent extremism."""
    return actionplan.example()


@pytest.fixture
def tiny_plan() -> Plan:
    """A small plan built in code: two actors, the Brå, one measure and one section."""
    return Plan(
        id="tiny",
        title="Lokal handlingsplan för Exempelby",
        municipalities=(Municipality(code="1982", name="Fagersta"),),
        sections=(Section(number="2", heading="Samverkan", text="Brå bör träffas."),),
        actors=(
            Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE),
            Actor(id="skolan", name="Skolan", kind=ActorKind.SCHOOL, municipality="1982"),
        ),
        forums=(
            Forum(
                id="bra",
                name="Brottsförebyggande rådet",
                kind=ForumKind.CRIME_PREVENTION_COUNCIL,
                members=(
                    Membership(actor="skolan", role=Role.CHAIR),
                    Membership(actor="polisen"),
                ),
                cadence=PerPeriod(count=4, period=Period.YEAR, modality=Modality.SHOULD),
                source=Source(section="2", quote="Brå bör träffas."),
            ),
        ),
        measures=(
            Measure(
                id="trygghetsvandring",
                description="Trygghetsvandringar i centrum",
                responsible=("polisen",),
                participants=("skolan",),
                forums=("bra",),
                levels=(PreventionLevel.PREVENTIVE,),
                deadline=date(2026, 5, 31),
            ),
        ),
    )
