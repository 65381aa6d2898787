"""Plans on disk: lossless round trips, atomic writes, strict reading with every problem."""

from __future__ import annotations

import errno
import json
import os
from datetime import date

import attrs
import pytest
import yaml
from hypothesis import given

import actionplan
from actionplan import (
    FORMAT_VERSION,
    ActionPlanError,
    Actor,
    InvalidPlanError,
    Plan,
    PlanFileError,
    Section,
    dump,
    dumps,
    from_dict,
    load,
    loads,
    to_dict,
)
from actionplan.serialization import FORMATS, MAX_BYTES
from strategies import plans

# --- round trips --------------------------------------------------------------------------


@given(plans())
def test_every_format_reads_back_the_plan_it_wrote_and_writes_the_same_bytes(plan):
    """For each format, loads(dumps(p)) == p, and writing the reloaded plan is byte-stable."""
    for fmt in FORMATS:
        text = dumps(plan, format=fmt)
        again = loads(text, format=fmt)
        assert again == plan, fmt
        assert dumps(again, format=fmt) == text, fmt


@given(plans())
def test_json_to_toml_to_yaml_to_json_gives_the_same_bytes(plan):
    """A plan passed through all three formats in turn comes back as the same JSON."""
    first = dumps(plan, format="json")
    via_toml = loads(dumps(loads(first, format="json"), format="toml"), format="toml")
    via_yaml = loads(dumps(via_toml, format="yaml"), format="yaml")
    assert dumps(via_yaml, format="json") == first


@given(plans())
def test_to_dict_and_from_dict_are_inverse_for_every_format(plan):
    """The mappings handed to writers structure back into the same plan; JSON's are plain."""
    for fmt in FORMATS:
        data = to_dict(plan, format=fmt)
        assert next(iter(data)) == "format_version"
        assert data["format_version"] == FORMAT_VERSION
        assert from_dict(data, format=fmt) == plan
    data = to_dict(plan, format="json")
    assert json.loads(json.dumps(data)) == data, "JSON mapping holds only JSON types"


@given(plans())
def test_yaml_output_reads_the_same_with_a_stock_yaml_1_1_loader(plan):
    """Other tools' YAML readers see the same data: NO, 13:00 and dates are quoted as needed."""
    text = dumps(plan, format="yaml")
    assert yaml.safe_load(text) == to_dict(plan, format="yaml")


def test_yaml_round_trip_keeps_a_next_line_character():
    """Text with U+0085 survives a YAML round trip like any other character."""
    plan = Plan(id="p", title="Plan", sections=(Section(number="1", heading="H", text="a\x85b"),))
    assert loads(dumps(plan, format="yaml"), format="yaml") == plan


def test_writing_leaves_defaults_out_and_starts_with_the_format_version():
    """A plan with only its required fields is written as three keys."""
    plan = Plan(id="p", title="Plan")
    assert to_dict(plan) == {"format_version": FORMAT_VERSION, "id": "p", "title": "Plan"}


def test_json_is_indented_utf8_text_ending_in_a_newline(tiny_plan):
    """Swedish letters are written as themselves, not as escapes."""
    text = dumps(tiny_plan, format="json")
    assert "Brottsförebyggande rådet" in text
    assert text.endswith("}\n")
    assert '\n  "id": "tiny",' in text


def test_dates_are_native_in_toml_and_yaml_and_strings_in_json(tiny_plan):
    """Each format writes dates its own way; all read back the same date."""
    assert to_dict(tiny_plan, format="json")["measures"][0]["deadline"] == "2026-05-31"
    for fmt in ("toml", "yaml"):
        assert to_dict(tiny_plan, format=fmt)["measures"][0]["deadline"] == date(2026, 5, 31)
    assert "deadline = 2026-05-31\n" in dumps(tiny_plan, format="toml")


def test_the_seed_plan_survives_every_format(seed):
    """The bundled real plan round-trips through JSON, TOML and YAML."""
    for fmt in FORMATS:
        assert loads(dumps(seed, format=fmt), format=fmt) == seed


# --- files --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".yml", ".JSON"])
def test_dump_and_load_choose_the_format_from_the_suffix(tmp_path, tiny_plan, suffix):
    """The suffix, in any case, picks the format for both writing and reading."""
    path = tmp_path / f"plan{suffix}"
    dump(tiny_plan, path)
    fmt = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}[suffix.lower()]
    assert path.read_text("utf-8") == dumps(tiny_plan, format=fmt)
    assert load(path) == tiny_plan
    assert load(str(path)) == tiny_plan


def test_an_explicit_format_overrides_the_suffix(tmp_path, tiny_plan):
    """A file with any name can be written and read when the format is given."""
    path = tmp_path / "plan.txt"
    dump(tiny_plan, path, format="toml")
    assert path.read_text("utf-8") == dumps(tiny_plan, format="toml")
    assert load(path, format="toml") == tiny_plan


def test_dump_replaces_an_existing_file(tmp_path, tiny_plan):
    """Writing over a longer file leaves nothing of the old content behind."""
    path = tmp_path / "plan.json"
    path.write_text("x" * 100_000, "utf-8")
    dump(tiny_plan, path)
    assert path.read_text("utf-8") == dumps(tiny_plan, format="json")


def test_failed_write_leaves_the_old_file_whole_and_no_temporary_file(
    tmp_path, tiny_plan, monkeypatch
):
    """When the disk fails mid-write, the previous plan file keeps its exact bytes."""
    path = tmp_path / "plan.json"
    dump(Plan(id="old", title="Old plan"), path)
    before = path.read_bytes()

    def fail(_fd):
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(PlanFileError, match="input/output error") as info:
        dump(tiny_plan, path)
    assert isinstance(info.value, ActionPlanError)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_writing_into_a_missing_folder_is_a_plan_file_error(tmp_path, tiny_plan):
    """No folder, no file: the error says it cannot write."""
    with pytest.raises(PlanFileError, match="cannot write"):
        dump(tiny_plan, tmp_path / "missing" / "plan.json")


@pytest.mark.parametrize("name", ["plan.txt", "plan", "plan.json.bak"])
def test_unknown_suffix_is_a_plan_file_error_naming_the_valid_ones(tmp_path, tiny_plan, name):
    """Neither reading nor writing guesses a format; writing creates no file."""
    path = tmp_path / name
    with pytest.raises(PlanFileError, match=r"unknown file type .*\.json, \.toml, \.yaml"):
        dump(tiny_plan, path)
    assert not path.exists()
    path.write_text("{}", "utf-8")
    with pytest.raises(PlanFileError, match="unknown file type"):
        load(path)


def test_missing_file_is_a_plan_file_error_that_is_also_an_os_error(tmp_path):
    """Callers can catch it as ours or as the OSError it is."""
    path = tmp_path / "nowhere.toml"
    with pytest.raises(PlanFileError, match=r"nowhere\.toml: cannot read") as info:
        load(path)
    assert isinstance(info.value, OSError)
    assert isinstance(info.value, ActionPlanError)


def test_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    """A sparse file one byte over MAX_BYTES is refused by its size alone."""
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    with pytest.raises(PlanFileError, match=f"{MAX_BYTES + 1} bytes is larger than"):
        load(path)


def test_text_over_the_size_limit_is_refused():
    """loads applies the same limit to text handed to it directly."""
    with pytest.raises(InvalidPlanError, match="MiB limit"):
        loads(" " * (MAX_BYTES + 1))


def test_problems_from_a_file_name_the_file(tmp_path):
    """An invalid file's error carries the file name as its source."""
    path = tmp_path / "plan.json"
    path.write_text('{"format_version": 1, "id": "p"}', "utf-8")
    with pytest.raises(InvalidPlanError) as info:
        load(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: 1 problem in plan")


def test_unknown_format_name_is_refused_by_loads_and_dumps(tiny_plan):
    """Only json, toml and yaml are formats; the error lists them."""
    with pytest.raises(InvalidPlanError, match="unknown format 'xml'") as info:
        loads("<plan/>", format="xml")  # type: ignore[arg-type]
    assert info.value.problems[0].hint == "use json, toml, yaml"
    with pytest.raises(InvalidPlanError, match="unknown format 'xml'"):
        dumps(tiny_plan, format="xml")  # type: ignore[arg-type]


# --- text encodings and parser surprises --------------------------------------------------


MINIMAL = {"format_version": 1, "id": "plan", "title": "Plan"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_utf8_byte_order_mark_is_accepted(fmt):
    """Files saved by Windows editors start with a BOM; it is not part of the plan."""
    text = {
        "json": json.dumps(MINIMAL),
        "toml": 'format_version = 1\nid = "plan"\ntitle = "Plan"\n',
        "yaml": "format_version: 1\nid: plan\ntitle: Plan\n",
    }[fmt]
    expected = Plan(id="plan", title="Plan")
    assert loads("\ufeff" + text, format=fmt) == expected
    assert loads(("\ufeff" + text).encode("utf-8"), format=fmt) == expected


def test_utf8_byte_order_mark_is_accepted_in_a_file(tmp_path):
    """load passes the raw bytes on, BOM and all."""
    path = tmp_path / "plan.toml"
    path.write_bytes(b'\xef\xbb\xbfformat_version = 1\nid = "plan"\ntitle = "Br\xc3\xa5"\n')
    assert load(path).title == "Brå"


def test_non_utf8_bytes_are_refused_naming_the_offending_byte():
    """A Latin-1 'å' is reported by its position and value, with a fix."""
    head = b'{"format_version": 1, "id": "p", "title": "Pl'
    with pytest.raises(InvalidPlanError) as info:
        loads(head + b'\xe5n"}')
    (problem,) = info.value.problems
    assert problem.path == ""
    assert f"is not UTF-8 text (byte {len(head)} is 0xe5)" in problem.message
    assert problem.hint == "save the file as UTF-8"


def test_yaml_1_1_words_and_times_stay_text():
    """NO is a name, 13:00 a time of day in words, yes a title: none becomes bool or int."""
    text = (
        "format_version: 1\nid: plan\ntitle: yes\nactors:\n"
        "- id: 'no'\n  name: NO\n  note: 13:00\n- id: on\n  name: Off\n"
    )
    plan = loads(text, format="yaml")
    assert plan.title == "yes"
    assert plan.actors[0] == Actor(id="no", name="NO", note="13:00")
    assert plan.actors[1].id == "on"
    assert plan.actors[1].name == "Off"


def test_yaml_still_reads_true_false_numbers_and_dates():
    """Switching off YAML 1.1 words keeps the ordinary scalars working."""
    text = (
        "format_version: 1\nid: plan\ntitle: Plan\nforums:\n- id: bra\n  name: Brå\n"
        "  cadence: {kind: per-period, count: 4, at_least: false}\n"
        "decision: {body: KF, date: 2016-04-25}\n"
    )
    plan = loads(text, format="yaml")
    assert plan.forums[0].cadence == actionplan.PerPeriod(count=4, at_least=False)
    assert plan.decision is not None
    assert plan.decision.date == date(2016, 4, 25)


def test_yaml_aliases_are_refused():
    """Anchors and aliases can blow up a file's size; a plan never needs them."""
    text = "format_version: 1\nid: plan\ntitle: &t Plan\nnote: *t\n"
    with pytest.raises(InvalidPlanError, match=r"aliases \(\*name\) are not allowed \(line 4\)"):
        loads(text, format="yaml")


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"format_version": 1, "id": "plan", "title": "A", "title": "B"}'),
        (
            "json",
            (
                '{"format_version": 1, "id": "p", "title": "T", "decision": '
                '{"body": "KF", "date": "2016-04-25", "body": "KS"}}'
            ),
        ),
        ("yaml", "format_version: 1\nid: plan\ntitle: A\ntitle: B\n"),
        ("yaml", "format_version: 1\nid: p\ntitle: T\nactors:\n- id: a\n  name: A\n  id: b\n"),
    ],
)
def test_duplicate_keys_in_json_and_yaml_are_refused(fmt, text):
    """Parsers that keep the last of two keys would silently drop data; ours refuse."""
    with pytest.raises(InvalidPlanError, match=r"key '(title|body|id)' appears twice") as info:
        loads(text, format=fmt)
    assert info.value.problems[0].hint == "keep one"


def test_duplicate_keys_in_toml_are_refused():
    """tomllib refuses a key defined twice; the error says it is not valid TOML."""
    text = 'format_version = 1\nid = "plan"\ntitle = "A"\ntitle = "B"\n'
    with pytest.raises(InvalidPlanError, match="not valid TOML") as info:
        loads(text, format="toml")
    assert info.value.problems[0].path == ""


@pytest.mark.parametrize(
    ("data", "fragment", "hint"),
    [
        ({"id": "p", "title": "T"}, "is missing", "add format_version = 1 at the top"),
        ({**MINIMAL, "format_version": 2}, "2 is newer than this release reads", "upgrade"),
        ({**MINIMAL, "format_version": "1"}, "'1' is not a format version", "use format_v"),
        ({**MINIMAL, "format_version": 1.0}, "1.0 is not a format version", "use format_v"),
        ({**MINIMAL, "format_version": True}, "True is not a format version", "use format_v"),
        ({**MINIMAL, "format_version": 0}, "0 is not a format version", "use format_v"),
        ({**MINIMAL, "format_version": None}, "is missing", "add format_version"),
    ],
)
def test_format_version_must_be_a_number_this_release_reads(data, fragment, hint):
    """Missing, newer or non-numeric versions are refused with a path and a fix."""
    with pytest.raises(InvalidPlanError) as info:
        loads(json.dumps(data))
    (problem,) = info.value.problems
    assert problem.path == "format_version"
    assert fragment in problem.message
    assert hint in (problem.hint or "")


def test_format_version_is_read_and_not_kept_in_the_plan():
    """format_version is read and dropped: it is no unknown key."""
    assert loads(json.dumps(MINIMAL)) == Plan(id="plan", title="Plan")


# --- one problem per bad input ------------------------------------------------------------

ACTORS = [{"id": "polisen", "name": "Polisen"}, {"id": "skolan", "name": "Skolan"}]


def _plan(**fields):
    return json.dumps({**MINIMAL, **fields}, ensure_ascii=False)


def _forum(cadence):
    return _plan(forums=[{"id": "bra", "name": "Brå", "cadence": cadence}])


def _measure(**fields):
    return _plan(actors=ACTORS, measures=[{"id": "m", "description": "Gör något", **fields}])


_RULE = {"kind": "rule", "start": "2024-01-01"}
_TOML = 'format_version = 1\nid = "plan"\ntitle = "Plan"\n'
_ID_HINT = "lower-case ASCII letters"


BAD = [
    # The file as a whole.
    ("json", "[1, 2]", "", "expected a table of plan fields, got a list", None),
    ("json", '"a plan"', "", "expected a table of plan fields, got text", None),
    ("json", '{"format_version": 1,', "", "not valid JSON", None),
    ("toml", "format_version = 1\nid = plan\n", "", "not valid TOML", None),
    ("yaml", "title: [unclosed\n", "", "not valid YAML", None),
    # Wrong types at several depths.
    ("json", _plan(id=5), "id", "expected text, got a number (5)", "in quotes"),
    ("json", _plan(actors={"id": "a"}), "actors", "expected a list, got a table", "[ ... ]"),
    pytest.param("json", _plan(actors=["polisen"]), "actors[0]", "expected a table", None),
    pytest.param("json", _plan(decision=["KF"]), "decision", "expected a table", None),
    ("json", _measure(target_groups=[1]), "measures[0].target_groups[0]", "got a number", None),
    (
        "json",
        _forum({"kind": "per-period", "count": "four"}),
        "forums[0].cadence.count",
        "expected a whole number, got text ('four')",
        None,
    ),
    (
        "json",
        _forum({"kind": "per-period", "count": True}),
        "forums[0].cadence.count",
        "expected a whole number, got a boolean",
        None,
    ),
    (
        "json",
        _plan(
            actors=ACTORS,
            forums=[
                {"id": "f", "name": "F", "members": [{"actor": "polisen", "as_needed": "yes"}]}
            ],
        ),
        "forums[0].members[0].as_needed",
        "expected true or false, got text ('yes')",
        None,
    ),
    (
        "json",
        _plan(municipalities=[{"code": 1982, "name": "Fagersta"}]),
        "municipalities[0].code",
        "expected text, got a number (1982)",
        None,
    ),
    (
        "json",
        _plan(decision={"body": "KF", "date": 20160425}),
        "decision.date",
        "expected a date, got a number",
        "YYYY-MM-DD",
    ),
    (
        "toml",
        _TOML + "[decision]\nbody = 'KF'\ndate = 2016-04-25T10:00:00\n",
        "decision.date",
        "expected a date, got a date and time",
        "write only the date",
    ),
    ("toml", _TOML.replace('"Plan"', "2016-04-25"), "title", "expected text, got a date", None),
    (
        "toml",
        _TOML + "[[actors]]\nid = 'a'\nname = ['A']\n",
        "actors[0].name",
        "expected text, got a list",
        None,
    ),
    # Unknown keys, with a suggestion.
    ("json", _plan(titel="x"), "titel", "unknown key 'titel'", "did you mean 'title'?"),
    (
        "json",
        _plan(actors=[{"id": "a", "name": "A", "nmae": "B"}]),
        "actors[0].nmae",
        "unknown key 'nmae'",
        "did you mean 'name'?",
    ),
    (
        "toml",
        _TOML + "[[forums]]\nid = 'bra'\nname = 'Brå'\nmembrs = []\n",
        "forums[0].membrs",
        "unknown key 'membrs'",
        "did you mean 'members'?",
    ),
    (
        "json",
        _forum({"kind": "as-needed", "count": 4}),
        "forums[0].cadence.count",
        "unknown key 'count'",
        "valid keys: 'modality', 'text'",
    ),
    # Missing required fields.
    (
        "json",
        json.dumps({"format_version": 1, "id": "p"}),
        "title",
        "required key is missing",
        "add it",
    ),
    ("json", _plan(actors=[{"id": "a"}]), "actors[0].name", "required key is missing", None),
    (
        "toml",
        _TOML + "[[forums]]\nid = 'bra'\nname = 'Brå'\ncadence = { kind = 'rule', "
        "rrule = 'FREQ=MONTHLY' }\n",
        "forums[0].cadence.start",
        "required key is missing",
        None,
    ),
    # Duplicate ids and dangling references.
    (
        "json",
        _plan(actors=[{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]),
        "actors[1].id",
        "id 'a' is used twice in actors",
        None,
    ),
    (
        "json",
        _plan(sections=[{"number": "2", "heading": "A"}, {"number": "2", "heading": "B"}]),
        "sections[1].number",
        "section '2' is numbered twice",
        None,
    ),
    (
        "json",
        _measure(responsible=["polis"]),
        "measures[0].responsible[0]",
        "unknown actor 'polis'",
        "did you mean 'polisen'",
    ),
    (
        "json",
        _measure(forums=["bra"]),
        "measures[0].forums[0]",
        "unknown forum 'bra'",
        "the plan defines no forum",
    ),
    (
        "json",
        _plan(
            municipalities=[{"code": "1982", "name": "Fagersta"}],
            actors=[{"id": "a", "name": "A", "municipality": "1962"}],
        ),
        "actors[0].municipality",
        "unknown municipality '1962'",
        "did you mean '1982'",
    ),
    (
        "json",
        _plan(
            sections=[{"number": "2", "heading": "A"}],
            actors=[{"id": "a", "name": "A", "source": {"section": "3"}}],
        ),
        "actors[0].source.section",
        "cites section '3', which the plan does not have",
        None,
    ),
    # Impossible dates.
    (
        "json",
        _plan(decision={"body": "KF", "date": "2027-02-30"}),
        "decision.date",
        "'2027-02-30' is not a date in the calendar",
        "check day and month",
    ),
    (
        "json",
        _measure(deadline="31/12/2026"),
        "measures[0].deadline",
        "expected a date, got text",
        "YYYY-MM-DD",
    ),
    (
        "json",
        _measure(deadline="2026-12-31T00:00"),
        "measures[0].deadline",
        "expected a date, got text",
        None,
    ),
    (
        "json",
        _plan(validity={"valid_from": "2020-01-01", "valid_until": "2019-12-31"}),
        "validity.valid_until",
        "ends before the plan starts to apply",
        "on or after 2020-01-01",
    ),
    # Counts and cadences.
    (
        "json",
        _forum({"kind": "per-period", "count": 0}),
        "forums[0].cadence.count",
        "0 meetings per period",
        "from 1",
    ),
    (
        "json",
        _forum({"kind": "per-period", "count": -3}),
        "forums[0].cadence.count",
        "-3 meetings per period",
        "from 1",
    ),
    (
        "json",
        _forum({"kind": "per-period", "count": 400, "period": "week"}),
        "forums[0].cadence.count",
        "400 meetings per week is more than one a day",
        "at most 7",
    ),
    (
        "toml",
        _TOML + "[[forums]]\nid = 'bra'\nname = 'Brå'\n[forums.cadence]\n"
        "kind = 'per-period'\ncount = 32\nperiod = 'månad'\n",
        "forums[0].cadence.count",
        "32 meetings per month",
        "at most 31",
    ),
    (
        "json",
        _forum({**_RULE, "rrule": "FREQ=HOURLY"}),
        "forums[0].cadence.rrule",
        "FREQ=HOURLY is not a meeting frequency",
        "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
    ),
    (
        "json",
        _forum({**_RULE, "rrule": "BYDAY=MO"}),
        "forums[0].cadence.rrule",
        "has no FREQ",
        None,
    ),
    (
        "json",
        _forum({**_RULE, "rrule": "FREQ=MONTHLY;BYDAYS=2TU"}),
        "forums[0].cadence.rrule",
        "BYDAYS is not an RFC 5545 rule part",
        "check the spelling",
    ),
    (
        "json",
        _forum({**_RULE, "rrule": "FREQ=WEEKLY;COUNT=3;UNTIL=20250101"}),
        "forums[0].cadence.rrule",
        "has both COUNT and UNTIL",
        None,
    ),
    (
        "json",
        _forum({**_RULE, "rrule": "FREQ=WEEKLY;INTERVAL=0"}),
        "forums[0].cadence.rrule",
        "INTERVAL=0 is not a positive number",
        None,
    ),
    (
        "json",
        _forum({**_RULE, "rrule": "FREQ=WEEKLY;BYDAY"}),
        "forums[0].cadence.rrule",
        "'BYDAY' is not KEY=VALUE",
        "separate parts with ';'",
    ),
    (
        "json",
        _forum({"kind": "quarterly", "count": 4}),
        "forums[0].cadence.kind",
        "unknown cadence kind 'quarterly'",
        "'per-period', 'rule', 'dates'",
    ),
    (
        "json",
        _forum({"count": 4, "period": "year"}),
        "forums[0].cadence.kind",
        "cadence has no 'kind'",
        "use one of 'per-period'",
    ),
    (
        "toml",
        _TOML + "[[forums]]\nid = 'bra'\nname = 'Brå'\ncadence = '4 per year'\n",
        "forums[0].cadence",
        "expected a table with a 'kind', got text",
        "kind = 'per-period'",
    ),
    (
        "json",
        _forum({"kind": "dates", "dates": []}),
        "forums[0].cadence.dates",
        "is empty",
        "at least one date",
    ),
    (
        "json",
        _forum({"kind": "dates", "dates": ["2024-03-01", "2024-03-01"]}),
        "forums[0].cadence.dates[1]",
        "is listed twice",
        None,
    ),
    # Enumerations: the hint lists the valid codes.
    (
        "json",
        _measure(modality="must-not"),
        "measures[0].modality",
        "unknown value 'must-not'",
        "use one of 'shall', 'should', 'may'",
    ),
    (
        "json",
        _measure(modality=3),
        "measures[0].modality",
        "expected text, got a number",
        "use one of 'shall', 'should', 'may'",
    ),
    (
        "json",
        _measure(levels=["främjande", "tertiarty"]),
        "measures[0].levels[1]",
        "unknown value 'tertiarty'",
        "'promotive', 'preventive', 'interventive'",
    ),
    (
        "json",
        _measure(levels=["promotive", "främjande"]),
        "measures[0].levels[1]",
        "is listed twice",
        "list each value once",
    ),
    (
        "toml",
        _TOML + "[[actors]]\nid = 'a'\nname = 'A'\nkind = 'polis-x'\n",
        "actors[0].kind",
        "unknown value 'polis-x'",
        "'school', 'social-services'",
    ),
    ("json", _plan(language="de"), "language", "'de' is not supported", "use 'sv' or 'en'"),
    # Ids, codes, numbers and text.
    (
        "json",
        _plan(actors=[{"id": "Polisen", "name": "P"}]),
        "actors[0].id",
        "'Polisen' is not a valid id",
        _ID_HINT,
    ),
    (
        "json",
        _plan(actors=[{"id": "polis en", "name": "P"}]),
        "actors[0].id",
        "'polis en' is not a valid id",
        _ID_HINT,
    ),
    ("json", _plan(id="-plan"), "id", "'-plan' is not a valid id", _ID_HINT),
    ("json", _plan(id="p" * 65), "id", "is not a valid id", _ID_HINT),
    (
        "json",
        _measure(responsible=["Polisen"]),
        "measures[0].responsible[0]",
        "'Polisen' is not a valid id",
        _ID_HINT,
    ),
    (
        "json",
        _plan(municipalities=[{"code": "198", "name": "Fagersta"}]),
        "municipalities[0].code",
        "'198' is not a municipality code",
        "four-digit code",
    ),
    (
        "json",
        _plan(sections=[{"number": "2a", "heading": "A"}]),
        "sections[0].number",
        "'2a' is not a section number",
        "e.g. '4' or '2.1'",
    ),
    (
        "json",
        _plan(actors=[{"id": "a", "name": "   "}]),
        "actors[0].name",
        "must not be empty",
        "write some text",
    ),
    (
        "json",
        _plan(actors=[{"id": "a", "name": "A", "contact": {"email": "bra.fagersta.se"}}]),
        "actors[0].contact.email",
        "is not an e-mail address",
        None,
    ),
    # Rules between fields.
    (
        "json",
        _plan(
            actors=ACTORS,
            invitations=[
                {
                    "id": "i",
                    "subject": "Gemensamt Brå",
                    "actor": "polisen",
                    "municipality": {"code": "1904", "name": "Skinnskatteberg"},
                }
            ],
        ),
        "invitations[0].actor",
        "names exactly one invitee",
        "either 'actor' or 'municipality'",
    ),
    (
        "json",
        _plan(invitations=[{"id": "i", "subject": "Gemensamt Brå"}]),
        "invitations[0].actor",
        "names exactly one invitee",
        None,
    ),
    (
        "json",
        _plan(
            actors=ACTORS,
            forums=[
                {
                    "id": "f",
                    "name": "F",
                    "members": [{"actor": "polisen"}, {"actor": "polisen", "role": "chair"}],
                }
            ],
        ),
        "forums[0].members",
        "actor 'polisen' has more than one seat",
        None,
    ),
]


def _case_id(index: int, case) -> str:
    fmt, _text, path, _fragment, _hint = getattr(case, "values", case)
    return f"{index:02d}-{fmt}-{path or 'file'}"


@pytest.mark.parametrize(
    ("fmt", "text", "path", "fragment", "hint"),
    BAD,
    ids=[_case_id(index, case) for index, case in enumerate(BAD)],
)
def test_each_bad_input_is_reported_at_its_path(fmt, text, path, fragment, hint):
    """The error names where the problem is, what it is and, where useful, the fix."""
    with pytest.raises(InvalidPlanError) as info:
        loads(text, format=fmt)
    problems = info.value.problems
    assert any(
        p.path == path and fragment in p.message and (hint is None or hint in str(p))
        for p in problems
    ), problems
    assert isinstance(info.value, ValueError)


def test_the_bad_inputs_are_many_and_distinct():
    """The table above covers at least thirty different inputs."""
    texts = [getattr(case, "values", case)[1] for case in BAD]
    assert len(set(texts)) == len(texts) >= 30


def test_one_file_with_several_problems_reports_all_of_them_at_once():
    """A coordinator fixes the whole file in one pass: every problem is in one error."""
    text = _plan(
        titel="x",
        decision={"body": "KF", "date": "2027-02-30"},
        actors=[
            {"id": "Polisen", "name": "P"},
            {"id": "ok", "name": "  "},
            {"id": "x", "name": "X", "kind": "polis-x"},
        ],
        measures=[{"id": "m", "description": "d", "modality": "must-not"}],
        forums=[{"id": "f", "name": "F", "cadence": {"kind": "per-period", "count": 0}}],
    )
    with pytest.raises(InvalidPlanError) as info:
        loads(text)
    found = {(p.path, p.message.split(" (")[0]) for p in info.value.problems}
    assert found == {
        ("titel", "unknown key 'titel'"),
        ("decision.date", "'2027-02-30' is not a date in the calendar"),
        ("actors[0].id", "'Polisen' is not a valid id"),
        ("actors[1].name", "must not be empty"),
        ("actors[2].kind", "unknown value 'polis-x'"),
        ("measures[0].modality", "unknown value 'must-not'"),
        ("forums[0].cadence.count", "0 meetings per period"),
    }
    assert str(info.value).startswith("7 problems in plan\n  - ")


def test_all_integrity_problems_are_reported_together():
    """Duplicate ids and every dangling reference come in one error."""
    text = _plan(
        actors=[{"id": "a", "name": "A"}, {"id": "a", "name": "B"}],
        forums=[{"id": "f", "name": "F", "members": [{"actor": "nobody"}]}],
        measures=[{"id": "m", "description": "d", "responsible": ["polis"], "forums": ["g"]}],
    )
    with pytest.raises(InvalidPlanError) as info:
        loads(text)
    assert [p.path for p in info.value.problems] == [
        "actors[1].id",
        "forums[0].members[0].actor",
        "measures[0].responsible[0]",
        "measures[0].forums[0]",
    ]


def test_a_plan_built_in_code_with_a_dangling_reference_cannot_be_read_back(tiny_plan):
    """Writing does not check references, but reading does: the file points at the gap."""
    broken = attrs.evolve(
        tiny_plan, measures=(attrs.evolve(tiny_plan.measures[0], responsible=("polis",)),)
    )
    with pytest.raises(InvalidPlanError) as info:
        loads(dumps(broken))
    (problem,) = info.value.problems
    assert problem.path == "measures[0].responsible[0]"
    assert "did you mean 'polisen'?" in problem.message


def test_written_files_get_ordinary_permissions_not_private_temp_ones(tmp_path, tiny_plan):
    """A new file follows the umask; a replaced file keeps its mode (mkstemp makes 0600)."""
    import os  # noqa: PLC0415 - only this test reads the umask
    import stat  # noqa: PLC0415

    new = tmp_path / "new.toml"
    dump(tiny_plan, new)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.toml"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    dump(tiny_plan, kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
