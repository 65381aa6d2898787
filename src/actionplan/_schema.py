"""A JSON Schema of the plan file, derived from the model so the two cannot drift apart.

The schema is built by walking the attrs classes of :mod:`actionplan.model`: their fields,
type hints, defaults and validators. It describes the JSON that :func:`actionplan.dumps`
writes and :func:`actionplan.loads` reads; what only the whole plan can tell (unique ids,
references that resolve) stays with :func:`actionplan.integrity`.

Examples:
    >>> schema = json_schema()
    >>> schema["properties"]["format_version"]
    {'const': 1, 'description': 'The version of the file format.'}
    >>> schema["$defs"]["Modality"]["enum"]
    ['shall', 'should', 'may']
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, Literal, get_args, get_origin

import attrs

from actionplan import model
from actionplan.model import (
    _MUNICIPALITY_CODE,
    _SECTION,
    _SLUG,
    PERIOD_DAYS,
    Contact,
    Dates,
    Invitation,
    Period,
    PerPeriod,
    _municipality_code,
    _municipality_codes,
    _non_blank,
    _optional_municipality_code,
    _optional_non_blank,
    _optional_slug,
    _section_number,
    _slug,
    _slugs,
    _unique,
)
from actionplan.serialization import FORMAT_VERSION

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NON_BLANK = r"\S"
_CADENCE = "Cadence"
_SCALARS: dict[Any, dict[str, Any]] = {
    type(None): {"type": "null"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    date: {"type": "string", "format": "date", "pattern": _ISO_DATE},
}

# What a field validator of the model means for the strings it checks.
_STRING_RULES: dict[Any, dict[str, Any]] = {
    _slug: {"pattern": _SLUG.pattern},
    _slugs: {"pattern": _SLUG.pattern},
    _optional_slug: {"pattern": _SLUG.pattern},
    _municipality_code: {"pattern": _MUNICIPALITY_CODE.pattern},
    _municipality_codes: {"pattern": _MUNICIPALITY_CODE.pattern},
    _optional_municipality_code: {"pattern": _MUNICIPALITY_CODE.pattern},
    _section_number: {"pattern": _SECTION.pattern},
    _non_blank: {"pattern": _NON_BLANK},
    _optional_non_blank: {"pattern": _NON_BLANK},
}

# Rules the model checks after construction (``__attrs_post_init__``, method validators),
# which field validators cannot reveal: first for the strings of a field, then for the field.
_FIELD_STRING_RULES: dict[tuple[type, str], dict[str, Any]] = {
    (Contact, "email"): {"pattern": "@"},  # implies the field's non-blank pattern
}
_FIELD_EXTRAS: dict[tuple[type, str], dict[str, Any]] = {
    (Dates, "dates"): {"minItems": 1},
    (PerPeriod, "count"): {"minimum": 1, "maximum": max(PERIOD_DAYS.values())},
}


def json_schema() -> dict[str, Any]:
    """Return a JSON Schema (draft 2020-12) of the JSON plan file.

    Editors and other tools can use it to check a file or offer completion; it is built
    from the model, so it follows every change to it. Enumerations list their canonical
    codes only, although loading also accepts the Swedish labels and aliases, and the
    schema cannot check what needs the whole plan (unique ids, references), which
    :func:`actionplan.integrity` does. Each call returns a fresh dictionary.

    Returns:
        The schema as a JSON-ready mapping, ``$defs`` sorted by name.

    Examples:
        >>> schema = json_schema()
        >>> schema["required"]
        ['format_version', 'id', 'title']
        >>> schema["$defs"]["PerPeriod"]["properties"]["kind"]
        {'const': 'per-period', 'description': 'Which kind of cadence this is.'}

    Added in 0.1.0.
    """
    version = FORMAT_VERSION
    defs: dict[str, dict[str, Any]] = {}
    plan = _class_schema(model.Plan, defs)
    return {
        "$schema": _DIALECT,
        "$id": f"https://actionplan.invalid/schema/plan-{version}.json",
        "title": f"actionplan plan file, format version {version}",
        "description": (
            f"{plan['description']} Written by actionplan.dumps(format='json'). The schema "
            "checks each value; unique ids and references between parts are checked by "
            "actionplan.integrity when the file is loaded."
        ),
        "type": "object",
        "properties": {
            "format_version": {
                "const": version,
                "description": "The version of the file format.",
            },
            **plan["properties"],
        },
        "required": ["format_version", *plan["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _class_schema(cls: type, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the object schema of an attrs class, adding what it refers to to *defs*."""
    hints = typing.get_type_hints(cls)
    notes = _attribute_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    kind = getattr(cls, "kind", None)
    if isinstance(kind, str):
        properties["kind"] = {"const": kind, "description": "Which kind of cadence this is."}
        required.append("kind")
    for attribute in attrs.fields(cls):
        schema = _type_schema(hints[attribute.name], defs)
        rules, unique = _validator_rules(attribute)
        rules.update(_FIELD_STRING_RULES.get((cls, attribute.name), {}))
        schema = _with_string_rules(schema, rules)
        if unique:
            schema["uniqueItems"] = True
        schema.update(_FIELD_EXTRAS.get((cls, attribute.name), {}))
        if attribute.name in notes:
            schema = {"description": notes[attribute.name], **schema}
        properties[attribute.name] = schema
        if attribute.default is attrs.NOTHING:
            required.append(attribute.name)
    result: dict[str, Any] = {
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
    }
    if required:
        result["required"] = required
    result["additionalProperties"] = False
    result.update(_class_extras(cls))
    return result


def _class_extras(cls: type) -> dict[str, Any]:
    """Rules between fields of one class, which the model checks after construction."""
    if cls is PerPeriod:
        limits = [
            {
                "if": {"properties": {"period": {"const": period.value}}, "required": ["period"]},
                "then": {"properties": {"count": {"maximum": PERIOD_DAYS[period]}}},
            }
            for period in Period
            if PERIOD_DAYS[period] < max(PERIOD_DAYS.values())
        ]
        return {"allOf": limits}
    if cls is Invitation:
        return {
            "oneOf": [
                {"properties": {"actor": {"type": "string"}}, "required": ["actor"]},
                {"properties": {"municipality": {"type": "object"}}, "required": ["municipality"]},
            ]
        }
    return {}


def _type_schema(type_: Any, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the schema of one type hint of the model."""
    schema: dict[str, Any]
    if type_ in _SCALARS:
        schema = dict(_SCALARS[type_])
    elif isinstance(type_, type) and issubclass(type_, Enum):
        schema = _ref(type_.__name__, defs, lambda: _enum_schema(type_))
    elif get_origin(type_) is Literal:
        schema = {"type": "string", "enum": list(get_args(type_))}
    elif get_origin(type_) is tuple:
        schema = {"type": "array", "items": _type_schema(get_args(type_)[0], defs)}
    elif get_origin(type_) in (types.UnionType, typing.Union):
        schema = _union_schema(type_, defs)
    elif attrs.has(type_):
        schema = _ref(type_.__name__, defs, lambda: _class_schema(type_, defs))
    else:
        message = f"no JSON Schema for {type_!r}"
        raise TypeError(message)
    return schema


def _union_schema(type_: Any, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return ``oneOf`` the members of a union; the cadence union becomes one definition."""
    members = [arg for arg in get_args(type_) if arg is not type(None)]
    nullable = len(members) < len(get_args(type_))
    if set(members) == set(get_args(model.Cadence)):
        choices = [_ref(_CADENCE, defs, lambda: _cadence_schema(defs))]
    else:
        choices = [_type_schema(member, defs) for member in members]
    if nullable:
        choices.append({"type": "null"})
    return choices[0] if len(choices) == 1 else {"oneOf": choices}


def _cadence_schema(defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the definition of a cadence: one object per kind, told apart by ``kind``."""
    return {
        "description": "How often something happens: an object whose 'kind' names the variant.",
        "oneOf": [_type_schema(cls, defs) for cls in get_args(model.Cadence)],
    }


def _ref(
    name: str, defs: dict[str, dict[str, Any]], build: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Return a reference to ``$defs/name``, building the definition on first use."""
    if name not in defs:
        defs[name] = {}  # reserve the name, so a class referring to itself ends here
        defs[name] = build()
    return {"$ref": f"#/$defs/{name}"}


def _enum_schema(enum: type[Enum]) -> dict[str, Any]:
    """Return the definition of an enumeration: its codes, and a note on other spellings."""
    return {
        "description": (
            f"{_summary(enum)} The schema lists the canonical codes; loading also accepts "
            "the English and Swedish labels and common Swedish aliases, ignoring case."
        ),
        "type": "string",
        "enum": [member.value for member in enum],
    }


def _validator_rules(attribute: attrs.Attribute[Any]) -> tuple[dict[str, Any], bool]:
    """Return the string rules a field's validators imply, and whether items are unique."""
    validator = attribute.validator
    if validator is None:
        return {}, False
    validators = getattr(validator, "_validators", (validator,))
    rules: dict[str, Any] = {}
    for item in validators:
        rules.update(_STRING_RULES.get(item, {}))
    return rules, _unique in validators


def _with_string_rules(schema: dict[str, Any], rules: dict[str, Any]) -> dict[str, Any]:
    """Apply *rules* to the strings in *schema*: itself, its items, or a union member."""
    if not rules:
        return schema
    if schema.get("type") == "string":
        return {**schema, **rules}
    if "items" in schema:
        return {**schema, "items": _with_string_rules(schema["items"], rules)}
    if "oneOf" in schema:
        return {**schema, "oneOf": [_with_string_rules(s, rules) for s in schema["oneOf"]]}
    return schema


def _summary(obj: type) -> str:
    """Return the first line of a class docstring, in plain text."""
    doc = inspect.getdoc(obj) or ""
    return _plain(doc.splitlines()[0]) if doc else ""


def _attribute_docs(cls: type) -> dict[str, str]:
    """Return the descriptions in the ``Attributes:`` section of a Google-style docstring."""
    lines = (inspect.getdoc(cls) or "").splitlines()
    if "Attributes:" not in lines:
        return {}
    notes: dict[str, str] = {}
    name = ""
    for line in lines[lines.index("Attributes:") + 1 :]:
        if line and not line[0].isspace():
            break
        entry = re.match(r"^ {4}(\w+): (.*)$", line)
        if entry:
            name = entry.group(1)
            notes[name] = entry.group(2).strip()
        elif name and line.strip():
            notes[name] = f"{notes[name]} {line.strip()}"
    return {key: _plain(value) for key, value in notes.items()}


def _plain(text: str) -> str:
    """Turn reStructuredText markup into plain text: roles, literals and emphasis."""
    text = re.sub(r":\w+:`~?([^`]+)`", r"\1", text)
    for python, json in (("None", "null"), ("True", "true"), ("False", "false")):
        text = text.replace(f"``{python}``", json)
    return text.replace("``", "'").replace("*", "")
