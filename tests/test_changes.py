"""What changed between two versions of a plan: parts by id, fields old and new, readable."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    Classification,
    Contact,
    Decision,
    Forum,
    InvitationStatus,
    Membership,
    Modality,
    Municipality,
    Period,
    PerPeriod,
    Plan,
    Role,
    Section,
    Source,
    Validity,
)
from actionplan.changes import ChangeKind, Changes, FieldChange, PartKind, compare, readable


@pytest.fixture(scope="module")
def seed() -> Plan:
    return actionplan.example()


def with_forum(plan: Plan, forum: Forum) -> Plan:
    """The plan with the forum of the same id replaced."""
    return attrs.evolve(plan, forums=tuple(forum if f.id == forum.id else f for f in plan.forums))


def test_a_plan_compared_with_itself_has_no_changes(seed):
    changes = compare(seed, seed)
    assert changes.is_empty
    assert changes == Changes()


def test_a_changed_cadence_is_reported_with_both_cadences_in_words(seed):
    """Brå moving from four to six meetings a year is one changed field of one forum."""
    faster = attrs.evolve(
        seed.forum("bra"), cadence=PerPeriod(count=6, period=Period.YEAR, modality=Modality.SHALL)
    )
    changes = compare(seed, with_forum(seed, faster))

    assert not changes.is_empty
    assert changes.plan == ()
    (part,) = changes.parts
    assert (part.kind, part.id, part.change) == (PartKind.FORUM, "bra", ChangeKind.CHANGED)
    assert part.name == "Brottsförebyggande rådet (Brå)"
    assert changes.changed == (part,)
    (field,) = part.fields
    assert field.field == "cadence"
    assert field.label("sv") == "mötesfrekvens"
    assert field.label("en") == "cadence"
    assert field.old_text("sv") == "bör: minst 4 gånger per år"
    assert field.new_text("sv") == "ska: minst 6 gånger per år"
    assert field.old_text("en") == "should: at least 4 times a year"
    assert field.new_text("en") == "shall: at least 6 times a year"


def test_added_and_removed_parts_are_listed_with_their_names(seed):
    newcomer = Actor(id="bostadsbolaget", name="Bostadsbolaget", kind=ActorKind.HOUSING)
    new = attrs.evolve(
        seed,
        actors=(*seed.actors, newcomer),
        measures=tuple(m for m in seed.measures if m.id != "trygghetsvandringar"),
    )
    changes = compare(seed, new)

    assert [(p.kind, p.id, p.name) for p in changes.added] == [
        (PartKind.ACTOR, "bostadsbolaget", "Bostadsbolaget")
    ]
    assert [(p.kind, p.id) for p in changes.removed] == [(PartKind.MEASURE, "trygghetsvandringar")]
    assert changes.removed[0].name == seed.measure("trygghetsvandringar").description
    assert changes.removed[0].fields == ()
    assert changes.changed == ()
    assert ChangeKind.ADDED.label("sv") == "ny"
    assert ChangeKind.REMOVED.label("en") == "removed"


def test_a_renamed_id_counts_as_removed_and_added(seed):
    renamed = attrs.evolve(seed.forum("civilsamhallets-motesplats"), id="dialogmoten")
    new = attrs.evolve(
        seed,
        forums=tuple(renamed if f.id == "civilsamhallets-motesplats" else f for f in seed.forums),
    )
    changes = compare(seed, new)
    assert [(p.id, p.change) for p in changes.parts] == [
        ("civilsamhallets-motesplats", ChangeKind.REMOVED),
        ("dialogmoten", ChangeKind.ADDED),
    ]


def test_plan_fields_title_decision_and_validity_are_compared(seed):
    new = attrs.evolve(
        seed,
        title="Reviderad handlingsplan",
        decision=Decision(body="KF", date=date(2020, 3, 30), paragraph="12"),
        validity=Validity(valid_from=date(2020, 4, 1), revise_by=date(2023, 12, 31)),
    )
    changes = compare(seed, new)

    assert [f.field for f in changes.plan] == ["title", "decision", "validity"]
    title, decision, validity = changes.plan
    assert (title.old_text(), title.new_text()) == (seed.title, "Reviderad handlingsplan")
    assert (decision.old_text(), decision.new_text()) == (
        "KF 2016-04-25 § 74",
        "KF 2020-03-30 § 12",
    )
    assert validity.label("sv") == "giltighet"
    assert validity.old_text("sv") == "—"
    assert validity.new_text("sv") == "från 2020-04-01, revideras senast 2023-12-31"
    assert validity.new_text("en") == "from 2020-04-01, revise by 2023-12-31"
    assert changes.parts == ()


def test_members_changes_list_who_joined_and_who_left(seed):
    bra = seed.forum("bra")
    members = (*bra.members[1:], Membership(actor="socialtjanst", role=Role.CHAIR))
    changes = compare(seed, with_forum(seed, attrs.evolve(bra, members=members)))

    (field,) = changes.parts[0].fields
    assert field.field == "members"
    assert field.added == (Membership(actor="socialtjanst", role=Role.CHAIR),)
    assert field.removed == (Membership(actor="beredskapssamordnare"),)
    assert "socialtjanst (ordförande)" in field.new_text("sv")
    assert "beredskapssamordnare (member)" in field.old_text("en")


def test_added_and_removed_are_empty_for_a_field_that_is_not_a_list():
    field = FieldChange(field="name", old="Brå", new="Brottsförebyggande rådet")
    assert field.added == ()
    assert field.removed == ()
    assert FieldChange(field="some_new_field", old=1, new=2).label() == "some new field"


def test_parts_come_in_a_fixed_order_by_kind_then_natural_id_order():
    """Sections sort as numbers (2 before 10), kinds in the plan's order, whatever the input."""
    old = Plan(id="p", title="Plan")
    new = Plan(
        id="p",
        title="Plan",
        sections=(
            Section(number="10", heading="Tio"),
            Section(number="2", heading="Två"),
            Section(number="2.1", heading="Två ett"),
        ),
        forums=(Forum(id="b-forum", name="B"), Forum(id="a-forum", name="A")),
        actors=(Actor(id="zeta", name="Zeta"), Actor(id="alfa", name="Alfa")),
    )
    changes = compare(old, new)
    assert [(p.kind.value, p.id) for p in changes.parts] == [
        ("section", "2"),
        ("section", "2.1"),
        ("section", "10"),
        ("actor", "alfa"),
        ("actor", "zeta"),
        ("forum", "a-forum"),
        ("forum", "b-forum"),
    ]
    assert compare(old, new) == changes


def test_reordering_a_list_of_parts_changes_nothing(seed):
    shuffled = attrs.evolve(seed, actors=tuple(reversed(seed.actors)))
    assert compare(seed, shuffled).is_empty


def test_a_section_whose_text_changed_is_reported_by_its_number(seed):
    section = attrs.evolve(seed.section("6"), text="Ny text.")
    new = attrs.evolve(
        seed, sections=tuple(section if s.number == "6" else s for s in seed.sections)
    )
    (part,) = compare(seed, new).parts
    assert (part.kind, part.id, part.name) == (
        PartKind.SECTION,
        "6",
        "Glöm inte det civila samhället",
    )
    assert [f.field for f in part.fields] == ["text"]
    assert PartKind.SECTION.label("sv") == "punkt"


def test_public_changes_leave_out_parts_that_are_or_were_confidential(seed):
    """A part that was confidential stays out even when the new version makes it public."""
    group = seed.forum("samverkansgruppen")
    opened = attrs.evolve(group, classification=Classification.PUBLIC, purpose="Ärendearbete.")
    new = attrs.evolve(
        with_forum(seed, opened),
        actors=(
            *seed.actors,
            Actor(id="hemlig", name="Hemlig", classification=Classification.INTERNAL),
        ),
    )
    changes = compare(seed, new)
    assert {p.id for p in changes.parts} == {"samverkansgruppen", "hemlig"}
    assert {p.id: p.classification for p in changes.parts} == {
        "samverkansgruppen": Classification.CONFIDENTIAL,
        "hemlig": Classification.INTERNAL,
    }
    assert changes.public().parts == ()
    assert changes.public().plan == changes.plan


def test_readable_says_values_for_people():
    assert readable(None) == "—"
    assert readable(()) == "—"
    assert readable(True, "sv") == "ja"
    assert readable(False, "en") == "no"
    assert readable(ActorKind.POLICE, "sv") == "polis"
    assert readable(date(2027, 2, 9)) == "2027-02-09"
    assert readable(Source(section="2", quote="Brå bör träffas."), "sv") == (
        "punkt 2: “Brå bör träffas.”"
    )
    assert readable(Source(section="2"), "en") == "point 2"
    assert readable(Municipality(code="1982", name="Fagersta")) == "Fagersta (1982)"
    assert readable(Contact(email="bra@fagersta.se", phone="0223-440 00"), "sv") == (
        "e-post bra@fagersta.se, telefon 0223-440 00"
    )
    assert readable(Contact(), "en") == "—"
    member = Membership(actor="polisen", modality=Modality.MAY, as_needed=True)
    assert readable(member, "sv") == "polisen (ledamot, kan, vid behov)"
    assert readable(42) == "42"


def test_contributors_to_a_situational_picture_are_readable(seed):
    picture = seed.situational_pictures[0]
    changed = attrs.evolve(picture, contributors=(*picture.contributors,), last_updated=None)
    more = attrs.evolve(
        changed,
        contributors=(
            *picture.contributors,
            attrs.evolve(picture.contributors[0], actor="socialtjanst", central=False),
        ),
    )
    new = attrs.evolve(seed, situational_pictures=(more,))
    (part,) = compare(seed, new).parts
    (field,) = part.fields
    assert field.old_text("sv") == "polisen (central)"
    assert field.new_text("en") == "polisen (central part), socialtjanst"


def test_an_invitation_whose_answer_came_shows_the_status_labels(seed):
    invitation = attrs.evolve(seed.invitations[0], status=InvitationStatus.ACCEPTED)
    (part,) = compare(seed, attrs.evolve(seed, invitations=(invitation,))).parts
    assert (part.kind, part.name) == (PartKind.INVITATION, invitation.subject)
    (field,) = part.fields
    assert (field.old_text("sv"), field.new_text("sv")) == ("avböjd tills vidare", "accepterad")
