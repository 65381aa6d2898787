"""The JSON Schema describes exactly the JSON files actionplan writes and reads."""

from __future__ import annotations

import json
from importlib import resources

import attrs
import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

from actionplan import (
    FORMAT_VERSION,
    InvalidPlanError,
    Modality,
    Period,
    Plan,
    json_schema,
    loads,
    to_dict,
)
from actionplan.model import PERIOD_DAYS
from strategies import plans

VALIDATOR = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
MINIMAL = {"format_version": 1, "id": "plan", "title": "Plan"}


def _errors(document):
    return list(VALIDATOR.iter_errors(document))


def test_schema_is_a_valid_draft_2020_12_schema():
    """Draft202012Validator.check_schema accepts it, and it says which dialect it uses."""
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/plan-{FORMAT_VERSION}.json")


def test_schema_is_deterministic_and_each_call_returns_a_fresh_copy():
    """Two calls serialise to the same bytes; changing one result leaves the next alone."""
    first = json_schema()
    assert json.dumps(first) == json.dumps(json_schema())
    assert list(first["$defs"]) == sorted(first["$defs"])
    first["$defs"].clear()
    assert json_schema()["$defs"]


@given(plans())
def test_every_generated_plan_validates_against_the_schema(plan):
    """What dumps(format='json') writes, the schema accepts, format checks included."""
    assert _errors(to_dict(plan, format="json")) == []


def test_tiny_plan_validates(tiny_plan):
    """A hand-built plan with a cadence, a member list and a deadline validates."""
    assert _errors(to_dict(tiny_plan, format="json")) == []


@pytest.mark.parametrize("name", ["handlingsplan-vbe-2016.toml", "crime-prevention-plan.toml"])
def test_bundled_example_plans_validate(name):
    """The seed plan and the English example both validate once written as JSON."""
    path = resources.files("actionplan").joinpath("data", name)
    if not path.is_file():
        pytest.skip(f"bundled example {name} is not in this checkout")
    plan = loads(path.read_text("utf-8"), format="toml", source=name)
    assert _errors(to_dict(plan, format="json")) == []


def test_top_level_requires_format_version_and_the_plans_required_fields():
    """format_version is the constant 1; id and title are the plan's required fields."""
    schema = json_schema()
    assert schema["required"] == ["format_version", "id", "title"]
    assert schema["properties"]["format_version"]["const"] == FORMAT_VERSION
    assert list(schema["properties"])[1:] == [a.name for a in attrs.fields(Plan)]
    assert schema["additionalProperties"] is False


def test_every_object_forbids_unknown_keys():
    """Like the loader, the schema refuses keys it does not know, at every level."""
    for name, definition in json_schema()["$defs"].items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name


def test_required_fields_are_the_fields_without_a_default():
    """Actor needs id and name; a cadence needs its kind and its own required fields."""
    defs = json_schema()["$defs"]
    assert defs["Actor"]["required"] == ["id", "name"]
    assert defs["PerPeriod"]["required"] == ["kind", "count"]
    assert defs["Rule"]["required"] == ["kind", "rrule", "start"]
    assert defs["Decision"]["required"] == ["body", "date"]
    assert "required" not in defs["Contact"]


def test_cadence_is_one_of_its_kinds_each_with_a_constant_kind():
    """Each cadence class has its own definition, told apart by the 'kind' constant."""
    defs = json_schema()["$defs"]
    refs = [choice["$ref"] for choice in defs["Cadence"]["oneOf"]]
    names = [ref.rsplit("/", 1)[1] for ref in refs]
    assert names == [
        "PerPeriod",
        "Rule",
        "Dates",
        "AsNeeded",
        "NotStated",
        "MaxInterval",
        "EveryNth",
        "Seasonal",
        "MonthDeadline",
        "ElectoralCycle",
    ]
    kinds = [defs[name]["properties"]["kind"]["const"] for name in names]
    assert kinds == [
        "per-period",
        "rule",
        "dates",
        "as-needed",
        "not-stated",
        "max-interval",
        "every-nth",
        "seasonal",
        "month-deadline",
        "electoral-cycle",
    ]


def test_enums_list_their_codes_and_say_that_labels_also_load():
    """The schema lists canonical codes; its description says Swedish words load too."""
    modality = json_schema()["$defs"]["Modality"]
    assert modality["enum"] == [m.value for m in Modality]
    assert "canonical codes" in modality["description"]
    assert "Swedish" in modality["description"]


def test_descriptions_come_from_the_model_docstrings():
    """Each definition starts from its class docstring; attributes from its Attributes."""
    defs = json_schema()["$defs"]
    assert defs["Actor"]["description"] == (
        "An organisation, or a function in one, that the plan gives a part."
    )
    assert defs["Actor"]["properties"]["id"]["description"].startswith("Short slug")


def _forum(cadence):
    return {**MINIMAL, "forums": [{"id": "bra", "name": "Brå", "cadence": cadence}]}


_BOTH = {
    "id": "i",
    "subject": "s",
    "actor": "polisen",
    "municipality": {"code": "1904", "name": "Skinnskatteberg"},
}

BAD_DOCUMENTS = {
    "not an object": [MINIMAL],
    "no format_version": {"id": "plan", "title": "Plan"},
    "newer format_version": {**MINIMAL, "format_version": 2},
    "unknown top-level key": {**MINIMAL, "titel": "Plan"},
    "missing title": {"format_version": 1, "id": "plan"},
    "unknown actor key": {**MINIMAL, "actors": [{"id": "a", "name": "A", "nmae": "B"}]},
    "id not a slug": {**MINIMAL, "id": "Plan"},
    "id too long": {**MINIMAL, "id": "p" * 65},
    "blank name": {**MINIMAL, "actors": [{"id": "a", "name": "  "}]},
    "title a number": {**MINIMAL, "title": 5},
    "municipality code": {**MINIMAL, "municipalities": [{"code": "198", "name": "F"}]},
    "section number": {**MINIMAL, "sections": [{"number": "2a", "heading": "H"}]},
    "impossible date": {**MINIMAL, "decision": {"body": "KF", "date": "2027-02-30"}},
    "date as text": {**MINIMAL, "decision": {"body": "KF", "date": "25 april 2016"}},
    "unknown enum code": {**MINIMAL, "classification": "secret"},
    "language": {**MINIMAL, "language": "de"},
    "count zero": _forum({"kind": "per-period", "count": 0}),
    "count over a week": _forum({"kind": "per-period", "count": 8, "period": "week"}),
    "count over a year": _forum({"kind": "per-period", "count": 367}),
    "count as text": _forum({"kind": "per-period", "count": "4"}),
    "unknown cadence kind": _forum({"kind": "quarterly"}),
    "cadence without kind": _forum({"count": 4}),
    "cadence extra key": _forum({"kind": "as-needed", "count": 4}),
    "forum cadence null": _forum(None),
    "no dates": _forum({"kind": "dates", "dates": []}),
    "repeated date": _forum({"kind": "dates", "dates": ["2024-03-01", "2024-03-01"]}),
    "rule without start": _forum({"kind": "rule", "rrule": "FREQ=MONTHLY"}),
    "repeated responsible": {
        **MINIMAL,
        "actors": [{"id": "a", "name": "A"}],
        "measures": [{"id": "m", "description": "d", "responsible": ["a", "a"]}],
    },
    "email without at": {
        **MINIMAL,
        "actors": [{"id": "a", "name": "A", "contact": {"email": "bra.fagersta.se"}}],
    },
    "invitation to nobody": {**MINIMAL, "invitations": [{"id": "i", "subject": "s"}]},
    "invitation to both": {
        **MINIMAL,
        "actors": [{"id": "polisen", "name": "Polisen"}],
        "invitations": [_BOTH],
    },
}


@pytest.mark.parametrize("document", BAD_DOCUMENTS.values(), ids=list(BAD_DOCUMENTS))
def test_documents_the_loader_refuses_are_refused_by_the_schema(document):
    """The schema and the loader agree on what is wrong with a single value."""
    assert _errors(document) != []
    with pytest.raises(InvalidPlanError):
        loads(json.dumps(document))


def test_schema_accepts_null_where_the_loader_reads_it_as_absent():
    """Optional fields may be null in JSON: both the loader and the schema accept it."""
    document = {
        **MINIMAL,
        "note": None,
        "decision": None,
        "measures": [{"id": "m", "description": "d", "cadence": None, "deadline": None}],
    }
    assert _errors(document) == []
    assert loads(json.dumps(document)).measures[0].cadence is None


@pytest.mark.parametrize("period", list(Period))
def test_count_limits_follow_the_period(period):
    """At most one meeting a day: the schema and the model share the limit of each period."""
    most = PERIOD_DAYS[period]
    assert _errors(_forum({"kind": "per-period", "count": most, "period": period.value})) == []
    assert _errors(_forum({"kind": "per-period", "count": most + 1, "period": period.value}))


def test_count_limit_without_a_period_is_the_years():
    """The period defaults to a year, so 366 is the most a cadence without one allows."""
    assert _errors(_forum({"kind": "per-period", "count": 366})) == []
    assert _errors(_forum({"kind": "per-period", "count": 367})) != []


def test_swedish_words_load_but_the_schema_wants_the_codes():
    """'bör' is a valid modality for the loader; the schema lists canonical codes only."""
    document = {**MINIMAL, "measures": [{"id": "m", "description": "d", "modality": "bör"}]}
    assert loads(json.dumps(document)).measures[0].modality is Modality.SHOULD
    assert _errors(document) != []


def test_schema_cannot_see_dangling_references_which_the_loader_reports():
    """References between parts need the whole plan; that is integrity's job, not the schema's."""
    document = {**MINIMAL, "measures": [{"id": "m", "description": "d", "responsible": ["x"]}]}
    assert _errors(document) == []
    with pytest.raises(InvalidPlanError, match="unknown actor 'x'"):
        loads(json.dumps(document))


def test_json_schema_is_public_from_the_package():
    """The schema is part of the package's public API."""
    import actionplan  # noqa: PLC0415 - the package under test

    assert actionplan.json_schema is json_schema
    assert "json_schema" in actionplan.__all__
