"""The public view of a plan: hidden parts and every reference to them are gone."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given

import actionplan
from actionplan import (
    Actor,
    Classification,
    Contribution,
    FollowUp,
    Forum,
    InvalidValueError,
    Invitation,
    Measure,
    Membership,
    Plan,
    Resource,
    Section,
    SituationalPicture,
    redact,
)
from actionplan.cli import main
from strategies import plans

INTERNAL = Classification.INTERNAL
CONFIDENTIAL = Classification.CONFIDENTIAL


def _plan() -> Plan:
    """A plan whose hidden parts all have ids starting with ``hidden``."""
    return Plan(
        id="plan",
        title="Trygghetsplan",
        sections=(Section(number="1", heading="Samverkan", text="Kommunen och polisen."),),
        actors=(
            Actor(id="kommunen", name="Kommunen"),
            Actor(id="hidden-actor", name="Informant", classification=CONFIDENTIAL),
        ),
        forums=(
            Forum(
                id="bra",
                name="Brå",
                members=(Membership(actor="kommunen"), Membership(actor="hidden-actor")),
            ),
            Forum(id="hidden-forum", name="Ledningsgrupp", classification=INTERNAL),
        ),
        resources=(
            Resource(id="stodlinje", name="Stödlinje"),
            Resource(id="hidden-resource", name="Intern lista", classification=INTERNAL),
        ),
        measures=(
            Measure(
                id="trygghetsvandring",
                description="Trygghetsvandringar",
                responsible=("kommunen", "hidden-actor"),
                participants=("hidden-actor",),
                forums=("bra", "hidden-forum"),
                resources=("stodlinje", "hidden-resource"),
            ),
            Measure(id="hidden-measure", description="Kartläggning", classification=CONFIDENTIAL),
        ),
        situational_pictures=(
            SituationalPicture(
                id="lagesbild",
                name="Lägesbild",
                producer="hidden-forum",
                contributors=(Contribution(actor="kommunen"), Contribution(actor="hidden-actor")),
            ),
            SituationalPicture(id="hidden-picture", name="Hotbild", classification=INTERNAL),
        ),
        invitations=(
            Invitation(id="inbjudan", subject="Brå", actor="kommunen", forum="bra"),
            Invitation(
                id="hidden-to-forum", subject="Ledning", actor="kommunen", forum="hidden-forum"
            ),
            Invitation(id="hidden-of-actor", subject="Brå", actor="hidden-actor", forum="bra"),
            Invitation(
                id="hidden-invitation", subject="Brå", actor="kommunen", classification=INTERNAL
            ),
        ),
        follow_ups=(
            FollowUp(
                id="arlig",
                description="Årlig uppföljning",
                responsible=("kommunen", "hidden-actor"),
            ),
            FollowUp(id="hidden-follow-up", description="Intern", classification=CONFIDENTIAL),
        ),
    )


def test_redact_leaves_out_every_hidden_part():
    """Parts that are internal or confidential are gone; public parts stay, in order."""
    public = redact(_plan())
    assert [a.id for a in public.actors] == ["kommunen"]
    assert [f.id for f in public.forums] == ["bra"]
    assert [r.id for r in public.resources] == ["stodlinje"]
    assert [m.id for m in public.measures] == ["trygghetsvandring"]
    assert [p.id for p in public.situational_pictures] == ["lagesbild"]
    assert [i.id for i in public.invitations] == ["inbjudan"]
    assert [f.id for f in public.follow_ups] == ["arlig"]


def test_redact_removes_each_reference_to_a_hidden_part():
    """Memberships, responsibility, forums, resources, producer and contributors lose them."""
    public = redact(_plan())
    assert public.forum("bra").members == (Membership(actor="kommunen"),)
    measure = public.measure("trygghetsvandring")
    assert measure.responsible == ("kommunen",)
    assert measure.participants == ()
    assert measure.forums == ("bra",)
    assert measure.resources == ("stodlinje",)
    picture = public.situational_pictures[0]
    assert picture.producer is None
    assert picture.contributors == (Contribution(actor="kommunen"),)
    assert public.follow_ups[0].responsible == ("kommunen",)


def test_a_redacted_plan_names_no_hidden_id_in_any_format_and_is_whole():
    """No id of a hidden part appears anywhere in the written file, which loads back."""
    public = redact(_plan())
    assert actionplan.integrity(public) == []
    for fmt in actionplan.serialization.FORMATS:
        text = actionplan.dumps(public, format=fmt)
        assert "hidden" not in text
        assert actionplan.loads(text, format=fmt) == public


def test_redact_keeps_the_plans_own_words_and_leaves_the_plan_unchanged():
    """Title and sections stay as written; the plan given is not changed."""
    plan = _plan()
    before = actionplan.dumps(plan, format="json")
    public = redact(plan)
    assert public.title == plan.title
    assert public.sections == plan.sections
    assert actionplan.dumps(plan, format="json") == before


def test_a_public_plan_comes_back_equal():
    """With nothing hidden there is nothing to take out."""
    plan = actionplan.example()
    public = attrs.evolve(
        plan,
        actors=tuple(attrs.evolve(a, classification=Classification.PUBLIC) for a in plan.actors),
    )
    assert redact(redact(public)) == redact(public)


@pytest.mark.parametrize("level", [INTERNAL, CONFIDENTIAL])
def test_redact_refuses_a_plan_that_is_not_public_with_a_hint(level):
    """A confidential plan has no public view: its title and sections are not public."""
    with pytest.raises(InvalidValueError, match="classification") as caught:
        redact(attrs.evolve(_plan(), classification=level))
    assert caught.value.hint is not None
    assert "public" in caught.value.hint


def _hidden_ids(plan: Plan) -> dict[str, set[str]]:
    public = Classification.PUBLIC
    return {
        "actor": {a.id for a in plan.actors if a.classification is not public},
        "forum": {f.id for f in plan.forums if f.classification is not public},
        "resource": {r.id for r in plan.resources if r.classification is not public},
    }


def _references(plan: Plan) -> dict[str, set[str]]:
    """Every id the plan mentions, by the kind of part it names."""
    actors = {a.id for a in plan.actors}
    actors |= {m.actor for f in plan.forums for m in f.members}
    actors |= {a for m in plan.measures for a in (*m.responsible, *m.participants)}
    actors |= {c.actor for p in plan.situational_pictures for c in p.contributors}
    actors |= {i.actor for i in plan.invitations if i.actor is not None}
    actors |= {a for f in plan.follow_ups for a in f.responsible}
    forums = {f.id for f in plan.forums} | {f for m in plan.measures for f in m.forums}
    forums |= {p.producer for p in plan.situational_pictures if p.producer is not None}
    forums |= {i.forum for i in plan.invitations if i.forum is not None}
    resources = {r.id for r in plan.resources} | {r for m in plan.measures for r in m.resources}
    return {"actor": actors, "forum": forums, "resource": resources}


@given(plan=plans())
def test_a_redacted_generated_plan_is_whole_and_mentions_no_hidden_part(plan):
    """Any plan that loads, once public as a whole, redacts to one that loads too."""
    plan = attrs.evolve(plan, classification=Classification.PUBLIC)
    public = redact(plan)
    assert actionplan.integrity(public) == []
    hidden = _hidden_ids(plan)
    mentioned = _references(public)
    for kind, ids in hidden.items():
        assert not ids & mentioned[kind], kind
    for parts in (
        public.actors,
        public.forums,
        public.measures,
        public.situational_pictures,
        public.invitations,
        public.resources,
        public.follow_ups,
    ):
        assert all(p.classification is Classification.PUBLIC for p in parts)
    assert actionplan.loads(actionplan.dumps(public, format="json"), format="json") == public


def test_convert_public_writes_the_redacted_plan(tmp_path, capsys):
    """``convert --to json --public`` prints the public view, without the hidden parts."""
    file = tmp_path / "plan.json"
    actionplan.dump(_plan(), file)
    assert main(["convert", str(file), "--to", "json", "--public"]) == 0
    out = capsys.readouterr().out
    assert "hidden" not in out
    assert actionplan.loads(out, format="json") == redact(_plan())


def test_show_public_json_holds_no_hidden_part_while_plain_show_does(tmp_path, capsys):
    """``show --format json --public`` leaves hidden parts out; without --public they stay."""
    file = tmp_path / "plan.json"
    actionplan.dump(_plan(), file)
    assert main(["show", str(file), "--format", "json", "--public"]) == 0
    public = json.loads(capsys.readouterr().out)
    assert public == actionplan.to_dict(redact(_plan()))
    assert main(["show", str(file), "--format", "json"]) == 0
    assert "hidden-actor" in capsys.readouterr().out


def test_convert_public_refuses_a_confidential_plan_with_status_2(tmp_path, capsys):
    """A plan that is not public as a whole has no public view to write."""
    file = tmp_path / "plan.json"
    actionplan.dump(attrs.evolve(_plan(), classification=CONFIDENTIAL), file)
    assert main(["convert", str(file), "--to", "json", "--public"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "classification" in captured.err
