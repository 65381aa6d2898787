"""The ``actionplan`` command, run in-process through ``main`` and as a real process."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    AsNeeded,
    Contribution,
    Dates,
    Decision,
    FollowUp,
    Forum,
    ForumKind,
    Invitation,
    InvitationStatus,
    Measure,
    Membership,
    Milieu,
    Modality,
    Municipality,
    Period,
    PerPeriod,
    Perspective,
    Plan,
    PreventionLevel,
    Resource,
    ResourceKind,
    Role,
    Rule,
    Section,
    SituationalPicture,
    Source,
    Validity,
)
from actionplan.cli import main


def _full_plan() -> Plan:
    """A small Swedish plan with one of every part, each citing a section."""
    return Plan(
        id="exempelby",
        title="Trygghetsplan för Exempelby",
        language="sv",
        municipalities=[Municipality(code="1982", name="Fagersta")],
        decision=Decision(
            body="KF", date=date(2024, 3, 18), paragraph="12", body_name="kommunfullmäktige"
        ),
        validity=Validity(valid_from=date(2024, 4, 1), revise_by=date(2026, 12, 31)),
        sections=[
            Section(number="1", heading="Samverkan i Brå"),
            Section(number="2", heading="Lägesbild och stöd"),
            Section(number="3", heading="Uppföljning"),
            Section(number="4", heading="Punkt utan delar"),
        ],
        actors=[
            Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE, source=Source(section="1")),
            Actor(id="skolan", name="Skolan", kind=ActorKind.SCHOOL, source=Source(section="1")),
            Actor(
                id="regionen",
                name="Regionen",
                kind=ActorKind.REGION,
                modality=Modality.MAY,
                municipality="1982",
                note="Kallas in vid behov.",
            ),
        ],
        forums=[
            Forum(
                id="bra",
                name="Brottsförebyggande rådet",
                kind=ForumKind.CRIME_PREVENTION_COUNCIL,
                members=[
                    Membership(actor="polisen", role=Role.CHAIR),
                    Membership(actor="skolan"),
                    Membership(actor="regionen", modality=Modality.MAY, as_needed=True),
                ],
                cadence=PerPeriod(count=4, period=Period.YEAR, modality=Modality.SHOULD),
                modality=Modality.SHALL,
                municipalities=["1982"],
                purpose="Grunden för arbetet.",
                location="Stadshuset",
                source=Source(section="1"),
            ),
            Forum(
                id="insatsgrupp",
                name="Insatsgruppen",
                kind=ForumKind.WORKING_GROUP,
                members=[Membership(actor="polisen")],
                cadence=AsNeeded(),
                source=Source(section="1"),
            ),
        ],
        milieus=[Milieu(id="vit-makt", name="Vit makt-miljön")],
        measures=[
            Measure(
                id="trygghetsvandringar",
                description="Genomföra trygghetsvandringar",
                modality=Modality.SHALL,
                responsible=["polisen"],
                participants=["skolan"],
                forums=["bra"],
                levels=[PreventionLevel.PROMOTIVE, PreventionLevel.PREVENTIVE],
                target_groups=["unga"],
                perspectives=[Perspective.GENDER],
                milieus=["vit-makt"],
                resources=["stodtelefon"],
                cadence=Rule(rrule="FREQ=MONTHLY;BYDAY=2TU", start=date(2024, 1, 9)),
                deadline=date(2024, 12, 31),
                source=Source(section="1"),
            ),
        ],
        situational_pictures=[
            SituationalPicture(
                id="lagesbild",
                name="Lokal lägesbild",
                producer="bra",
                contributors=[
                    Contribution(actor="polisen", central=True),
                    Contribution(actor="skolan"),
                ],
                milieus=["vit-makt"],
                refresh=PerPeriod(count=1),
                last_updated=date(2024, 1, 15),
                modality=Modality.SHALL,
                source=Source(section="2"),
            )
        ],
        invitations=[
            Invitation(
                id="grannkommun",
                subject="Ett gemensamt Brå",
                municipality=Municipality(code="1904", name="Skinnskatteberg"),
                forum="bra",
                date=date(2024, 2, 1),
                status=InvitationStatus.DECLINED_FOR_NOW,
                source=Source(section="1"),
            ),
            Invitation(
                id="skolan-till-bra",
                subject="Plats i insatsgruppen",
                actor="skolan",
                forum="insatsgrupp",
                status=InvitationStatus.ACCEPTED,
                source=Source(section="1"),
            ),
        ],
        resources=[
            Resource(
                id="stodtelefon",
                name="Stödtelefonen",
                kind=ResourceKind.HELPLINE,
                provider="Rädda Barnen",
                phone="020-100 200",
                url="https://example.org/stod",
                description="Stöd för oroliga anhöriga.",
                source=Source(section="2"),
            )
        ],
        follow_ups=[
            FollowUp(
                id="uppfoljning",
                description="Följa upp arbetet",
                responsible=["skolan"],
                method="Årlig rapport",
                cadence=Dates(dates=[date(2024, 11, 1)], complete=False),
                ordinary_cycle=True,
                modality=Modality.SHOULD,
                source=Source(section="3"),
            )
        ],
    )


def _warning_plan() -> Plan:
    """A plan whose only warning is a forum without members (AP201)."""
    return Plan(
        id="varning",
        title="Plan med en varning",
        sections=[Section(number="1", heading="Forum")],
        forums=[
            Forum(
                id="bra",
                name="Brå",
                cadence=PerPeriod(count=4),
                source=Source(section="1"),
            )
        ],
    )


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    actionplan.dump(_full_plan(), path)
    return path


@pytest.fixture
def warning_file(tmp_path: Path) -> Path:
    path = tmp_path / "varning.json"
    actionplan.dump(_warning_plan(), path)
    return path


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    """A plan file whose measure names an actor the plan does not define."""
    path = tmp_path / "bad.toml"
    path.write_text(
        'format_version = 1\nid = "bad"\ntitle = "Bad"\n'
        '[[actors]]\nid = "polisen"\nname = "Polisen"\n'
        '[[measures]]\nid = "m"\ndescription = "Gör något"\nresponsible = ["polis"]\n',
        encoding="utf-8",
    )
    return path


def _seed() -> Plan:
    try:
        return actionplan.example()
    except FileNotFoundError:
        pytest.skip("the bundled seed example is not installed yet")


def _run(
    *args: str | Path, command: tuple[str, ...] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the command as a separate process, the way a user's shell does."""
    head = command or (sys.executable, "-m", "actionplan")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*head, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
        timeout=120,
    )


# --- validate -------------------------------------------------------------------------------


def test_validate_lists_findings_and_exits_0_below_the_threshold(warning_file, capsys):
    assert main(["validate", str(warning_file)]) == 0
    out = capsys.readouterr().out
    assert "varning AP201 forums[0].members: " in out
    assert out.splitlines()[-1] == "1 fynd (varning: 1)"


def test_validate_exits_1_when_a_warning_meets_fail_on_warning(warning_file, capsys):
    assert main(["validate", str(warning_file), "--fail-on", "warning"]) == 1
    assert "AP201" in capsys.readouterr().out


def test_validate_fail_on_info_counts_information_and_never_counts_nothing(plan_file):
    findings = actionplan.validate(actionplan.load(plan_file))
    assert findings
    assert max(f.severity for f in findings) is actionplan.Severity.INFO
    assert main(["validate", str(plan_file), "-q", "--fail-on", "warning"]) == 0
    assert main(["validate", str(plan_file), "-q", "--fail-on", "info"]) == 1
    assert main(["validate", str(plan_file), "-q", "--fail-on", "never"]) == 0


def test_validate_speaks_english_when_asked(warning_file, capsys):
    main(["validate", str(warning_file), "--lang", "en"])
    out = capsys.readouterr().out
    assert "warning AP201 forums[0].members: forum 'bra'" in out
    assert out.splitlines()[-1] == "1 finding (warning: 1)"


def test_validate_reports_no_findings_in_words(tmp_path, capsys):
    path = tmp_path / "clean.yaml"
    plan = Plan(id="tom", title="Tom", language="en", sections=[Section(number="1", heading="H")])
    actionplan.dump(plan, path)
    assert actionplan.validate(plan) == []
    assert main(["validate", str(path), "--fail-on", "info"]) == 0
    assert capsys.readouterr().out == "no findings\n"


def test_validate_json_is_a_list_of_finding_dicts_in_the_chosen_language(warning_file, capsys):
    assert main(["validate", str(warning_file), "--format", "json", "--lang", "sv"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = [f.to_dict("sv") for f in actionplan.validate(_warning_plan())]
    assert data == expected
    assert data[0]["code"] == "AP201"
    assert "saknar medlemmar" in data[0]["message"]


def test_validate_markdown_is_a_list_of_findings_and_a_count(warning_file, capsys):
    assert main(["validate", str(warning_file), "--format", "markdown", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("- **warning** AP201 `forums[0].members`: forum 'bra'")
    assert lines[1:] == ["", "_1 finding (warning: 1)_"]


def test_verbose_says_which_plan_was_read(plan_file, capsys):
    assert main(["show", str(plan_file), "-v"]) == 0
    assert capsys.readouterr().err == f"read {plan_file}: Trygghetsplan för Exempelby\n"
    assert main(["validate", "-v", "-o", str(plan_file.with_suffix(".txt"))]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "read the bundled example plan: " + _seed().title
    assert main(["convert", str(plan_file), "--to", "json", "-v"]) == 0
    assert capsys.readouterr().err == f"read {plan_file}: Trygghetsplan för Exempelby\n"


def test_validate_quiet_prints_nothing_but_keeps_the_exit_status(warning_file, capsys):
    assert main(["validate", str(warning_file), "-q", "--fail-on", "warning"]) == 1
    assert capsys.readouterr() == ("", "")


def test_validate_quiet_still_writes_the_output_file(warning_file, tmp_path, capsys):
    target = tmp_path / "findings.json"
    args = ["validate", str(warning_file), "-q", "--format", "json", "-o", str(target)]
    assert main(args) == 0
    assert capsys.readouterr() == ("", "")
    assert [f["code"] for f in json.loads(target.read_text(encoding="utf-8"))] == ["AP201"]


def test_validate_today_enables_the_rules_about_time(tmp_path, capsys):
    path = tmp_path / "old.toml"
    old = Plan(
        id="gammal",
        title="Gammal",
        validity=Validity(revise_by=date(2020, 12, 31)),
        sections=[Section(number="1", heading="H")],
    )
    actionplan.dump(old, path)
    main(["validate", str(path)])
    assert "AP214" not in capsys.readouterr().out
    assert main(["validate", str(path), "--today", "2021-01-01", "--fail-on", "warning"]) == 1
    assert "AP214" in capsys.readouterr().out


def test_validate_refuses_a_malformed_today(warning_file, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(warning_file), "--today", "1 april"])
    assert exit_info.value.code == 2
    assert "'1 april' is not a date; use YYYY-MM-DD" in capsys.readouterr().err


def test_validate_without_a_file_checks_the_bundled_seed_plan(capsys):
    seed = _seed()
    assert main(["validate", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [f.to_dict(seed.language) for f in actionplan.validate(seed)]


def test_a_missing_bundled_example_is_an_error_not_a_traceback(monkeypatch, capsys):
    def missing(name: str = "seed") -> Plan:
        raise FileNotFoundError(name)

    monkeypatch.setattr(actionplan, "example", missing)
    assert main(["show"]) == 2
    assert "error: the bundled example plan is missing" in capsys.readouterr().err


# --- errors ---------------------------------------------------------------------------------


def test_an_invalid_plan_gives_one_line_per_problem_with_file_and_path(bad_file, capsys):
    assert main(["validate", str(bad_file)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    expected = "measures[0].responsible[0]: unknown actor 'polis'; did you mean 'polisen'?"
    assert captured.err.splitlines() == [f"error: {bad_file}: {expected}"]


def test_every_problem_of_a_file_is_listed(tmp_path, capsys):
    path = tmp_path / "two.json"
    path.write_text(
        '{"format_version": 1, "id": "x", "title": "X", "colour": 1, "languag": "sv"}',
        encoding="utf-8",
    )
    assert main(["show", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"error: {path}: ") for line in lines)
    assert "unknown key 'languag' (did you mean 'language'?)" in lines[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.txt", "id = 'x'", "unknown file type '.txt'"),
        ("plan.toml", "id = ", "not valid TOML"),
        ("plan.json", "[1, 2]", "expected a table of plan fields"),
    ],
)
def test_unreadable_input_exits_2_with_the_path(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}")
    assert message in err


def test_a_missing_file_exits_2(tmp_path, capsys):
    path = tmp_path / "nowhere.toml"
    assert main(["show", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {path}: cannot read")


def test_errors_from_a_real_process_carry_no_traceback(bad_file):
    result = _run("validate", bad_file)
    assert result.returncode == 2
    assert str(bad_file) in result.stderr
    assert "measures[0].responsible[0]" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", "plan.toml", "--to", "xml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


# --- show -----------------------------------------------------------------------------------


def test_show_prints_every_section_with_the_parts_that_cite_it(plan_file, capsys):
    assert main(["show", str(plan_file)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:2] == ["Trygghetsplan för Exempelby", "=" * len("Trygghetsplan för Exempelby")]
    assert "Beslut: KF 2024-03-18 § 12 (kommunfullmäktige)" in lines
    assert "Kommuner: Fagersta (1982)" in lines
    assert "Gäller: från 2024-04-01, revideras senast 2026-12-31" in lines
    for heading in ("1. Samverkan i Brå", "2. Lägesbild och stöd", "3. Uppföljning"):
        assert heading in lines
    assert lines[lines.index("4. Punkt utan delar") + 1] == "  (ingen del av planen hänvisar hit)"
    expected = [
        "  - Forum (ska): Brottsförebyggande rådet, brottsförebyggande råd",
        (
            "      medlemmar: Polisen (ordförande), Skolan (ledamot), "
            "Regionen (ledamot, kan, vid behov)"
        ),
        "      mötesfrekvens: bör: minst 4 gånger per år",
        "  - Forum: Insatsgruppen, arbetsgrupp",
        "      mötesfrekvens: vid behov",
        "  - Åtgärd (ska): Genomföra trygghetsvandringar",
        "      ansvariga: Polisen",
        "      preventionsnivåer: främjande, förebyggande",
        "      perspektiv: genusperspektiv",
        "      resurser: Stödtelefonen",
        "      frekvens: regel FREQ=MONTHLY;BYDAY=2TU från 2024-01-09",
        "      klart senast: 2024-12-31",
        "  - Inbjudan: Ett gemensamt Brå: avböjd tills vidare",
        "      tillfrågad: Skinnskatteberg",
        "      tillfrågad: Skolan",
        "  - Lägesbild (ska): Lokal lägesbild",
        "      bidrar: Polisen (central roll), Skolan",
        "      miljöer: Vit makt-miljön",
        "      uppdateras: minst en gång per år",
        "  - Resurs: Stödtelefonen, stödtelefon",
        "      telefon: 020-100 200",
        "      webb: https://example.org/stod",
        "  - Uppföljning (bör): Följa upp arbetet",
        "      frekvens: datum: 2024-11-01 (fler planeras)",
        "      ingår i: kommunens ordinarie uppföljning",
        "Utan hänvisning till en punkt",
        "  - Aktör (kan): Regionen, region/landsting",
    ]
    for line in expected:
        assert line in lines


def test_show_puts_parts_under_the_section_they_cite(plan_file, capsys):
    main(["show", str(plan_file)])
    lines = capsys.readouterr().out.splitlines()
    section_2 = lines.index("2. Lägesbild och stöd")
    section_3 = lines.index("3. Uppföljning")
    picture = lines.index("  - Lägesbild (ska): Lokal lägesbild")
    assert section_2 < picture < section_3


def test_show_in_english(plan_file, capsys):
    assert main(["show", str(plan_file), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  - Measure (shall): Genomföra trygghetsvandringar" in lines
    assert "      meets: should: at least 4 times a year" in lines
    assert "      meets: as needed" in lines
    assert "      recurs: rule FREQ=MONTHLY;BYDAY=2TU from 2024-01-09" in lines
    assert "      updated: at least once a year" in lines
    assert "      recurs: dates: 2024-11-01 (more to be planned)" in lines
    assert "  - Invitation: Ett gemensamt Brå: declined for now" in lines
    assert "      within: the municipality's ordinary follow-up" not in lines
    assert "      part of: the municipality's ordinary follow-up" in lines


def test_show_markdown_has_a_heading_per_section(plan_file, capsys):
    assert main(["show", str(plan_file), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Trygghetsplan för Exempelby\n\n- **Beslut:** ")
    for section in _full_plan().sections:
        assert f"\n## {section.number}. {section.heading}\n\n" in out
    assert "- **Forum (ska):** Brottsförebyggande rådet, brottsförebyggande råd\n" in out
    assert "    - mötesfrekvens: bör: minst 4 gånger per år\n" in out
    assert "_(ingen del av planen hänvisar hit)_" in out


def test_show_markdown_escapes_markup_in_plan_text(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    actionplan.dump(Plan(id="x", title="Plan *för* [alla]"), path)
    main(["show", str(path), "--format", "markdown"])
    assert capsys.readouterr().out == "# Plan \\*för\\* \\[alla\\]\n"


def test_show_json_is_the_plans_file_form(plan_file, capsys):
    assert main(["show", str(plan_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == actionplan.to_dict(_full_plan())


def test_show_writes_to_output_and_notes_it_unless_quiet(plan_file, tmp_path, capsys):
    out = tmp_path / "plan.md"
    assert main(["show", str(plan_file), "--format", "markdown", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("# Trygghetsplan för Exempelby\n")
    assert main(["show", str(plan_file), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr() == ("", "")


def test_writing_into_a_missing_folder_exits_2(plan_file, tmp_path, capsys):
    target = tmp_path / "no" / "such" / "folder" / "plan.json"
    assert main(["convert", str(plan_file), "--to", "json", "-o", str(target)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {target}: cannot write")
    assert not target.exists()


def test_show_of_the_seed_plan_holds_all_nine_points(capsys):
    seed = _seed()
    assert main(["show"]) == 0
    out = capsys.readouterr().out
    assert len(seed.sections) == 9
    for section in seed.sections:
        assert f"\n{section.number}. {section.heading}\n" in out
    for text in (
        "KF 2016-04-25 § 74",
        "Fagersta (1982), Norberg (1962)",
        "bör: minst 4 gånger per år",
        "avböjd tills vidare",
        "020-100 200",
        "Samtalskompassen",
        "genusperspektiv",
        "kommunens ordinarie uppföljning",
        "Åtgärd (kan):",
    ):
        assert text in out


# --- convert --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_convert_to_each_format_round_trips(plan_file, capsys, fmt):
    assert main(["convert", str(plan_file), "--to", fmt]) == 0
    text = capsys.readouterr().out
    assert text == actionplan.dumps(_full_plan(), format=fmt)
    assert actionplan.loads(text, format=fmt) == _full_plan()


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_convert_with_output_writes_the_file(plan_file, tmp_path, capsys, fmt):
    target = tmp_path / f"out.{fmt}"
    assert main(["convert", str(plan_file), "--to", fmt, "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", f"wrote {target}\n")
    assert actionplan.load(target) == _full_plan()


def test_convert_writes_the_asked_format_whatever_the_suffix(plan_file, tmp_path):
    target = tmp_path / "out.txt"
    assert main(["convert", str(plan_file), "--to", "json", "-o", str(target), "-q"]) == 0
    assert actionplan.load(target, format="json") == _full_plan()


# --- schema ---------------------------------------------------------------------------------


def test_schema_prints_a_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "$schema" in schema
    assert schema == actionplan.json_schema()


def test_schema_with_output_writes_the_file(tmp_path, capsys):
    target = tmp_path / "plan.schema.json"
    assert main(["schema", "-o", str(target), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert json.loads(target.read_text(encoding="utf-8")) == actionplan.json_schema()


# --- real processes -------------------------------------------------------------------------


def test_python_m_actionplan_runs_every_command(plan_file, tmp_path):
    validate = _run("validate", plan_file, "--format", "json")
    assert validate.returncode == 0
    assert isinstance(json.loads(validate.stdout), list)
    show = _run("show", plan_file)
    assert show.returncode == 0
    assert "1. Samverkan i Brå" in show.stdout
    convert = _run("convert", plan_file, "--to", "yaml")
    assert convert.returncode == 0
    assert actionplan.loads(convert.stdout, format="yaml") == _full_plan()
    schema = _run("schema", "-o", tmp_path / "schema.json")
    assert schema.returncode == 0
    assert "$schema" in json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))


def test_the_module_entry_point_exits_with_mains_status(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["actionplan", "schema"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("actionplan", run_name="__main__")
    assert exit_info.value.code == 0
    assert "$schema" in json.loads(capsys.readouterr().out)


def test_python_m_actionplan_exit_status_follows_fail_on(warning_file):
    assert _run("validate", warning_file).returncode == 0
    assert _run("validate", warning_file, "--fail-on", "warning").returncode == 1


def test_the_console_script_is_installed_and_runs():
    script = Path(sys.executable).parent / ("actionplan.exe" if os.name == "nt" else "actionplan")
    assert script.exists(), f"no console script at {script}; install the package"
    result = _run("--version", command=(str(script),))
    assert result.returncode == 0
    assert result.stdout.strip() == f"actionplan {actionplan.__version__}"
    _seed()
    validate = _run("validate", command=(str(script),))
    assert validate.returncode == 0
    assert validate.stdout.splitlines()[-1].endswith(")")
    show = _run("show", command=(str(script),))
    assert show.returncode == 0
    assert "Lokal handlingsplan mot våldsbejakande extremism" in show.stdout
