"""Coverage: what a plan is required to have, set against what it has, as findings and matrices.

A requirement :class:`Profile` is data: a TOML file that lists requirements, each naming a
*check kind* from a small vocabulary (:data:`CHECK_KINDS`) that code evaluates. Three
profiles ship with the package (:data:`PROFILES`): the plan's own words, the national
template for local plans against violent extremism, and the 2023 law on municipalities'
responsibility for crime prevention; :func:`load_profile` reads one of your own.

:func:`check` answers the analyst's questions with findings (codes AP501 to AP530, listed
in :data:`CODES`) that cite the plan's own words; the matrices (:func:`actor_level_matrix`,
:func:`milieu_level_matrix`, :func:`forum_actor_matrix`) show the same coverage as tables;
:func:`county` and :func:`shared_actors` compare the plans of several municipalities.

Examples:
    >>> import actionplan
    >>> plan = actionplan.example()
    >>> [f.subject for f in check(plan, "national-template-vbe") if f.code == "AP511"]
    ['support-to-leavers', 'support-to-relatives']
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Generic, Literal, NamedTuple, TypeAlias, TypeVar

from attrs import Factory, field, frozen

from actionplan.cadence import is_measurable
from actionplan.errors import (
    ActionPlanError,
    InvalidPlanError,
    InvalidValueError,
    PlanFileError,
    Problem,
)
from actionplan.findings import CODES as ALL_CODES
from actionplan.findings import CodeInfo, Finding, Severity, cite
from actionplan.levels import Fit, crosswalk, translate
from actionplan.model import (
    ActorKind,
    ForumKind,
    InvitationStatus,
    Lang,
    Measure,
    MeasureStatus,
    Modality,
    NotStated,
    Plan,
    PreventionLevel,
    PreventionScheme,
    ResourceKind,
    Role,
    Source,
)
from actionplan.serialization import load
from actionplan.validation import validate

__all__ = [
    "CHECK_KINDS",
    "CODES",
    "COORDINATOR_KINDS",
    "PROFILES",
    "SHARED_KINDS",
    "CountyRow",
    "CountyTable",
    "FolderContents",
    "Matrix",
    "PlanMetric",
    "Profile",
    "Requirement",
    "RequirementResult",
    "SharedActor",
    "actor_level_matrix",
    "check",
    "county",
    "evaluate",
    "forum_actor_matrix",
    "load_folder",
    "load_profile",
    "milieu_level_matrix",
    "plan_scheme",
    "profile",
    "shared_actors",
]


CODES: dict[str, CodeInfo] = {
    code: info for code, info in ALL_CODES.items() if code.startswith("AP5")
}
"""Finding codes this module produces, in the form of :data:`actionplan.findings.CODES`."""


# --- requirements and profiles ----------------------------------------------------------

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

Match: TypeAlias = Literal["all", "any"]
"""Whether every listed kind must be present (``all``) or one of them is enough (``any``)."""

_KindEnum: TypeAlias = type[ActorKind] | type[ForumKind] | type[ResourceKind]

_CheckFunction: TypeAlias = Callable[[Plan, "Requirement", date | None], Iterator[Finding]]


@frozen
class _Spec:
    """What a check kind needs and which function evaluates it."""

    code: str
    run: _CheckFunction
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    kinds: _KindEnum | None = None

    @property
    def params(self) -> frozenset[str]:
        return self.required | self.optional


_PARAMS = ("kinds", "match", "levels", "keywords", "modalities")
_CHECKS: dict[str, _Spec] = {}  # filled in below, once the check functions exist


def _check_slug(name: str, value: object) -> None:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise InvalidValueError(
            name,
            value,
            f"{value!r} is not a valid id",
            "use 1-64 lower-case ASCII letters, digits, '-' or '_', e.g. 'situational-picture'",
        )


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(name, value, "must not be empty", "write some text")


def _slug_field(_instance: object, attribute: Any, value: Any) -> None:
    _check_slug(attribute.name, value)


def _text_field(_instance: object, attribute: Any, value: Any) -> None:
    _check_text(attribute.name, value)


def _optional_text_field(_instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _check_text(attribute.name, value)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _default_severity(requirement: Requirement) -> Severity:
    spec = _CHECKS.get(requirement.check)
    return CODES[spec.code].severity if spec is not None else Severity.WARNING


def _valid_checks() -> str:
    return ", ".join(repr(name) for name in CHECK_KINDS)


@frozen(kw_only=True)
class Requirement:
    """One thing a profile asks of a plan, and the check kind that tells whether it has it.

    Only the parameters the check kind takes may be set (see :data:`CHECK_KINDS` and the
    coverage explanation for which kind takes which).

    Attributes:
        id: Short slug, unique in the profile.
        title: What is required, in English.
        title_sv: The same in Swedish.
        check: The check kind, one of :data:`CHECK_KINDS`.
        severity: The severity of the findings when the requirement is not met; by default
            the registered severity of the check kind's code.
        kinds: Actor, forum or resource kind codes, for the ``*-kind-present`` checks,
            ``coordinator-present`` and ``actor-kinds-on-levels``.
        match: ``all`` (every kind) or ``any`` (one kind is enough), for the
            ``*-kind-present`` checks.
        levels: Prevention levels, all of one scheme, for ``measure-on-levels`` and
            ``actor-kinds-on-levels``.
        keywords: Words to look for, for ``measure-keywords``; matched case-insensitively
            inside words, so ``anhörig`` finds ``anhörigstöd``.
        modalities: Which modalities count, for ``every-shall-actor-in-forum`` (default
            shall) and ``measures-present`` (default all).
        description: Why the requirement is there, for people.

    Raises:
        InvalidValueError: For an unknown check kind, a parameter the check kind does not
            take, a missing one it needs, or a kind or level it cannot use.

    Examples:
        >>> Requirement(
        ...     id="helpline",
        ...     title="A helpline",
        ...     title_sv="En stödtelefon",
        ...     check="resource-kind-present",
        ...     kinds=("helpline",),
        ... ).severity
        <Severity.WARNING: 'warning'>
    """

    id: str = field(validator=_slug_field)
    title: str = field(validator=_text_field)
    title_sv: str = field(validator=_text_field)
    check: str
    severity: Severity = field(default=Factory(_default_severity, takes_self=True))
    kinds: tuple[str, ...] = field(default=(), converter=_tuple)
    match: Match = "all"
    levels: tuple[PreventionLevel, ...] = field(default=(), converter=_tuple)
    keywords: tuple[str, ...] = field(default=(), converter=_tuple)
    modalities: tuple[Modality, ...] = field(default=(), converter=_tuple)
    description: str | None = field(default=None, validator=_optional_text_field)

    def __attrs_post_init__(self) -> None:
        spec = _CHECKS.get(self.check)
        if spec is None:
            close = difflib.get_close_matches(str(self.check), CHECK_KINDS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"use one of {_valid_checks()}"
            raise InvalidValueError("check", self.check, f"unknown check {self.check!r}", hint)
        if not isinstance(self.severity, Severity):
            raise InvalidValueError(
                "severity",
                self.severity,
                "is not a severity",
                "use Severity.ERROR, WARNING or INFO",
            )
        given = {
            "kinds": bool(self.kinds),
            "match": self.match != "all",
            "levels": bool(self.levels),
            "keywords": bool(self.keywords),
            "modalities": bool(self.modalities),
        }
        for name in _PARAMS:
            if given[name] and name not in spec.params:
                raise InvalidValueError(name, getattr(self, name), *_not_applicable(name, self))
        for name in sorted(spec.required):
            if not given[name]:
                raise InvalidValueError(
                    name, getattr(self, name), f"check {self.check!r} needs {name}", _EXAMPLES[name]
                )
        self._check_values(spec)

    def _check_values(self, spec: _Spec) -> None:
        if self.match not in ("all", "any"):
            raise InvalidValueError(
                "match", self.match, "is not 'all' or 'any'", "use 'all' or 'any'"
            )
        if spec.kinds is not None:
            _check_kinds(self.kinds, spec.kinds)
        if any(not isinstance(level, PreventionLevel) for level in self.levels):
            raise InvalidValueError("levels", self.levels, "are not all PreventionLevel members")
        if len({level.scheme for level in self.levels}) > 1:
            raise InvalidValueError(
                "levels",
                tuple(level.value for level in self.levels),
                "mixes levels of different schemes",
                "name levels of one scheme; plans in other schemes are compared through "
                "the crosswalk",
            )
        for keyword in self.keywords:
            _check_text("keywords", keyword)
        if any(not isinstance(modality, Modality) for modality in self.modalities):
            raise InvalidValueError("modalities", self.modalities, "are not all Modality members")

    def title_in(self, lang: Lang = "en") -> str:
        """The title in English (``"en"``) or Swedish (``"sv"``)."""
        return self.title_sv if lang == "sv" else self.title


def _check_kinds(kinds: tuple[str, ...], enum: _KindEnum) -> None:
    codes = [member.value for member in enum]
    for kind in kinds:
        if kind not in codes:
            valid = ", ".join(repr(code) for code in codes)
            raise InvalidValueError(
                "kinds", kind, f"{kind!r} is not a {_KIND_NOUN[enum]} code", f"use {valid}"
            )


_KIND_NOUN: dict[_KindEnum, str] = {
    ActorKind: "actor kind",
    ForumKind: "forum kind",
    ResourceKind: "resource kind",
}

_EXAMPLES = {
    "kinds": "e.g. kinds = ['police']",
    "match": "match = 'all' or 'any'",
    "levels": "e.g. levels = ['universal', 'selective', 'indicated']",
    "keywords": "e.g. keywords = ['anhörig', 'relatives']",
    "modalities": "e.g. modalities = ['shall', 'should']",
}


def _not_applicable(name: str, requirement: Requirement) -> tuple[str, str]:
    spec = _CHECKS[requirement.check]
    takes = ", ".join(sorted(spec.params)) or "no parameters"
    return (
        f"{name!r} does not apply to check {requirement.check!r}",
        f"{requirement.check} takes {takes}",
    )


@frozen(kw_only=True)
class Profile:
    """A set of requirements a plan is checked against, and what they are based on.

    Attributes:
        id: Short slug, e.g. ``national-template-vbe``.
        name: The profile's name in English.
        name_sv: The same in Swedish.
        source: What the requirements are based on, e.g. ``SFS 2023:196``.
        requirements: The requirements, in the order a report lists them.
        description: More about the profile, for people.

    Raises:
        InvalidValueError: When two requirements share an id, or there are none.

    Examples:
        >>> profile("crime-prevention-law-2023").source
        'SFS 2023:196'
    """

    id: str = field(validator=_slug_field)
    name: str = field(validator=_text_field)
    name_sv: str = field(validator=_text_field)
    source: str = field(validator=_text_field)
    requirements: tuple[Requirement, ...] = field(converter=_tuple)
    description: str | None = field(default=None, validator=_optional_text_field)

    def __attrs_post_init__(self) -> None:
        if not self.requirements:
            raise InvalidValueError(
                "requirements", (), "is empty", "add at least one [[requirements]] table"
            )
        seen: set[str] = set()
        for requirement in self.requirements:
            if requirement.id in seen:
                raise InvalidValueError(
                    "requirements",
                    requirement.id,
                    f"requirement id {requirement.id!r} is used twice",
                    "give each requirement its own id",
                )
            seen.add(requirement.id)

    def name_in(self, lang: Lang = "en") -> str:
        """The name in English (``"en"``) or Swedish (``"sv"``)."""
        return self.name_sv if lang == "sv" else self.name


PROFILES: tuple[str, ...] = (
    "crime-prevention-law-2023",
    "national-template-vbe",
    "plan-own-words",
)
"""Names of the profiles bundled with the package, for :func:`profile`."""


def profile(name: str) -> Profile:
    """Return a profile bundled with the package.

    Args:
        name: One of :data:`PROFILES`.

    Raises:
        KeyError: For an unknown name; the message lists the names.

    Examples:
        >>> [r.check for r in profile("crime-prevention-law-2023").requirements]
        ['situational-picture-present', 'measures-present', 'coordinator-present']
    """
    if name not in PROFILES:
        raise KeyError(f"no profile {name!r}; use one of {', '.join(map(repr, PROFILES))}")
    return _bundled(name)


@cache
def _bundled(name: str) -> Profile:
    """Read a bundled profile once: profiles are immutable, so every caller can share it."""
    file = resources.files("actionplan").joinpath("data", "profiles", f"{name}.toml")
    return _loads_profile(file.read_text("utf-8"), f"profile {name!r}")


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Read a requirement profile from a TOML file of your own.

    Raises:
        PlanFileError: When the file cannot be read.
        InvalidPlanError: When it is no valid profile; every problem is listed with its
            path (``requirements[2].check``), and the error's ``source`` is the file.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise PlanFileError(f"{file}: cannot read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        problem = Problem("", f"is not UTF-8 text: {error.reason} at byte {error.start}")
        raise InvalidPlanError([problem], str(file)) from None
    return _loads_profile(text, str(file))


def _loads_profile(text: str, source: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidPlanError([Problem("", f"is not valid TOML: {error}")], source) from None
    problems: list[Problem] = []
    result = _parse_profile(data, problems)
    if problems or result is None:
        raise InvalidPlanError(problems, source)
    return result


_PROFILE_KEYS = ("id", "name", "name_sv", "source", "description", "requirements")
_REQUIREMENT_KEYS = (
    "id",
    "title",
    "title_sv",
    "check",
    "severity",
    "description",
    *_PARAMS,
)


def _describe(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a table"}
    return f"{names.get(type(value), type(value).__name__)} ({value!r})"


def _unknown_keys(
    data: Mapping[str, Any], known: Sequence[str], base: str, problems: list[Problem]
) -> None:
    for key in sorted(set(data) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"valid keys: {', '.join(known)}"
        problems.append(Problem(_join(base, key), "is not a known key", hint=hint))


def _join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


def _text(
    data: Mapping[str, Any],
    key: str,
    base: str,
    problems: list[Problem],
    *,
    required: bool = True,
    slug: bool = False,
) -> str | None:
    path = _join(base, key)
    if key not in data:
        if required:
            problems.append(Problem(path, "is missing", hint=f"add {key} = '...'"))
        return None
    value = data[key]
    try:
        (_check_slug if slug else _check_text)(key, value)
    except InvalidValueError as error:
        message = (
            error.message if isinstance(value, str) else f"expected text, got {_describe(value)}"
        )
        problems.append(Problem(path, message, hint=error.hint, value=value))
        return None
    text: str = value
    return text


def _texts(
    data: Mapping[str, Any], key: str, base: str, problems: list[Problem]
) -> list[str] | None:
    path = _join(base, key)
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        problems.append(Problem(path, f"expected a list of text, got {_describe(value)}"))
        return None
    texts: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            got = "empty text" if isinstance(item, str) else _describe(item)
            problems.append(Problem(f"{path}[{index}]", f"expected text, got {got}"))
        else:
            texts.append(item)
    return texts


def _parse_profile(data: dict[str, Any], problems: list[Problem]) -> Profile | None:
    _unknown_keys(data, _PROFILE_KEYS, "", problems)
    ident = _text(data, "id", "", problems, slug=True)
    name = _text(data, "name", "", problems)
    name_sv = _text(data, "name_sv", "", problems)
    source = _text(data, "source", "", problems)
    description = _text(data, "description", "", problems, required=False)
    items = data.get("requirements")
    requirements: list[Requirement] = []
    if items is None:
        problems.append(
            Problem("requirements", "is missing", hint="add at least one [[requirements]] table")
        )
    elif not isinstance(items, list) or not items:
        got = "an empty list" if isinstance(items, list) else _describe(items)
        problems.append(
            Problem(
                "requirements",
                f"expected a list of tables, got {got}",
                hint="add at least one [[requirements]] table",
            )
        )
    else:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            base = f"requirements[{index}]"
            requirement = _parse_requirement(item, base, problems)
            if requirement is None:
                continue
            if requirement.id in seen:
                problems.append(
                    Problem(
                        f"{base}.id",
                        f"{requirement.id!r} is already the id of "
                        f"requirements[{seen[requirement.id]}]",
                        hint="give each requirement its own id",
                    )
                )
            seen.setdefault(requirement.id, index)
            requirements.append(requirement)
    if problems or None in (ident, name, name_sv, source):
        return None
    return Profile(
        id=str(ident),
        name=str(name),
        name_sv=str(name_sv),
        source=str(source),
        requirements=requirements,
        description=description,
    )


def _parse_requirement(item: Any, base: str, problems: list[Problem]) -> Requirement | None:
    if not isinstance(item, dict):
        problems.append(Problem(base, f"expected a table, got {_describe(item)}"))
        return None
    before = len(problems)
    _unknown_keys(item, _REQUIREMENT_KEYS, base, problems)
    ident = _text(item, "id", base, problems, slug=True)
    title = _text(item, "title", base, problems)
    title_sv = _text(item, "title_sv", base, problems)
    description = _text(item, "description", base, problems, required=False)
    kind = _text(item, "check", base, problems)
    spec = _CHECKS.get(kind) if kind is not None else None
    if kind is not None and spec is None:
        close = difflib.get_close_matches(kind, CHECK_KINDS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of {_valid_checks()}"
        problems.append(Problem(f"{base}.check", f"unknown check {kind!r}", hint=hint, value=kind))
    if spec is not None:
        for name in _PARAMS:
            if name in item and name not in spec.params:
                message, hint = _not_applicable_raw(name, str(kind), spec)
                problems.append(Problem(f"{base}.{name}", message, hint=hint))
            elif name not in item and name in spec.required:
                problems.append(
                    Problem(f"{base}.{name}", f"check {kind!r} needs {name}", hint=_EXAMPLES[name])
                )
    severity = _parse_severity(item, base, problems)
    params = _parse_params(item, base, spec, problems)
    if len(problems) > before or None in (ident, title, title_sv, kind):
        return None
    try:
        if severity is not None:
            params["severity"] = severity
        return Requirement(
            id=str(ident),
            title=str(title),
            title_sv=str(title_sv),
            check=str(kind),
            description=description,
            **params,
        )
    except InvalidValueError as error:
        problems.append(Problem(f"{base}.{error.field}", error.message, hint=error.hint))
        return None


def _not_applicable_raw(name: str, kind: str, spec: _Spec) -> tuple[str, str]:
    takes = ", ".join(sorted(spec.params)) or "no parameters"
    return f"{name!r} does not apply to check {kind!r}", f"{kind} takes {takes}"


def _parse_severity(item: Mapping[str, Any], base: str, problems: list[Problem]) -> Severity | None:
    if "severity" not in item:
        return None
    value = item["severity"]
    for severity in Severity:
        if value == severity.value:
            return severity
    valid = ", ".join(repr(s.value) for s in Severity)
    problems.append(
        Problem(
            f"{base}.severity", f"{value!r} is not a severity", hint=f"use {valid}", value=value
        )
    )
    return None


def _parse_params(
    item: Mapping[str, Any], base: str, spec: _Spec | None, problems: list[Problem]
) -> dict[str, Any]:
    params: dict[str, Any] = {}
    kinds = _texts(item, "kinds", base, problems)
    if kinds is not None and spec is not None and spec.kinds is not None:
        params["kinds"] = _parse_members(kinds, spec.kinds, f"{base}.kinds", problems)
    if "match" in item:
        match = item["match"]
        if match in ("all", "any"):
            params["match"] = match
        else:
            problems.append(
                Problem(
                    f"{base}.match", f"{match!r} is not 'all' or 'any'", hint="use 'all' or 'any'"
                )
            )
    levels = _texts(item, "levels", base, problems)
    if levels is not None:
        params["levels"] = _parse_members(levels, PreventionLevel, f"{base}.levels", problems)
    keywords = _texts(item, "keywords", base, problems)
    if keywords is not None:
        params["keywords"] = tuple(keywords)
    modalities = _texts(item, "modalities", base, problems)
    if modalities is not None:
        params["modalities"] = _parse_members(modalities, Modality, f"{base}.modalities", problems)
    return params


def _parse_members(
    texts: Sequence[str], enum: Any, path: str, problems: list[Problem]
) -> tuple[Any, ...]:
    members: list[Any] = []
    for index, text in enumerate(texts):
        try:
            member = enum.parse(text)
        except InvalidValueError as error:
            problems.append(Problem(f"{path}[{index}]", error.message, hint=error.hint, value=text))
            continue
        members.append(member.value if enum in _KIND_NOUN else member)
    return tuple(members)


# --- findings -----------------------------------------------------------------------------


def _point(source: Source | None) -> tuple[str, str]:
    if source is None:
        return "", ""
    return f" (point {source.section})", f" (punkt {source.section})"


def _finding(
    code: str,
    requirement: Requirement,
    en: str,
    sv: str,
    *,
    plan: Plan,
    path: str | None,
    subject: str | None = None,
    source: Source | None = None,
    severity: Severity | None = None,
) -> Finding:
    point_en, point_sv = _point(source)
    return Finding(
        code=code,
        severity=requirement.severity if severity is None else severity,
        message=en + point_en,
        message_sv=sv + point_sv,
        path=path,
        subject=subject,
        citation=cite(plan, source),
    )


def _lacking(
    code: str, requirement: Requirement, en: str, sv: str, *, plan: Plan, path: str
) -> Finding:
    """A finding about something the plan lacks as a whole: titled, about the requirement."""
    return _finding(
        code,
        requirement,
        f"{requirement.title}: {en}",
        f"{requirement.title_sv}: {sv}",
        plan=plan,
        path=path,
        subject=requirement.id,
    )


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(repr(item) for item in items)


def _listing(words: Sequence[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _kind_words(
    kinds: Iterable[str], enum: Any, conjunction: str = "and", conjunction_sv: str = "och"
) -> tuple[str, str]:
    """Name kinds in English and Swedish, joined by the conjunctions given."""
    members = [enum.parse(kind) for kind in kinds]
    return (
        _listing([member.label("en") for member in members], conjunction),
        _listing([member.label("sv") for member in members], conjunction_sv),
    )


def _active(plan: Plan) -> list[tuple[int, Measure]]:
    """The plan's measures with their indices, leaving out discontinued ones."""
    return [
        (index, measure)
        for index, measure in enumerate(plan.measures)
        if measure.status is not MeasureStatus.DISCONTINUED
    ]


# --- the check kinds ----------------------------------------------------------------------


def _kind_present(
    plan: Plan, requirement: Requirement, *, code: str, present: set[str], enum: Any, noun: str
) -> Iterator[Finding]:
    noun_en, noun_sv, path = _NOUNS[noun]
    missing = [kind for kind in requirement.kinds if kind not in present]
    if requirement.match == "any":
        if len(missing) < len(requirement.kinds):
            return
        en, sv = _kind_words(requirement.kinds, enum, "or", "eller")
        yield _lacking(
            code,
            requirement,
            f"the plan names no {noun_en} of the kind {en}",
            f"planen nämner {noun_sv} av slaget {sv}",
            plan=plan,
            path=path,
        )
        return
    for kind in missing:
        en, sv = _kind_words([kind], enum)
        yield _lacking(
            code,
            requirement,
            f"the plan names no {noun_en} of the kind {en}",
            f"planen nämner {noun_sv} av slaget {sv}",
            plan=plan,
            path=path,
        )


_NOUNS = {
    "actor": ("actor", "ingen aktör", "actors"),
    "forum": ("forum", "inget forum", "forums"),
    "resource": ("resource", "ingen resurs", "resources"),
}


def _actor_kind_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    present = {actor.kind.value for actor in plan.actors}
    yield from _kind_present(
        plan, requirement, code="AP501", present=present, enum=ActorKind, noun="actor"
    )


def _forum_kind_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    present = {forum.kind.value for forum in plan.forums}
    yield from _kind_present(
        plan, requirement, code="AP502", present=present, enum=ForumKind, noun="forum"
    )


def _resource_kind_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    present = {resource.kind.value for resource in plan.resources}
    yield from _kind_present(
        plan, requirement, code="AP503", present=present, enum=ResourceKind, noun="resource"
    )


def _picture_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    if not plan.situational_pictures:
        yield _lacking(
            "AP504",
            requirement,
            "the plan has no local situational picture",
            "planen har ingen lokal lägesbild",
            plan=plan,
            path="situational_pictures",
        )


def _picture_covers_milieus(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    covered: set[str] = set()
    for index, picture in enumerate(plan.situational_pictures):
        covered.update(picture.milieus)
        if not picture.milieus:
            yield _finding(
                "AP505",
                requirement,
                f"situational picture {picture.id!r} ({picture.name}) names no milieu it covers",
                f"lägesbilden {picture.id!r} ({picture.name}) anger ingen miljö som den täcker",
                plan=plan,
                path=f"situational_pictures[{index}].milieus",
                subject=picture.id,
                source=picture.source,
            )
    for index, milieu in enumerate(plan.milieus):
        if milieu.id not in covered:
            yield _finding(
                "AP505",
                requirement,
                f"milieu {milieu.id!r} ({milieu.name}) is covered by no situational picture",
                f"miljön {milieu.id!r} ({milieu.name}) täcks inte av någon lägesbild",
                plan=plan,
                path=f"milieus[{index}]",
                subject=milieu.id,
            )


def _picture_fresh(plan: Plan, requirement: Requirement, today: date | None) -> Iterator[Finding]:
    if today is None:
        return
    outdated: dict[str, Finding] | None = None
    for index, picture in enumerate(plan.situational_pictures):
        base = f"situational_pictures[{index}]"
        if picture.last_updated is None:
            en = "records no date of its last update, so nobody can tell whether it is fresh"
            sv = (
                "anger inget datum för sin senaste uppdatering, så ingen kan avgöra om den "
                "är aktuell"
            )
            path = f"{base}.last_updated"
        elif not is_measurable(picture.refresh):
            en = "states no measurable refresh cadence, so nobody can tell whether it is fresh"
            sv = "anger ingen mätbar uppdateringstakt, så ingen kan avgöra om den är aktuell"
            path = f"{base}.refresh"
        else:
            if outdated is None:
                outdated = {
                    f.subject or "": f for f in validate(plan, today=today) if f.code == "AP210"
                }
            stale = outdated.get(picture.id)
            if stale is not None:
                yield _finding(
                    "AP506",
                    requirement,
                    stale.message,
                    stale.message_sv,
                    plan=plan,
                    path=f"{base}.last_updated",
                    subject=picture.id,
                    source=picture.source,
                )
            continue
        yield _finding(
            "AP507",
            requirement,
            f"situational picture {picture.id!r} ({picture.name}) {en}",
            f"lägesbilden {picture.id!r} ({picture.name}) {sv}",
            plan=plan,
            path=path,
            subject=picture.id,
            source=picture.source,
            severity=Severity.INFO,
        )


def _measures_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    modalities = requirement.modalities or tuple(Modality)
    if any(measure.modality in modalities for _index, measure in _active(plan)):
        return
    if requirement.modalities:
        words_en = "/".join(m.label("en") for m in modalities)
        words_sv = "/".join(m.label("sv") for m in modalities)
        en, sv = f"the plan has no {words_en} measure", f"planen har ingen {words_sv}-åtgärd"
    else:
        en, sv = "the plan has no measure", "planen har ingen åtgärd"
    yield _lacking("AP508", requirement, en, sv, plan=plan, path="measures")


def _reaching(
    plan: Plan, level: PreventionLevel
) -> tuple[list[tuple[int, Measure]], list[tuple[int, Measure]]]:
    """Measures reaching *level* exactly, and those reaching it only through a looser fit."""
    exact: list[tuple[int, Measure]] = []
    loose: list[tuple[int, Measure]] = []
    for index, measure in _active(plan):
        if level in translate(measure.levels, level.scheme, exact_only=True):
            exact.append((index, measure))
        elif level in translate(measure.levels, level.scheme):
            loose.append((index, measure))
    return exact, loose


def _fits(measure: Measure, level: PreventionLevel) -> tuple[str, str]:
    pairs = [
        (own, c.fit)
        for own in measure.levels
        for c in crosswalk(own, level.scheme)
        if c.target is level
    ]
    en = ", ".join(f"{own.label('en')} ({fit.value})" for own, fit in pairs)
    sv = ", ".join(f"{own.label('sv')} ({_FIT_SV[fit]})" for own, fit in pairs)
    return en, sv


_FIT_SV = {
    Fit.EXACT: "exakt",
    Fit.BROADER: "bredare",
    Fit.NARROWER: "snävare",
    Fit.APPROXIMATE: "ungefärlig",
}


def _measure_on_levels(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    for level in requirement.levels:
        exact, loose = _reaching(plan, level)
        if exact:
            continue
        if loose:
            index, first = loose[0]
            fits_en, fits_sv = _fits(first, level)
            names = _quoted(measure.id for _i, measure in loose)
            yield _finding(
                "AP510",
                requirement,
                f"{requirement.title}: the {level.label('en')} level is reached only "
                f"approximately, through the crosswalk: {names} (first: {fits_en})",
                f"{requirement.title_sv}: nivån {level.label('sv')} nås bara ungefärligt, "
                f"genom översättningstabellen: {names} (första: {fits_sv})",
                plan=plan,
                path=f"measures[{index}].levels",
                subject=first.id,
                source=first.source,
                severity=Severity.INFO,
            )
            continue
        yield _lacking(
            "AP509",
            requirement,
            f"no measure works on the {level.label('en')} level",
            f"ingen åtgärd arbetar på nivån {level.label('sv')}",
            plan=plan,
            path="measures",
        )


def _searchable(measure: Measure) -> str:
    return " ".join((measure.description, *measure.target_groups)).casefold()


def _measure_keywords(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    words = [keyword.casefold() for keyword in requirement.keywords]
    for _index, measure in _active(plan):
        text = _searchable(measure)
        if any(word in text for word in words):
            return
    listed = _quoted(requirement.keywords)
    yield _lacking(
        "AP511",
        requirement,
        f"no measure's description or target group mentions any of {listed}",
        f"ingen åtgärds beskrivning eller målgrupp nämner något av {listed}",
        plan=plan,
        path="measures",
    )


def _follow_up_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    if not plan.follow_ups:
        yield _lacking(
            "AP512",
            requirement,
            "the plan says nothing about how the work is followed up",
            "planen säger inget om hur arbetet följs upp",
            plan=plan,
            path="follow_ups",
        )


COORDINATOR_KINDS: tuple[str, ...] = (
    ActorKind.MUNICIPAL_SECURITY.value,
    ActorKind.MUNICIPAL_MANAGEMENT.value,
)
_LEADING_ROLES = frozenset({Role.CHAIR, Role.CONVENER})


def _answering(plan: Plan) -> set[str]:
    """Ids of the actors that answer for a measure or a follow-up, or chair or convene a forum."""
    ids: set[str] = set()
    for _index, measure in _active(plan):
        ids.update(measure.responsible)
    for follow_up in plan.follow_ups:
        ids.update(follow_up.responsible)
    for forum in plan.forums:
        ids.update(m.actor for m in forum.members if m.role in _LEADING_ROLES)
    return ids


def _coordinator_present(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    kinds = requirement.kinds or COORDINATOR_KINDS
    candidates = [actor for actor in plan.actors if actor.kind.value in kinds]
    answering = _answering(plan)
    if any(actor.id in answering for actor in candidates):
        return
    words_en, words_sv = _kind_words(kinds, ActorKind, "or", "eller")
    en = (
        f"no coordinator is named: no actor of the kind {words_en} answers for a measure "
        "or a follow-up, or chairs or convenes a forum"
    )
    sv = (
        f"ingen samordnare är utsedd: ingen aktör av slaget {words_sv} ansvarar för en "
        "åtgärd eller uppföljningen eller är ordförande eller sammankallande i ett forum"
    )
    if candidates:
        names = _quoted(actor.id for actor in candidates)
        en += f"; {names} only take part"
        sv += f"; {names} deltar bara"
    yield _lacking("AP513", requirement, en, sv, plan=plan, path="actors")


def _in_forum(plan: Plan) -> set[str]:
    return {actor for forum in plan.forums for actor in forum.member_ids}


def _shall_actor_in_forum(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    modalities = requirement.modalities or (Modality.SHALL,)
    seated = _in_forum(plan)
    for index, actor in enumerate(plan.actors):
        modality = actor.modality or Modality.SHALL
        if modality not in modalities or actor.id in seated:
            continue
        noun_en, noun_sv = (
            ("actor", "aktör") if modality is Modality.SHALL else ("partner", "partner")
        )
        yield _finding(
            "AP514",
            requirement,
            f"{actor.name} ({actor.id!r}) is a {modality.label('sv')} ({modality.label('en')}) "
            f"{noun_en} in no forum",
            f"{actor.name} ({actor.id!r}) är en {modality.label('sv')}-{noun_sv} utan plats i "
            "något forum",
            plan=plan,
            path=f"actors[{index}]",
            subject=actor.id,
            source=actor.source,
        )


def plan_scheme(plan: Plan) -> PreventionScheme:
    """Return the scheme of prevention levels most of the plan's measures use.

    On a tie, or when no measure names a level, the first scheme in
    :class:`~actionplan.model.PreventionScheme` order wins.

    Examples:
        >>> import actionplan
        >>> plan_scheme(actionplan.example()).value
        'promotive-preventive-interventive'
    """
    used = Counter(
        scheme
        for measure in plan.measures
        for scheme in dict.fromkeys(level.scheme for level in measure.levels)
    )
    order = list(PreventionScheme)
    return max(order, key=lambda scheme: (used[scheme], -order.index(scheme)))


def _stated_level_has_measure(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    active = _active(plan)
    used = {level.scheme for _index, measure in active for level in measure.levels}
    for scheme in PreventionScheme:
        if scheme not in used:
            continue
        for level in PreventionLevel:
            if level.scheme is not scheme:
                continue
            if any(level in translate(m.levels, scheme, exact_only=True) for _i, m in active):
                continue
            yield _finding(
                "AP515",
                requirement,
                f"the plan's measures use the levels {scheme.label('en')}, but none works on "
                f"the {level.label('en')} level",
                f"planens åtgärder använder nivåerna {scheme.label('sv')}, men ingen arbetar "
                f"på nivån {level.label('sv')}",
                plan=plan,
                path="measures",
                subject=level.value,
            )


def _forum_has_cadence(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    for index, forum in enumerate(plan.forums):
        cadence = forum.cadence
        if not isinstance(cadence, NotStated):
            continue
        if cadence.text:
            en = f"has no cadence: the plan only says {cadence.text!r}"
            sv = f"saknar mötesfrekvens: planen säger bara {cadence.text!r}"
        else:
            en = "has no cadence: the plan does not say how often it meets"
            sv = "saknar mötesfrekvens: planen säger inte hur ofta det möts"
        yield _finding(
            "AP516",
            requirement,
            f"{forum.name} ({forum.id!r}) {en}",
            f"{forum.name} ({forum.id!r}) {sv}",
            plan=plan,
            path=f"forums[{index}].cadence",
            subject=forum.id,
            source=forum.source,
        )


def _forum_has_members(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    for index, forum in enumerate(plan.forums):
        if forum.members:
            continue
        users = [m.id for m in plan.measures if forum.id in m.forums]
        if users:
            en = (
                f"is used by {_quoted(users)} but never defined: the plan names nobody who "
                "sits in it"
            )
            sv = (
                f"används av {_quoted(users)} men definieras aldrig: planen säger inte vilka "
                "som ingår"
            )
        else:
            en = "has no members: the plan never says who sits in it"
            sv = "saknar medlemmar: planen säger aldrig vilka som ingår"
        yield _finding(
            "AP517",
            requirement,
            f"{forum.name} ({forum.id!r}) {en}",
            f"{forum.name} ({forum.id!r}) {sv}",
            plan=plan,
            path=f"forums[{index}].members",
            subject=forum.id,
            source=forum.source,
        )


_FINISHED = frozenset({MeasureStatus.COMPLETED, MeasureStatus.DISCONTINUED})


def _shall_measure_has_responsible(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    for index, measure in enumerate(plan.measures):
        if (
            measure.modality is not Modality.SHALL
            or measure.responsible
            or measure.status in _FINISHED
        ):
            continue
        yield _finding(
            "AP518",
            requirement,
            f"measure {measure.id!r} is a ska (shall) that names nobody responsible",
            f"åtgärden {measure.id!r} är ett ska-åtagande utan någon ansvarig",
            plan=plan,
            path=f"measures[{index}].responsible",
            subject=measure.id,
            source=measure.source,
        )


def _no_open_invitation(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    for index, invitation in enumerate(plan.invitations):
        if invitation.municipality is not None:
            who = f"{invitation.municipality.name} ({invitation.municipality.code})"
        else:
            who = repr(invitation.actor)
        if invitation.status is InvitationStatus.ASKED:
            code, severity = "AP519", None
            en = f"invitation to {who} has no answer yet: {invitation.subject}"
            sv = f"inbjudan till {who} är ännu obesvarad: {invitation.subject}"
        elif invitation.status is InvitationStatus.DECLINED_FOR_NOW:
            code, severity = "AP520", Severity.INFO
            en = f"invitation to {who} declined for now: {invitation.subject}"
            sv = f"inbjudan till {who} avböjd tills vidare: {invitation.subject}"
        else:
            continue
        yield _finding(
            code,
            requirement,
            en,
            sv,
            plan=plan,
            path=f"invitations[{index}].status",
            subject=invitation.id,
            source=invitation.source,
            severity=severity,
        )


def _actor_kinds_on_levels(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    scheme = requirement.levels[0].scheme if requirement.levels else plan_scheme(plan)
    matrix = actor_level_matrix(
        plan, scheme=scheme, kinds=[ActorKind.parse(k) for k in requirement.kinds]
    )
    wanted = [level.value for level in requirement.levels] or list(matrix.columns)
    levels_en = _listing([PreventionLevel.parse(v).label("en") for v in wanted], "or")
    levels_sv = _listing([PreventionLevel.parse(v).label("sv") for v in wanted], "eller")
    for kind in matrix.rows:
        if any(matrix.cell(kind, level) for level in wanted):
            continue
        kind_en, kind_sv = _kind_words([kind], ActorKind)
        yield _lacking(
            "AP521",
            requirement,
            f"no actor of the kind {kind_en} takes part in a measure on the level {levels_en}",
            f"ingen aktör av slaget {kind_sv} deltar i en åtgärd på nivån {levels_sv}",
            plan=plan,
            path="measures",
        )
    kinds_en, kinds_sv = _kind_words(matrix.rows, ActorKind, "or", "eller")
    for level in wanted:
        if any(matrix.cell(kind, level) for kind in matrix.rows):
            continue
        label = PreventionLevel.parse(level)
        yield _lacking(
            "AP522",
            requirement,
            f"no actor of the kind {kinds_en} takes part in a measure on the "
            f"{label.label('en')} level",
            f"ingen aktör av slaget {kinds_sv} deltar i en åtgärd på nivån {label.label('sv')}",
            plan=plan,
            path="measures",
        )


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _no_overlapping_measures(
    plan: Plan, requirement: Requirement, _today: date | None
) -> Iterator[Finding]:
    active = [
        (index, measure)
        for index, measure in _active(plan)
        if (measure.responsible or measure.participants) and measure.levels
    ]
    for later, (index, measure) in enumerate(active):
        actors = {*measure.responsible, *measure.participants}
        groups = {_normalise(group) for group in measure.target_groups}
        for _earlier_index, other in active[:later]:
            if {*other.responsible, *other.participants} != actors:
                continue
            if {_normalise(group) for group in other.target_groups} != groups:
                continue
            shared = [level for level in measure.levels if level in other.levels]
            if not shared:
                continue
            levels_en = ", ".join(level.label("en") for level in shared)
            levels_sv = ", ".join(level.label("sv") for level in shared)
            group_en = _quoted(measure.target_groups) or "none stated"
            group_sv = _quoted(measure.target_groups) or "ingen angiven"
            yield _finding(
                "AP523",
                requirement,
                f"measures {other.id!r} and {measure.id!r} may do the same for the same target "
                f"group: the same actors ({_quoted(sorted(actors))}), target group {group_en}, "
                f"level {levels_en}",
                f"åtgärderna {other.id!r} och {measure.id!r} kan göra samma sak för samma "
                f"målgrupp: samma aktörer ({_quoted(sorted(actors))}), målgrupp {group_sv}, "
                f"nivå {levels_sv}",
                plan=plan,
                path=f"measures[{index}]",
                subject=measure.id,
                source=measure.source,
            )


_KINDS_ONLY = frozenset({"kinds"})
_CHECKS.update(
    {
        "actor-kind-present": _Spec(
            "AP501", _actor_kind_present, _KINDS_ONLY, frozenset({"match"}), ActorKind
        ),
        "forum-kind-present": _Spec(
            "AP502", _forum_kind_present, _KINDS_ONLY, frozenset({"match"}), ForumKind
        ),
        "resource-kind-present": _Spec(
            "AP503", _resource_kind_present, _KINDS_ONLY, frozenset({"match"}), ResourceKind
        ),
        "situational-picture-present": _Spec("AP504", _picture_present),
        "situational-picture-covers-milieus": _Spec("AP505", _picture_covers_milieus),
        "situational-picture-fresh": _Spec("AP506", _picture_fresh),
        "measures-present": _Spec("AP508", _measures_present, optional=frozenset({"modalities"})),
        "measure-on-levels": _Spec("AP509", _measure_on_levels, frozenset({"levels"})),
        "measure-keywords": _Spec("AP511", _measure_keywords, frozenset({"keywords"})),
        "follow-up-present": _Spec("AP512", _follow_up_present),
        "coordinator-present": _Spec(
            "AP513", _coordinator_present, optional=_KINDS_ONLY, kinds=ActorKind
        ),
        "every-shall-actor-in-forum": _Spec(
            "AP514", _shall_actor_in_forum, optional=frozenset({"modalities"})
        ),
        "every-stated-level-has-measure": _Spec("AP515", _stated_level_has_measure),
        "every-forum-has-cadence": _Spec("AP516", _forum_has_cadence),
        "every-forum-has-members": _Spec("AP517", _forum_has_members),
        "every-shall-measure-has-responsible": _Spec("AP518", _shall_measure_has_responsible),
        "no-open-invitation": _Spec("AP519", _no_open_invitation),
        "actor-kinds-on-levels": _Spec(
            "AP521",
            _actor_kinds_on_levels,
            _KINDS_ONLY,
            frozenset({"levels"}),
            ActorKind,
        ),
        "no-overlapping-measures": _Spec("AP523", _no_overlapping_measures),
    }
)

CHECK_KINDS: tuple[str, ...] = tuple(sorted(_CHECKS))
"""Every check kind a requirement may name, sorted; the coverage explanation documents each."""


# --- running a profile ----------------------------------------------------------------------


@frozen(kw_only=True)
class RequirementResult:
    """One requirement of a profile and the findings it gave for a plan.

    Attributes:
        requirement: The requirement checked.
        findings: What the check found, in the plan's order; empty when it is met.
    """

    requirement: Requirement
    findings: tuple[Finding, ...]

    @property
    def met(self) -> bool:
        """Whether the plan meets the requirement: nothing above information was found."""
        return all(f.severity is Severity.INFO for f in self.findings)


def _profile_of(value: Profile | str) -> Profile:
    return profile(value) if isinstance(value, str) else value


def evaluate(
    plan: Plan, profile: Profile | str, *, today: date | None = None
) -> tuple[RequirementResult, ...]:
    """Check *plan* against each requirement of *profile*, in the profile's order.

    Use this for a report that lists each requirement as met or not; :func:`check` gives
    the same findings as one sorted list.

    Args:
        plan: The plan to check.
        profile: A :class:`Profile`, or the name of a bundled one.
        today: The day of the check; ``situational-picture-fresh`` runs only when it is
            given, so the result never depends on the clock.

    Examples:
        >>> import actionplan
        >>> results = evaluate(actionplan.example(), "crime-prevention-law-2023")
        >>> [(r.requirement.id, r.met) for r in results]
        [('situational-picture', True), ('action-plan', True), ('coordinating-function', False)]
    """
    chosen = _profile_of(profile)
    return tuple(
        RequirementResult(
            requirement=requirement,
            findings=tuple(_CHECKS[requirement.check].run(plan, requirement, today)),
        )
        for requirement in chosen.requirements
    )


def check(plan: Plan, profile: Profile | str, *, today: date | None = None) -> list[Finding]:
    """Return every finding of *profile*'s requirements about *plan*, most severe first.

    Findings are sorted like :func:`actionplan.validate`'s: by severity (errors first),
    code, path (``measures[2]`` before ``measures[10]``) and message, so the same plan and
    profile always give the same list. Findings about a part of the plan cite its source;
    findings about something the plan lacks as a whole name the requirement in ``subject``.

    Args:
        plan: The plan to check.
        profile: A :class:`Profile`, or the name of a bundled one (:data:`PROFILES`).
        today: The day of the check, for ``situational-picture-fresh``.

    Examples:
        >>> import actionplan
        >>> [f.message for f in check(actionplan.example(), "plan-own-words")
        ...  if f.code == "AP520"]  # doctest: +NORMALIZE_WHITESPACE
        ['invitation to Skinnskatteberg (1904) declined for now: Medverkan i ett gemensamt
          Brå mellan kommunerna (point 2)']
    """
    findings = [f for result in evaluate(plan, profile, today=today) for f in result.findings]
    return sorted(findings, key=_order)


_DIGITS = re.compile(r"([0-9]+)")


def _order(finding: Finding) -> tuple[int, str, tuple[tuple[int, int | str], ...], str]:
    path = tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _DIGITS.split(finding.path or "")
    )
    return (-finding.severity.rank, finding.code, path, finding.message)


# --- matrices -------------------------------------------------------------------------------

CellT = TypeVar("CellT", int, str)


@frozen(kw_only=True)
class Matrix(Generic[CellT]):
    """A table of the plan's coverage: a cell for each row and column, ready to render.

    Attributes:
        row_label: What the rows are, e.g. ``actor kind``.
        column_label: What the columns are, e.g. ``prevention level``.
        rows: The row keys (codes or ids), in order.
        columns: The column keys, in order.
        cells: One tuple per row, one cell per column: counts, or role codes (``""`` for
            no seat).
        approximate: Whether some count rests on an approximate correspondence of the
            crosswalk between level schemes.

    Raises:
        InvalidValueError: When the cells do not have one row per row key and one cell
            per column key.
    """

    row_label: str
    column_label: str
    rows: tuple[str, ...] = field(converter=_tuple)
    columns: tuple[str, ...] = field(converter=_tuple)
    cells: tuple[tuple[CellT, ...], ...]
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        if len(self.cells) != len(self.rows) or any(
            len(row) != len(self.columns) for row in self.cells
        ):
            raise InvalidValueError(
                "cells",
                self.cells,
                f"do not form {len(self.rows)} rows of {len(self.columns)} cells",
                "give one tuple of cells per row, one cell per column",
            )

    def cell(self, row: str, column: str) -> CellT:
        """Return the cell at *row* and *column*.

        Raises:
            KeyError: When there is no such row or column.
        """
        if row not in self.rows or column not in self.columns:
            raise KeyError(f"no cell ({row!r}, {column!r})")
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def empty_rows(self) -> tuple[str, ...]:
        """Keys of the rows whose every cell is empty (zero or no role)."""
        return tuple(
            row for row, cells in zip(self.rows, self.cells, strict=True) if not any(cells)
        )

    def empty_columns(self) -> tuple[str, ...]:
        """Keys of the columns whose every cell is empty (zero or no role)."""
        return tuple(
            column
            for index, column in enumerate(self.columns)
            if not any(cells[index] for cells in self.cells)
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the matrix as a JSON-ready mapping with lists for rows, columns and cells."""
        return {
            "row_label": self.row_label,
            "column_label": self.column_label,
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": [list(cells) for cells in self.cells],
            "approximate": self.approximate,
        }

    def to_rows(self) -> list[list[str | CellT]]:
        """Return a header row (the row label, then the columns) and one row per row key.

        Examples:
            >>> import actionplan
            >>> forum_actor_matrix(actionplan.example()).to_rows()[0][:3]
            ['forum', 'beredskapssamordnare', 'kommunledning']
        """
        table: list[list[str | CellT]] = [[self.row_label, *self.columns]]
        for row, cells in zip(self.rows, self.cells, strict=True):
            line: list[str | CellT] = [row]
            line.extend(cells)
            table.append(line)
        return table


def _levels_in(scheme: PreventionScheme) -> tuple[PreventionLevel, ...]:
    return tuple(level for level in PreventionLevel if level.scheme is scheme)


def _translated(measure: Measure, scheme: PreventionScheme) -> tuple[set[PreventionLevel], bool]:
    """The levels of *scheme* a measure reaches, and whether any only approximately."""
    reached = set(translate(measure.levels, scheme))
    exact = set(translate(measure.levels, scheme, exact_only=True))
    return reached, bool(reached - exact)


def actor_level_matrix(
    plan: Plan,
    *,
    scheme: PreventionScheme | None = None,
    kinds: Sequence[ActorKind] | None = None,
) -> Matrix[int]:
    """Count, per actor kind and prevention level, the measures an actor of the kind works on.

    An actor works on a measure when it is responsible or a participant; a measure counts
    once per kind and level however many actors of the kind take part. Levels of another
    scheme are translated through :func:`actionplan.levels.translate`, and
    :attr:`Matrix.approximate` says when a count rests on a loose fit. Discontinued
    measures are left out.

    Args:
        plan: The plan.
        scheme: The columns' scheme; by default the plan's own (:func:`plan_scheme`).
        kinds: The rows; by default the kinds of the plan's actors, in
            :class:`~actionplan.model.ActorKind` order.

    Examples:
        >>> import actionplan
        >>> matrix = actor_level_matrix(actionplan.example())
        >>> matrix.columns
        ('promotive', 'preventive', 'interventive')
        >>> matrix.cell("police", "interventive")
        1
    """
    columns = _levels_in(scheme or plan_scheme(plan))
    kind_of = {actor.id: actor.kind for actor in plan.actors}
    if kinds is None:
        present = set(kind_of.values())
        rows = tuple(kind for kind in ActorKind if kind in present)
    else:
        rows = tuple(dict.fromkeys(kinds))
    counts = {(kind, level): 0 for kind in rows for level in columns}
    approximate = False
    for _index, measure in _active(plan):
        reached, loose = _translated(measure, columns[0].scheme)
        involved = {
            kind_of[a] for a in (*measure.responsible, *measure.participants) if a in kind_of
        }
        for kind in rows:
            if kind not in involved:
                continue
            for level in columns:
                if level in reached:
                    counts[kind, level] += 1
                    approximate = approximate or loose
    return Matrix(
        row_label="actor kind",
        column_label="prevention level",
        rows=tuple(kind.value for kind in rows),
        columns=tuple(level.value for level in columns),
        cells=tuple(tuple(counts[kind, level] for level in columns) for kind in rows),
        approximate=approximate,
    )


def milieu_level_matrix(plan: Plan, *, scheme: PreventionScheme | None = None) -> Matrix[int]:
    """Count, per milieu of the plan and prevention level, the measures that concern it.

    Rows are the plan's milieus in its order; levels are translated as in
    :func:`actor_level_matrix`. A measure that names a milieu but no level counts nowhere,
    which is itself worth seeing.

    Examples:
        >>> import actionplan
        >>> milieu_level_matrix(actionplan.example()).empty_rows()
        ('vit-makt', 'autonoma', 'islamistisk')
    """
    columns = _levels_in(scheme or plan_scheme(plan))
    rows = tuple(milieu.id for milieu in plan.milieus)
    counts = {(row, level): 0 for row in rows for level in columns}
    approximate = False
    for _index, measure in _active(plan):
        reached, loose = _translated(measure, columns[0].scheme)
        for milieu in measure.milieus:
            if milieu not in rows:
                continue
            for level in columns:
                if level in reached:
                    counts[milieu, level] += 1
                    approximate = approximate or loose
    return Matrix(
        row_label="milieu",
        column_label="prevention level",
        rows=rows,
        columns=tuple(level.value for level in columns),
        cells=tuple(tuple(counts[row, level] for level in columns) for row in rows),
        approximate=approximate,
    )


def forum_actor_matrix(plan: Plan) -> Matrix[str]:
    """Show each actor's role code in each forum (``""`` where it has no seat).

    Rows are the plan's forums and columns its actors, both in the plan's order.

    Examples:
        >>> import actionplan
        >>> matrix = forum_actor_matrix(actionplan.example())
        >>> matrix.cell("bra", "polisen"), matrix.cell("bra", "landstinget")
        ('member', '')
    """
    columns = tuple(actor.id for actor in plan.actors)
    cells = []
    for forum in plan.forums:
        roles = {m.actor: m.role.value for m in forum.members}
        cells.append(tuple(roles.get(actor, "") for actor in columns))
    return Matrix(
        row_label="forum",
        column_label="actor",
        rows=tuple(forum.id for forum in plan.forums),
        columns=columns,
        cells=tuple(cells),
    )


# --- several plans: a county ----------------------------------------------------------------

PlanMetric: TypeAlias = Callable[[Plan], Mapping[str, float]]
"""A hook for more columns in a county table: ``metric(plan)`` returns named numbers.

:func:`county` calls each metric on each plan and adds one column per name; a network
module can pass its brokerage or fragmentation measures this way without coverage
importing any graph library.
"""


@frozen(kw_only=True)
class CountyRow:
    """One municipality's plan, counted: one row of a :class:`CountyTable`.

    Attributes:
        municipality: The municipality's code, ``None`` for a plan that names none.
        name: The municipality's name, ``None`` likewise.
        plan: The plan's id.
        shared_with: Codes of the other municipalities the same plan serves.
        actors: How many actors the plan names.
        forums: How many forums it has.
        measures: How many measures it has.
        errors: Findings of the profile with severity error.
        warnings: Findings with severity warning.
        infos: Findings with severity info.
        measurable_cadence_share: Share of forums with a cadence meetings can be counted
            against (per period, a rule or dates); ``None`` when there are no forums.
        metrics: Further named numbers from the metric hooks, sorted by name.
    """

    municipality: str | None
    name: str | None
    plan: str
    shared_with: tuple[str, ...] = ()
    actors: int
    forums: int
    measures: int
    errors: int
    warnings: int
    infos: int
    measurable_cadence_share: float | None
    metrics: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the row as a JSON-ready mapping; metrics become their own keys."""
        return {
            "municipality": self.municipality,
            "name": self.name,
            "plan": self.plan,
            "shared_with": list(self.shared_with),
            "actors": self.actors,
            "forums": self.forums,
            "measures": self.measures,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "measurable_cadence_share": self.measurable_cadence_share,
            **dict(self.metrics),
        }


_COUNTY_COLUMNS = (
    "municipality",
    "name",
    "plan",
    "shared_with",
    "actors",
    "forums",
    "measures",
    "errors",
    "warnings",
    "infos",
    "measurable_cadence_share",
)

_Value: TypeAlias = str | int | float | None


@frozen(kw_only=True)
class CountyTable:
    """The plans of several municipalities side by side, checked against one profile.

    Attributes:
        profile: The id of the profile the findings were counted for.
        rows: One row per municipality and plan, by municipality code, then plan id.
        metric_names: Names of the metric columns, sorted.
    """

    profile: str
    rows: tuple[CountyRow, ...]
    metric_names: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """Column names, in the order :meth:`to_rows` gives them."""
        return (*_COUNTY_COLUMNS, *self.metric_names)

    def to_rows(self) -> list[list[_Value]]:
        """Return a header row and one row per municipality; ``shared_with`` joined by commas."""
        body: list[list[_Value]] = []
        for row in self.rows:
            data = row.to_dict()
            data["shared_with"] = ",".join(row.shared_with)
            body.append([data.get(column) for column in self.columns])
        return [list(self.columns), *body]

    def to_dict(self) -> dict[str, Any]:
        """Return the table as a JSON-ready mapping."""
        return {
            "profile": self.profile,
            "columns": list(self.columns),
            "rows": [row.to_dict() for row in self.rows],
        }


def county(
    plans: Sequence[Plan],
    *,
    profile: Profile | str = "plan-own-words",
    today: date | None = None,
    metrics: Sequence[PlanMetric] = (),
) -> CountyTable:
    """Compare the plans of a county: one row per municipality, counted and checked.

    A plan shared by several municipalities gives each of them a row with the plan's
    counts, naming the others in ``shared_with``; a plan that names no municipality gives
    one row without a code.

    Args:
        plans: The plans, e.g. from :func:`load_folder`.
        profile: The profile whose findings are counted; by default the plan's own words,
            which apply to any plan.
        today: The day of the check, passed on to :func:`check`.
        metrics: Hooks that add columns (see :data:`PlanMetric`); a metric a plan does not
            report is ``None`` in its row.

    Examples:
        >>> import actionplan
        >>> table = county([actionplan.example(), actionplan.example("english")])
        >>> rows = [(row.municipality, row.plan, row.shared_with) for row in table.rows]
        >>> rows  # doctest: +NORMALIZE_WHITESPACE
        [('1962', 'vbe-2016', ('1982',)), ('1982', 'vbe-2016', ('1962',)),
         ('9901', 'eastvale-2027', ())]
    """
    chosen = _profile_of(profile)
    rows: list[CountyRow] = []
    names: set[str] = set()
    for plan in plans:
        found = Counter(f.severity for f in check(plan, chosen, today=today))
        extra: dict[str, float] = {}
        for metric in metrics:
            extra.update(metric(plan))
        names.update(extra)
        share = (
            sum(is_measurable(forum.cadence) for forum in plan.forums) / len(plan.forums)
            if plan.forums
            else None
        )
        places: list[tuple[str | None, str | None]] = [
            (m.code, m.name) for m in plan.municipalities
        ] or [(None, None)]
        for code, name in places:
            rows.append(
                CountyRow(
                    municipality=code,
                    name=name,
                    plan=plan.id,
                    shared_with=tuple(c for c in plan.municipality_codes if c != code),
                    actors=len(plan.actors),
                    forums=len(plan.forums),
                    measures=len(plan.measures),
                    errors=found[Severity.ERROR],
                    warnings=found[Severity.WARNING],
                    infos=found[Severity.INFO],
                    measurable_cadence_share=share,
                    metrics=tuple(sorted(extra.items())),
                )
            )
    rows.sort(key=lambda row: (row.municipality is None, row.municipality or "", row.plan))
    return CountyTable(profile=chosen.id, rows=tuple(rows), metric_names=tuple(sorted(names)))


class FolderContents(NamedTuple):
    """What :func:`load_folder` read: the plans, and a finding for each file it could not read."""

    plans: list[Plan]
    findings: list[Finding]


_PLAN_SUFFIXES = (".json", ".toml", ".yaml", ".yml")


def load_folder(path: str | os.PathLike[str]) -> FolderContents:
    """Read every plan file (``.toml``, ``.json``, ``.yaml``, ``.yml``) in a folder.

    Files are read in name order with :func:`actionplan.load`; sub-folders, hidden files
    and files with other suffixes are skipped. A file that is no valid plan does not stop
    the others: it yields an AP530 finding (severity error) whose ``path`` is the file's
    name and whose message lists its problems.

    Raises:
        PlanFileError: When *path* is not a folder that can be listed.
    """
    folder = Path(path)
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        raise PlanFileError(f"{folder}: cannot list: {error.strerror or error}") from error
    plans: list[Plan] = []
    findings: list[Finding] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.suffix.lower() not in _PLAN_SUFFIXES:
            continue
        if not entry.is_file():
            continue
        try:
            plans.append(load(entry))
        except InvalidPlanError as error:
            findings.append(_unreadable(entry.name, [str(p) for p in error.problems]))
        except ActionPlanError as error:
            findings.append(_unreadable(entry.name, [str(error)]))
    return FolderContents(plans=plans, findings=findings)


def _unreadable(name: str, problems: list[str]) -> Finding:
    listed = "; ".join(problems)
    return Finding(
        code="AP530",
        severity=CODES["AP530"].severity,
        message=f"{name} could not be read as a plan: {listed}",
        message_sv=f"{name} kunde inte läsas som en plan: {listed}",
        path=name,
        subject=name,
    )


SHARED_KINDS: frozenset[ActorKind] = frozenset(
    {
        ActorKind.POLICE,
        ActorKind.REGION,
        ActorKind.COUNTY_BOARD,
        ActorKind.MIGRATION_AGENCY,
        ActorKind.NATIONAL_AGENCY,
    }
)
"""Actor kinds that serve several municipalities, which :func:`shared_actors` matches."""


@frozen(kw_only=True)
class SharedActor:
    """An actor that several plans name: an edge between municipalities of a county.

    Attributes:
        kind: Its kind.
        name: Its name as the first plan (by id) gives it.
        plans: Ids of the plans that name it, sorted.
        municipalities: Codes of those plans' municipalities, sorted.
        actors: ``(plan id, actor id)`` for each plan, sorted.
    """

    kind: ActorKind
    name: str
    plans: tuple[str, ...]
    municipalities: tuple[str, ...]
    actors: tuple[tuple[str, str], ...]


def shared_actors(
    plans: Sequence[Plan], *, kinds: Iterable[ActorKind] | None = None
) -> list[SharedActor]:
    """Return the actors that two or more of *plans* name, matched by kind and name.

    Names match ignoring case and runs of spaces. Only kinds that serve several
    municipalities are matched by default (:data:`SHARED_KINDS`: the police, the region,
    the county board, the Migration Agency, national agencies), since two plans' "social
    services" are two different offices; an actor that carries a municipality code
    belongs to that municipality and is never shared.

    Args:
        plans: The plans to compare.
        kinds: The actor kinds to match; by default :data:`SHARED_KINDS`.

    Returns:
        The shared actors, by kind (in :class:`~actionplan.model.ActorKind` order), then name.

    Examples:
        >>> import actionplan
        >>> shared_actors([actionplan.example(), actionplan.example("english")])
        []
    """
    wanted = SHARED_KINDS if kinds is None else frozenset(kinds)
    seen: dict[tuple[ActorKind, str], dict[str, tuple[str, str, tuple[str, ...]]]] = {}
    for plan in plans:
        for actor in plan.actors:
            if actor.kind not in wanted or actor.municipality is not None:
                continue
            key = (actor.kind, _normalise(actor.name))
            entry = seen.setdefault(key, {})
            entry.setdefault(plan.id, (actor.id, actor.name, plan.municipality_codes))
    order = list(ActorKind)
    shared: list[SharedActor] = []
    for (kind, _name), by_plan in sorted(
        seen.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
    ):
        if len(by_plan) <= 1:
            continue
        ids = sorted(by_plan)
        shared.append(
            SharedActor(
                kind=kind,
                name=by_plan[ids[0]][1],
                plans=tuple(ids),
                municipalities=tuple(sorted({c for p in ids for c in by_plan[p][2]})),
                actors=tuple((p, by_plan[p][0]) for p in ids),
            )
        )
    return shared
