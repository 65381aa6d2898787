"""Plans on disk: JSON, TOML and YAML through cattrs, strict on the way in, lossless out.

One cattrs converter per format, because native types differ (TOML and YAML have dates,
JSON has strings). Reading is strict: unknown keys, wrong types and bad dates are all
collected into one :class:`InvalidPlanError` with a path for each problem. Writing is
deterministic: keys in model order, defaults left out, the same plan gives the same bytes.

Examples:
    >>> import actionplan
    >>> plan = actionplan.example()
    >>> text = actionplan.dumps(plan, format="toml")
    >>> actionplan.loads(text, format="toml") == plan
    True
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeAlias, get_args, get_origin

import attrs
import cattrs
import tomli_w
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from actionplan import model
from actionplan.errors import InvalidPlanError, InvalidValueError, PlanFileError, Problem
from actionplan.findings import Severity
from actionplan.model import AsNeeded, Dates, Lang, NotStated, PerPeriod, Plan, Rule
from actionplan.validation import integrity

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "MAX_BYTES",
    "Format",
    "dump",
    "dumps",
    "example",
    "from_dict",
    "load",
    "loads",
    "to_dict",
    "write_atomic",
]

Format: TypeAlias = Literal["json", "toml", "yaml"]
FORMATS: tuple[Format, ...] = ("json", "toml", "yaml")
"""The file formats actionplan reads and writes."""

FORMAT_VERSION = 1
"""The version of the file format this release writes; files carry it as ``format_version``."""

MAX_BYTES = 10 * 1024 * 1024
"""The largest plan file read (10 MiB); a real plan is a few tens of kilobytes."""

_SUFFIXES: dict[str, Format] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}
_CADENCES: dict[str, type[model.Cadence]] = {
    cls.kind: cls
    for cls in (
        PerPeriod,
        Rule,
        Dates,
        AsNeeded,
        NotStated,
        model.MaxInterval,
        model.EveryNth,
        model.Seasonal,
        model.MonthDeadline,
        model.ElectoralCycle,
    )
}
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DIGIT_LIMIT = re.compile(r"Exceeds the limit \((\d+) digits\)")
_EXAMPLES = {"seed": "handlingsplan-vbe-2016.toml", "english": "crime-prevention-plan.toml"}


class _LeafError(ValueError):
    """A problem with one value, raised inside cattrs hooks and turned into a Problem."""

    def __init__(self, message: str, hint: str | None = None, subpath: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.subpath = subpath


def _describe(value: object) -> str:
    if value is None:
        return "null (an empty value)"
    names = {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list"}
    for kind, name in names.items():
        if type(value) is kind:
            return f"{name} ({value!r})" if kind is not list else name
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    return type(value).__name__


# --- converters ---------------------------------------------------------------------------


def _structure_str(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise _LeafError(f"expected text, got {_describe(value)}", "put the text in quotes")
    if not value.isascii():
        surrogate = _SURROGATE.search(value)
        if surrogate is not None:
            raise _LeafError(
                f"holds a lone surrogate ({surrogate.group()!r}), which is no character",
                "write the character itself, or a \\uXXXX\\uXXXX pair for one beyond U+FFFF",
            )
    return value


def _structure_int(value: Any, _type: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _LeafError(f"expected a whole number, got {_describe(value)}")
    return value


def _structure_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise _LeafError(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: Any, _type: Any) -> date:
    if isinstance(value, datetime):
        raise _LeafError(
            f"expected a date, got {_describe(value)}", "write only the date, YYYY-MM-DD"
        )
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _LeafError(
                f"{value!r} is not a date in the calendar", "check day and month"
            ) from None
    raise _LeafError(f"expected a date, got {_describe(value)}", "write it as YYYY-MM-DD")


def _structure_enum(value: Any, type_: Any) -> Any:
    if not isinstance(value, str):
        valid = ", ".join(repr(m.value) for m in type_)
        raise _LeafError(f"expected text, got {_describe(value)}", f"use one of {valid}")
    try:
        return type_.parse(value)
    except InvalidValueError as error:
        raise _LeafError(error.message, error.hint) from None


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, model._Labelled)  # noqa: SLF001


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _is_cadence(type_: Any) -> bool:
    return type_ in (model.Cadence, model.Cadence | None)


def _make_tuple_hook(converter: cattrs.Converter) -> Callable[[Any, Any], tuple[Any, ...]]:
    def structure_tuple(value: Any, type_: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _LeafError(f"expected a list, got {_describe(value)}", "write it as [ ... ]")
        element = get_args(type_)[0]
        hook = converter.get_structure_hook(element)
        try:
            return tuple([hook(item, element) for item in value])
        except Exception:  # noqa: BLE001, S110 - read again below, each error with its index
            pass
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, element))
            except Exception as error:  # noqa: BLE001 - collected, reported with its path
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    IterableValidationNote(f"Structuring index {index}", index, element),
                ]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return tuple(items)

    return structure_tuple


def _make_cadence_hook(converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    def structure_cadence(value: Any, type_: Any) -> Any:
        if value is None and type_ != model.Cadence:
            return None
        valid = ", ".join(repr(kind) for kind in _CADENCES)
        if not isinstance(value, dict):
            raise _LeafError(
                f"expected a table with a 'kind', got {_describe(value)}",
                f"write e.g. {{ kind = 'per-period', count = 4, period = 'year' }}; kinds: {valid}",
            )
        kind = value.get("kind")
        if kind not in _CADENCES:
            message = "cadence has no 'kind'" if kind is None else f"unknown cadence kind {kind!r}"
            raise _LeafError(message, f"use one of {valid}", subpath="kind")
        rest = {key: item for key, item in value.items() if key != "kind"}
        return converter.structure(rest, _CADENCES[kind])

    return structure_cadence


def _make_class_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        structure = cattrs.gen.make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
        )

        def structure_class(value: Any, type_: Any) -> Any:
            try:
                return structure(value, type_)
            except Exception:
                if isinstance(value, dict):
                    raise
            hint = f"write it as a table of {cls.__name__} fields"
            raise _LeafError(f"expected a table, got {_describe(value)}", hint)

        return structure_class

    return factory


def _converter(fmt: Format) -> cattrs.Converter:
    converter = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=True
    )
    if fmt == "json":
        converter.register_unstructure_hook(date, date.isoformat)
    else:
        converter.register_unstructure_hook(date, lambda value: value)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(date, _structure_date)
    converter.register_structure_hook_func(lambda t: t == Lang, _structure_str)
    converter.register_structure_hook_func(_is_enum, _structure_enum)
    converter.register_unstructure_hook_func(_is_enum, lambda member: member.value)
    converter.register_structure_hook_func(_is_tuple, _make_tuple_hook(converter))
    converter.register_structure_hook_func(_is_cadence, _make_cadence_hook(converter))
    converter.register_structure_hook_factory(attrs.has, _make_class_hook_factory(converter))
    for cls in _CADENCES.values():
        plain = cattrs.gen.make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)
        converter.register_unstructure_hook(
            cls, lambda value, plain=plain, kind=cls.kind: {"kind": kind, **plain(value)}
        )
    return converter


@cache
def _converter_for(fmt: Format) -> cattrs.Converter:
    return _converter(fmt)


# --- errors -------------------------------------------------------------------------------


def _join(path: str, segment: str) -> str:
    if not segment:
        return path
    if segment.startswith("["):
        return path + segment
    return f"{path}.{segment}" if path else segment


def _problems(error: BaseException, path: str = "") -> list[Problem]:
    """Flatten cattrs' exception groups into problems with dotted paths."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        problems: list[Problem] = []
        for sub in error.exceptions:
            segment = ""
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, AttributeValidationNote):
                    segment = note.name
                elif isinstance(note, IterableValidationNote):
                    segment = f"[{note.index}]"
            problems.extend(_problems(sub, _join(path, segment)))
        return problems
    if isinstance(error, _LeafError):
        return [Problem(_join(path, error.subpath), error.message, hint=error.hint)]
    if isinstance(error, InvalidValueError):
        leaf = path.rsplit(".", 1)[-1]
        where = path if leaf == error.field else _join(path, error.field)
        return [Problem(where, error.message, hint=error.hint, value=error.value)]
    if isinstance(error, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(error.cl)]
        return [
            Problem(_join(path, key), f"unknown key {key!r}", hint=_suggest(key, known))
            for key in sorted(error.extra_fields)
        ]
    if isinstance(error, KeyError):
        return [Problem(path, "required key is missing", hint="add it")]
    return [Problem(path, f"invalid value ({error})")]  # pragma: no cover - defensive


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    valid = ", ".join(repr(c) for c in choices)
    return f"did you mean {close[0]!r}?" if close else f"valid keys: {valid}"


# --- public API ---------------------------------------------------------------------------


def from_dict(data: Any, *, format: Format = "json", source: str = "") -> Plan:  # noqa: A002
    """Build a plan from the mapping a JSON, TOML or YAML parser returned.

    Args:
        data: The parsed file: a mapping with ``format_version`` and the plan's fields.
        format: Which parser produced *data* (dates are strings in JSON, native elsewhere).
        source: What *data* was read from, for error messages.

    Raises:
        InvalidPlanError: Listing every problem with its path, when *data* is no valid plan.
    """
    if not isinstance(data, dict):
        problem = Problem("", f"expected a table of plan fields, got {_describe(data)}")
        raise InvalidPlanError([problem], source)
    body = dict(data)
    version = body.pop("format_version", None)
    if version is None:
        hint = f"add format_version = {FORMAT_VERSION} at the top"
        raise InvalidPlanError([Problem("format_version", "is missing", hint=hint)], source)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        hint = f"use format_version = {FORMAT_VERSION}"
        problem = Problem("format_version", f"{version!r} is not a format version", hint=hint)
        raise InvalidPlanError([problem], source)
    if version > FORMAT_VERSION:
        hint = "upgrade actionplan to read it"
        problem = Problem(
            "format_version", f"{version} is newer than this release reads", hint=hint
        )
        raise InvalidPlanError([problem], source)
    try:
        plan = _converter_for(format).structure(body, Plan)
    except (ClassValidationError, IterableValidationError, InvalidValueError) as error:
        raise InvalidPlanError(_problems(error), source) from None
    errors = [f for f in integrity(plan) if f.severity is Severity.ERROR]
    if errors:
        problems = [Problem(f.path or "", f.message) for f in errors]
        raise InvalidPlanError(problems, source)
    return plan


def to_dict(plan: Plan, *, format: Format = "json") -> dict[str, Any]:  # noqa: A002
    """Return *plan* as a mapping ready for a JSON, TOML or YAML writer.

    Keys follow the model's order, ``format_version`` first; fields at their default are
    left out, so files stay short and diffs readable.
    """
    body = _converter_for(format).unstructure(plan, unstructure_as=Plan)
    return {"format_version": FORMAT_VERSION, **body}


def loads(text: str | bytes, *, format: Format = "json", source: str = "") -> Plan:  # noqa: A002
    """Read a plan from the text of a JSON, TOML or YAML file.

    Raises:
        InvalidPlanError: When the text cannot be parsed or is no valid plan; the error
            lists every problem with its path.
    """
    if format not in FORMATS:
        valid = ", ".join(FORMATS)
        raise InvalidPlanError([Problem("", f"unknown format {format!r}", hint=f"use {valid}")])
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "replace"))
    if size > MAX_BYTES:
        message = f"is larger than the {MAX_BYTES // (1024 * 1024)} MiB limit"
        raise InvalidPlanError([Problem("", message)], source)
    if isinstance(text, bytes):
        text = _decode(text, source)
    data = _parse(text.removeprefix("\ufeff"), format, source)
    return from_dict(data, format=format, source=source)


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Plan:  # noqa: A002
    """Read a plan file; the format follows the suffix (``.json``, ``.toml``, ``.yaml``).

    Raises:
        PlanFileError: When the file cannot be read, is too large, or has an unknown suffix.
        InvalidPlanError: When its content is no valid plan.
    """
    file = Path(path)
    fmt = format or _format_of(file)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            raise PlanFileError(f"{file}: {size} bytes is larger than the {limit} MiB limit")
        data = file.read_bytes()
    except OSError as error:
        if isinstance(error, PlanFileError):
            raise
        raise PlanFileError(f"{file}: cannot read: {error.strerror or error}") from error
    return loads(data, format=fmt, source=str(file))


def dumps(plan: Plan, *, format: Format = "json") -> str:  # noqa: A002
    """Return *plan* as the text of a JSON, TOML or YAML file; same plan, same text."""
    if format not in FORMATS:
        valid = ", ".join(FORMATS)
        raise InvalidPlanError([Problem("", f"unknown format {format!r}", hint=f"use {valid}")])
    data = to_dict(plan, format=format)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        return tomli_w.dumps(data)
    text: str = _yaml().dump(
        data, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=88
    )
    return text


def dump(plan: Plan, path: str | os.PathLike[str], *, format: Format | None = None) -> None:  # noqa: A002
    """Write *plan* to *path* atomically: the old file stays whole if anything fails.

    Raises:
        PlanFileError: When the file cannot be written or its suffix is unknown.
    """
    file = Path(path)
    text = dumps(plan, format=format or _format_of(file))
    write_atomic(file, text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder and a rename.

    Raises:
        PlanFileError: When the file cannot be written; *path* is then untouched.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise PlanFileError(f"{path}: cannot write: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(_mode_for(path))
        Path(temporary).replace(path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise PlanFileError(f"{path}: cannot write: {error.strerror or error}") from error
        raise


def _mode_for(path: Path) -> int:
    """The permissions a new file would get, or those of the file being replaced."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def example(name: str = "seed") -> Plan:
    """Return a plan bundled with the package.

    Args:
        name: ``"seed"`` for the 2016 plan against violent extremism that the project
            started from (Swedish), ``"english"`` for a fictional English crime-prevention
            plan under the 2023 law.

    Raises:
        KeyError: For an unknown name; the message lists the names.

    Examples:
        >>> example().title
        'Lokal handlingsplan mot våldsbejakande extremism'
    """
    if name not in _EXAMPLES:
        raise KeyError(f"no example {name!r}; use one of {', '.join(map(repr, _EXAMPLES))}")
    text = resources.files("actionplan").joinpath("data", _EXAMPLES[name]).read_text("utf-8")
    return loads(text, format="toml", source=f"example {name!r}")


# --- helpers ------------------------------------------------------------------------------


def _format_of(path: Path) -> Format:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        valid = ", ".join(_SUFFIXES)
        raise PlanFileError(f"{path}: unknown file type {path.suffix!r}; use {valid}")
    return fmt


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text (byte {error.start} is {data[error.start]:#04x})"
        hint = "save the file as UTF-8"
        raise InvalidPlanError([Problem("", message, hint=hint)], source) from None


def _parse(text: str, fmt: Format, source: str) -> Any:
    try:
        if fmt == "json":
            return json.loads(text, object_pairs_hook=_unique_keys)
        if fmt == "toml":
            return tomllib.loads(text)
        return _load_yaml(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidPlanError([Problem("", f"not valid TOML: {error}")], source) from None
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        raise InvalidPlanError([Problem("", message)], source) from None
    except _DuplicateKeyError as error:
        message = f"key {error.key!r} appears twice in one table"
        raise InvalidPlanError([Problem("", message, hint="keep one")], source) from None
    except RecursionError:
        message = "is nested too deeply"
        raise InvalidPlanError([Problem("", message)], source) from None
    except InvalidPlanError as error:
        raise InvalidPlanError(error.problems, source) from None
    except ValueError as error:
        name = {"json": "JSON", "toml": "TOML", "yaml": "YAML"}[fmt]
        raise InvalidPlanError(
            [Problem("", f"not valid {name}: {_plain(error)}")], source
        ) from None


def _plain(error: ValueError) -> str:
    """The parser's message, without advice meant for programmers (sys.set_int_max_str_digits)."""
    limit = _DIGIT_LIMIT.search(str(error))
    if limit is not None:
        return f"a number is longer than {limit.group(1)} digits"
    return str(error)


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415 - optional extra, loaded only for YAML files
    except ImportError:
        problem = Problem(
            "", "YAML support is not installed", hint="pip install 'actionplan[yaml]'"
        )
        raise InvalidPlanError([problem]) from None
    return yaml


@cache
def _yaml_dumper() -> Any:
    """A safe YAML dumper that double-quotes text YAML readers would fold or break."""
    yaml = _yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        pass

    def represent_str(dumper: Any, value: str) -> Any:
        style = '"' if any(char in value for char in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    return Dumper


@cache
def _yaml_loader() -> Any:
    """A safe YAML loader without YAML 1.1 surprises, duplicate keys or aliases."""
    yaml = _yaml()

    class Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        pass

    # Only true/false are booleans (not yes/no/on/off), and 13:00 stays text, not 780.
    resolvers = {
        first: [
            (tag, regex)
            for tag, regex in entries
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")
        ]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.yaml_implicit_resolvers = resolvers
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
    )

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:  # noqa: FBT001, FBT002
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                line = key_node.start_mark.line + 1
                message = f"the key on line {line} is {_describe(key)}, not text"
                raise yaml.YAMLError(message + "; write keys as text, quoted if need be")
            if key in result:
                raise _DuplicateKeyError(str(key))
            result[key] = loader.construct_object(value_node, deep=deep)
        return result

    def refuse_alias(loader: Any) -> Any:
        event = loader.peek_event()
        mark = event.start_mark
        message = f"aliases (*name) are not allowed (line {mark.line + 1})"
        raise yaml.YAMLError(message)

    def construct_timestamp(loader: Any, node: Any) -> Any:
        # An impossible date (2027-02-30, 25:00, year 0) stays text, for the date hook to
        # report at its path, instead of escaping as a ValueError.
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    original_compose = Loader.compose_node

    def compose_node(loader: Any, parent: Any, index: Any) -> Any:
        if loader.check_event(yaml.events.AliasEvent):
            refuse_alias(loader)
        return original_compose(loader, parent, index)

    Loader.compose_node = compose_node
    return Loader


def _load_yaml(text: str) -> Any:
    yaml = _yaml()
    try:
        return yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as error:
        raise InvalidPlanError([Problem("", f"not valid YAML: {error}")]) from None
    except _DuplicateKeyError:
        raise
    except ValueError as error:
        raise InvalidPlanError([Problem("", f"not valid YAML: {_plain(error)}")]) from None
