"""Pictures: each renders to PNG and SVG, shows what it should, and renders the same twice."""

from __future__ import annotations

import math
import re
import struct
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

matplotlib = pytest.importorskip("matplotlib")

import actionplan  # noqa: E402
from actionplan import (  # noqa: E402
    Actor,
    ActorKind,
    Classification,
    Forum,
    InvalidValueError,
    Membership,
    Period,
    PerPeriod,
    Plan,
    PlanFileError,
    plot,
)
from actionplan.schedule import (  # noqa: E402
    Occurrence,
    OccurrenceKind,
    Schedule,
    Series,
    SubjectKind,
)

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- helpers ---------------------------------------------------------------------------------


def parse(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted data


def ids(root: ET.Element, prefix: str) -> list[str]:
    """The ids of the SVG elements whose id starts with *prefix*, in document order."""
    return [e.get("id", "") for e in root.iter() if e.get("id", "").startswith(prefix)]


def texts(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(f"{SVG}text")]


def element(root: ET.Element, element_id: str) -> ET.Element:
    found = [e for e in root.iter() if e.get("id") == element_id]
    assert len(found) == 1, element_id
    return found[0]


def marker_path(root: ET.Element, group_id: str) -> str:
    """The outline of the marker drawn inside the group with *group_id*."""
    paths = {e.get("id"): e.get("d", "") for e in root.iter(f"{SVG}path") if e.get("id")}
    uses = list(element(root, group_id).iter(f"{SVG}use"))
    assert len(uses) == 1
    return paths[uses[0].get(XLINK_HREF, "").removeprefix("#")]


def style_of(root: ET.Element, group_id: str) -> dict[str, str]:
    path = next(element(root, group_id).iter(f"{SVG}path"))
    pairs = (item.split(":", 1) for item in path.get("style", "").split(";") if ":" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must follow the signature."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def occurrence(key, subject, kind, day, *, subject_kind=SubjectKind.FORUM, **values):
    start = datetime(day.year, day.month, day.day, 13, tzinfo=UTC)
    length = timedelta(hours=2) if kind is OccurrenceKind.MEETING else timedelta(0)
    return Occurrence(
        series=key,
        subject=subject,
        subject_kind=subject_kind,
        kind=kind,
        start=start,
        end=start + length,
        **values,
    )


def series(subject, days, *, kind=OccurrenceKind.MEETING, subject_kind=SubjectKind.FORUM, **kw):
    key = f"{subject_kind.value}/{subject}"
    items = tuple(
        occurrence(key, subject, kind, day, subject_kind=subject_kind, **kw) for day in days
    )
    return Series(
        key=key,
        subject=subject,
        subject_kind=subject_kind,
        kind=kind,
        start=items[0].start,
        duration=items[0].end - items[0].start,
        rdates=tuple(o.start for o in items),
        occurrences=items,
        title=kw.get("title", subject),
    )


@pytest.fixture
def wheel_plan():
    return Plan(
        id="hjul",
        title="Handlingsplan för Åsby",
        actors=[Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE)],
        forums=[
            Forum(id="bra", name="Brå", members=[Membership(actor="polisen")]),
            Forum(id="grupp", name="Samverkansgruppen"),
        ],
    )


@pytest.fixture
def hand_schedule():
    """Four Brå meetings in 2027 and one in 2028, monthly group meetings, three deadlines."""
    bra = series(
        "bra",
        [
            date(2027, 1, 1),
            date(2027, 4, 2),
            date(2027, 8, 10),
            date(2027, 11, 9),
            date(2028, 2, 8),
        ],
        title="Brottsförebyggande rådet",
    )
    group = series(
        "grupp",
        [date(2027, month, 12) for month in range(1, 13)],
        title="Samverkansgruppen",
        classification=Classification.CONFIDENTIAL,
    )
    picture = series(
        "lagesbild",
        [date(2027, 3, 31)],
        kind=OccurrenceKind.DEADLINE,
        subject_kind=SubjectKind.SITUATIONAL_PICTURE,
        title="Lägesbild för Åsby",
    )
    walks = series(
        "trygghetsvandring",
        [date(2027, 5, 31), date(2027, 10, 29)],
        kind=OccurrenceKind.DEADLINE,
        subject_kind=SubjectKind.MEASURE,
        title="Trygghetsvandringar",
    )
    return Schedule(
        plan_id="hjul",
        start=date(2027, 1, 1),
        end=date(2028, 12, 31),
        zone="UTC",
        series=(bra, group, picture, walks),
    )


# --- rendering and saving --------------------------------------------------------------------


def test_network_of_the_seed_plan_renders_as_png_at_100_pixels_per_inch(seed):
    """The PNG is a real PNG whose header gives the figure's size at 100 dpi, 12 in wide."""
    figure = plot.network_figure(seed)
    data = plot.render(figure, "png")
    width, height = png_size(data)
    assert width == 1200
    assert height == round(figure.get_size_inches()[1] * 100) >= 900
    assert data.endswith(b"IEND\xaeB`\x82")


def test_a_small_network_is_twelve_by_nine_inches_and_a_big_one_grows(tiny_plan):
    """Two actors fit the standard size; three forums of twenty get a larger picture."""
    assert png_size(plot.render(plot.network_figure(tiny_plan), "png")) == (1200, 900)
    crowd = Plan(
        id="stor",
        title="Stor plan",
        actors=[Actor(id=f"a{i}", name=f"Aktör {i}") for i in range(60)],
        forums=[
            Forum(
                id=f"f{f}",
                name=f"Forum {f}",
                members=[Membership(actor=f"a{i}") for i in range(20 * f, 20 * f + 20)],
            )
            for f in range(3)
        ],
    )
    width, height = png_size(plot.render(plot.network_figure(crowd), "png"))
    assert width >= 1200
    assert height > 1200


def test_each_picture_renders_to_png_with_the_figure_size_and_to_svg(seed, hand_schedule):
    """Network, heat map and wheel all give a PNG sized like the figure and parseable SVG."""
    figures = [
        plot.network_figure(seed),
        plot.heatmap(["a", "b"], ["x"], [[1], [0]], title="t"),
        plot.annual_wheel(hand_schedule, seed, year=2027),
    ]
    for figure in figures:
        width, height = figure.get_size_inches() * 100
        assert png_size(plot.render(figure, "png")) == (round(width), round(height))
        root = parse(plot.render(figure, "svg"))
        assert root.tag == f"{SVG}svg"
        assert root.get("width") == f"{width * 0.72:g}pt"


def test_same_input_gives_byte_identical_svg_and_png(seed, hand_schedule, wheel_plan):
    """Rendering twice from scratch gives the same bytes: no dates, random ids or tags."""

    def pictures():
        return [
            plot.network_figure(seed),
            plot.heatmap(["ä"], ["ö"], [[3]], title="Å"),
            plot.annual_wheel(hand_schedule, wheel_plan, year=2027),
        ]

    for first, second in zip(pictures(), pictures(), strict=True):
        assert plot.render(first, "svg") == plot.render(second, "svg")
        assert plot.render(first, "png") == plot.render(second, "png")


def test_svg_carries_no_date_and_png_no_software_tag(seed):
    """A re-render next year must not change the file, so nothing time- or tool-stamped."""
    figure = plot.network_figure(seed)
    assert b"<dc:date>" not in plot.render(figure, "svg")
    assert b"Software" not in plot.render(figure, "png")


def test_user_matplotlib_settings_neither_change_the_picture_nor_get_lost(seed):
    """A caller's own rcParams do not leak into the picture, and are still set afterwards."""
    plain = plot.render(plot.network_figure(seed), "svg")
    with matplotlib.rc_context({"font.size": 22, "svg.fonttype": "path", "lines.linewidth": 9}):
        styled = plot.render(plot.network_figure(seed), "svg")
        assert matplotlib.rcParams["font.size"] == 22
        assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert styled == plain


def test_save_writes_the_format_its_suffix_names(tmp_path, seed):
    """A .png file gets PNG bytes, a .svg file SVG, and nothing else is left in the folder."""
    figure = plot.network_figure(seed)
    plot.save(figure, tmp_path / "nät.png")
    plot.save(figure, str(tmp_path / "nät.svg"))
    assert (tmp_path / "nät.png").read_bytes()[:8] == PNG_SIGNATURE
    assert parse((tmp_path / "nät.svg").read_bytes()).tag == f"{SVG}svg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nät.png", "nät.svg"]


def test_save_format_overrides_the_suffix(tmp_path, seed):
    """format='svg' writes SVG even to a name without a picture suffix."""
    target = tmp_path / "natverk.bild"
    plot.save(plot.network_figure(seed), target, format="svg")
    assert parse(target.read_bytes()).tag == f"{SVG}svg"


def test_save_refuses_an_unknown_format_and_writes_nothing(tmp_path, seed):
    """A .pdf name is refused with a hint naming the formats; the folder stays empty."""
    with pytest.raises(InvalidValueError, match=r"\.png or \.svg"):
        plot.save(plot.network_figure(seed), tmp_path / "nät.pdf")
    with pytest.raises(InvalidValueError, match="'jpeg' is not a supported format"):
        plot.save(plot.network_figure(seed), tmp_path / "nät.png", format="jpeg")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_folder_raises_plan_file_error(tmp_path, seed):
    """A folder that does not exist gives the package's file error, not a bare OSError."""
    with pytest.raises(PlanFileError):
        plot.save(plot.network_figure(seed), tmp_path / "saknas" / "nät.svg")


def test_render_refuses_an_unknown_format(seed):
    """render() accepts png and svg only."""
    with pytest.raises(InvalidValueError, match="use 'png' or 'svg'"):
        plot.render(plot.network_figure(seed), "gif")  # type: ignore[arg-type]


# --- the network -----------------------------------------------------------------------------


def test_network_has_a_circle_per_actor_and_a_square_per_public_forum(seed):
    """Every actor is a circle and every public forum a square, each with its node id."""
    root = parse(plot.render(plot.network_figure(seed), "svg"))
    actors = ids(root, "actor:")
    forums = ids(root, "forum:")
    assert sorted(actors) == sorted(f"actor:{a.id}" for a in seed.actors)
    assert forums == ["forum:bra", "forum:civilsamhallets-motesplats", "forum:migrationsmoten"]
    # A circle's outline is made of curves, a square's of straight lines only.
    assert all(" C " in f" {marker_path(root, a)} " for a in actors)
    for forum in forums:
        outline = marker_path(root, forum)
        assert " C " not in f" {outline} "
        assert outline.count(" L ") == 3


def test_network_draws_a_line_for_each_seat(seed):
    """Each membership of a public forum is one line, with the actor and the forum in its id."""
    root = parse(plot.render(plot.network_figure(seed), "svg"))
    seats = ids(root, "seat:")
    expected = sorted(
        f"seat:actor:{m.actor}|forum:{f.id}"
        for f in seed.forums
        if f.classification is Classification.PUBLIC
        for m in f.members
    )
    assert sorted(seats) == expected
    assert "seat:actor:polisen|forum:bra" in seats


def test_public_network_leaves_out_a_confidential_forum(seed):
    """The confidential collaboration group is neither drawn nor named in a public picture."""
    public = parse(plot.render(plot.network_figure(seed), "svg"))
    assert "forum:samverkansgruppen" not in ids(public, "forum:")
    assert not any("Samverkansgruppen" in text for text in texts(public))
    everything = parse(plot.render(plot.network_figure(seed, public=False), "svg"))
    assert "forum:samverkansgruppen" in ids(everything, "forum:")
    assert "(sekretess)" in texts(everything)


def test_seat_lines_are_thicker_the_more_often_the_forum_meets():
    """A monthly forum's lines are thicker than a yearly one's; a forum without cadence dashes."""
    plan = Plan(
        id="linjer",
        title="Linjer",
        actors=[Actor(id=name, name=name.title()) for name in ("a", "b", "c")],
        forums=[
            Forum(
                id="manad",
                name="Månadsmöte",
                members=[Membership(actor="a"), Membership(actor="b")],
                cadence=PerPeriod(count=1, period=Period.MONTH),
            ),
            Forum(
                id="ar",
                name="Årsmöte",
                members=[Membership(actor="b"), Membership(actor="c")],
                cadence=PerPeriod(count=1, period=Period.YEAR),
            ),
            Forum(id="oklar", name="Oklart", members=[Membership(actor="c")]),
        ],
    )
    root = parse(plot.render(plot.network_figure(plan), "svg"))
    monthly = style_of(root, "seat:actor:a|forum:manad")
    yearly = style_of(root, "seat:actor:b|forum:ar")
    unknown = style_of(root, "seat:actor:c|forum:oklar")
    assert float(monthly["stroke-width"]) > float(yearly["stroke-width"])
    assert "stroke-dasharray" not in yearly
    assert "stroke-dasharray" in unknown
    assert {"12 möten per år", "1 möte per år", "ingen fast mötesfrekvens"} <= set(texts(root))


def test_network_legend_names_actor_kinds_in_the_chosen_language(seed):
    """Kinds are named in Swedish for a Swedish plan, in English on request; text stays text."""
    swedish = texts(parse(plot.render(plot.network_figure(seed), "svg")))
    assert {"polis", "kommunens säkerhetsfunktion", "Aktörer efter typ"} <= set(swedish)
    assert "Brottsförebyggande" in swedish
    assert "Lokal handlingsplan mot våldsbejakande extremism" in swedish
    english = texts(parse(plot.render(plot.network_figure(seed, lang="en"), "svg")))
    assert {"police", "municipal security function", "Actors by kind"} <= set(english)
    assert "polis" not in english


def test_network_legend_lists_only_the_kinds_the_picture_shows(tiny_plan):
    """A plan of a police and a school shows two kinds in its legend, not all sixteen."""
    shown = set(texts(parse(plot.render(plot.network_figure(tiny_plan), "svg"))))
    kinds = {kind.label("sv") for kind in ActorKind}
    assert shown & kinds == {"polis", "skola"}


def test_actors_without_a_forum_are_drawn_and_called_out(seed):
    """Actors with no seat still appear, under a caption that names the gap."""
    root = parse(plot.render(plot.network_figure(seed), "svg"))
    assert "actor:fritid" in ids(root, "actor:")
    assert "seat:actor:fritid" not in " ".join(ids(root, "seat:"))
    assert "Aktörer utan plats i något forum" in texts(root)


@pytest.mark.parametrize("name", ["seed", "english"])
def test_network_labels_cover_neither_other_labels_nor_other_nodes(name):
    """In the bundled plans every name can be read: no label lies over another or a node."""
    figure = plot.network_figure(actionplan.example(name), public=False)
    figure.draw_without_rendering()
    axes = figure.axes[0]
    labels = {
        text.get_gid().removeprefix("label:"): text.get_window_extent().padded(1)
        for text in axes.texts
        if (text.get_gid() or "").startswith("label:")
    }
    nodes = {line.get_gid(): line.get_window_extent() for line in axes.get_lines()}
    assert len(labels) > 10
    crossing = [
        (first, second)
        for first, box in labels.items()
        for second, other in labels.items()
        if first < second and box.overlaps(other)
    ]
    crossing += [
        (label, node)
        for label, box in labels.items()
        for node, dot in nodes.items()
        if node.startswith(("actor:", "forum:")) and node != label and box.overlaps(dot)
    ]
    assert crossing == []


def test_network_layout_follows_the_seed(seed):
    """The same seed gives the same picture; another seed moves the nodes."""
    first = plot.render(plot.network_figure(seed, seed=1), "svg")
    assert first == plot.render(plot.network_figure(seed, seed=1), "svg")
    assert first != plot.render(plot.network_figure(seed, seed=2), "svg")


def test_network_of_an_empty_plan_says_so():
    """A plan without actors or forums gives a picture with a sentence, not an error."""
    plan = Plan(id="tom", title="Tom plan")
    root = parse(plot.render(plot.network_figure(plan, lang="en"), "svg"))
    assert ids(root, "actor:") == ids(root, "forum:") == []
    assert "The plan has no actors or forums to show." in texts(root)


def test_network_refuses_an_unknown_language(seed):
    """lang must be sv or en."""
    with pytest.raises(InvalidValueError, match="use 'sv' or 'en'"):
        plot.network_figure(seed, lang="de")  # type: ignore[arg-type]


# --- the heat map ----------------------------------------------------------------------------


def test_heatmap_has_a_cell_per_count_and_marks_zeros_as_gaps():
    """Non-zero counts are cells, zeros are gaps; each shows its number."""
    rows = ["skola", "socialtjänst", "polis"]
    columns = ["främjande", "förebyggande", "åtgärdande"]
    cells = [[2, 0, 1], [0, 0, 3], [4, 1, 0]]
    figure = plot.heatmap(rows, columns, cells, title="Åtgärder per aktör")
    root = parse(plot.render(figure, "svg"))
    assert ids(root, "cell:") == [
        "cell:skola|främjande",
        "cell:skola|åtgärdande",
        "cell:socialtjänst|åtgärdande",
        "cell:polis|främjande",
        "cell:polis|förebyggande",
    ]
    assert ids(root, "gap:") == [
        "gap:skola|förebyggande",
        "gap:socialtjänst|främjande",
        "gap:socialtjänst|förebyggande",
        "gap:polis|åtgärdande",
    ]
    shown = texts(root)
    assert sorted(t for t in shown if t.isdigit()) == ["0", "0", "0", "0", "1", "1", "2", "3", "4"]
    assert {"Åtgärder per aktör", "socialtjänst", "åtgärdande", "lucka: 0"} <= set(shown)


def test_heatmap_gaps_are_hatched_and_darker_cells_mean_more():
    """A gap is drawn with a hatch pattern; a larger count is filled with a darker blue."""
    root = parse(plot.render(plot.heatmap(["r"], ["a", "b", "c"], [[1, 5, 0]], title="t"), "svg"))
    assert "url(#h" in element(root, "gap:r|c").find(f".//{SVG}path").get("style", "")

    def lightness(cell_id):
        fill = style_of(root, cell_id)["fill"].lstrip("#")
        return sum(int(fill[i : i + 2], 16) for i in (0, 2, 4))

    assert lightness("cell:r|b") < lightness("cell:r|a")


def test_heatmap_titles_axes_and_note_are_shown():
    """Row and column captions and a note under the table appear as text."""
    figure = plot.heatmap(
        ["a"], ["b"], [[1]], title="T", row_label="aktörstyp", column_label="nivå", note="Obs!"
    )
    assert {"aktörstyp", "nivå", "Obs!"} <= set(texts(parse(plot.render(figure, "svg"))))


@pytest.mark.parametrize(
    ("rows", "columns", "cells", "message"),
    [
        ([], ["a"], [], "at least one row and one column"),
        (["a"], [], [[]], "at least one row and one column"),
        (["a", "b"], ["x"], [[1]], "do not form 2 rows of 1 counts"),
        (["a"], ["x", "y"], [[1]], "do not form 1 rows of 2 counts"),
        (["a"], ["x"], [[-1]], "-1 is not a count"),
        (["a"], ["x"], [[1.5]], "1.5 is not a count"),
        (["a"], ["x"], [[True]], "True is not a count"),
        (["a"], ["x"], [["member"]], "'member' is not a count"),
    ],
)
def test_heatmap_refuses_tables_that_are_not_counts(rows, columns, cells, message):
    """An empty table, a ragged one, or a cell that is not a whole number from 0 is refused."""
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        plot.heatmap(rows, columns, cells, title="t")


def test_heatmap_matrix_names_kinds_and_levels_in_the_chosen_language():
    """Codes of actor kinds and prevention levels become labels; axis words are translated."""
    matrix = SimpleNamespace(
        row_label="actor kind",
        column_label="prevention level",
        rows=("police", "social-services"),
        columns=("promotive", "interventive"),
        cells=((1, 0), (0, 2)),
    )
    swedish = texts(parse(plot.render(plot.heatmap_matrix(matrix), "svg")))
    assert {"polis", "socialtjänst", "främjande", "åtgärdande"} <= set(swedish)
    assert {"aktörstyp", "preventionsnivå", "Aktörstyp × preventionsnivå"} <= set(swedish)
    english = texts(parse(plot.render(plot.heatmap_matrix(matrix, lang="en"), "svg")))
    assert {"police", "social services", "interventive", "Actor kind × prevention level"} <= set(
        english
    )


def test_heatmap_matrix_names_plan_ids_when_given_the_plan(seed):
    """With the plan, actor ids in an actor axis are shown by the actors' names."""
    matrix = SimpleNamespace(
        row_label="actor",
        column_label="milieu",
        rows=("polisen", "socialtjanst"),
        columns=("vit-makt", "islamistisk"),
        cells=((1, 0), (0, 0)),
    )
    axes = plot.heatmap_matrix(matrix, plan=seed).axes[0]
    rows = [label.get_text() for label in axes.get_yticklabels()]
    columns = [label.get_text().replace("\n", " ") for label in axes.get_xticklabels()]
    assert rows == ["Polisen", "Socialtjänsten"]
    assert columns == [seed.milieus[0].name, seed.milieus[2].name]
    assert [m.id for m in seed.milieus][::2] == ["vit-makt", "islamistisk"]
    bare = set(texts(parse(plot.render(plot.heatmap_matrix(matrix), "svg"))))
    assert {"polisen", "socialtjanst"} <= bare


def test_heatmap_matrix_notes_an_approximate_crosswalk():
    """A matrix marked approximate gets a note saying its counts rest on a loose fit."""
    exact = SimpleNamespace(row_label="r", column_label="c", rows=("a",), columns=("b",))
    exact.cells = ((1,),)
    loose = SimpleNamespace(**vars(exact), approximate=True)
    note = "Some counts rest on an approximate crosswalk between level schemes."
    assert note not in texts(parse(plot.render(plot.heatmap_matrix(exact, lang="en"), "svg")))
    assert note in texts(parse(plot.render(plot.heatmap_matrix(loose, lang="en"), "svg")))


def test_heatmap_matrix_refuses_a_matrix_of_roles():
    """A forum x actor table of role codes has no counts to colour."""
    roles = SimpleNamespace(
        row_label="forum", column_label="actor", rows=("bra",), columns=("polisen",)
    )
    roles.cells = (("member",),)
    with pytest.raises(InvalidValueError, match="is not a count"):
        plot.heatmap_matrix(roles)


def test_heatmap_matrix_draws_the_coverage_modules_matrix(seed):
    """The real actor-kind x level matrix of the seed plan draws with a cell or gap for each."""
    coverage = pytest.importorskip("actionplan.coverage")
    matrix = coverage.actor_level_matrix(seed)
    root = parse(plot.render(plot.heatmap_matrix(matrix, plan=seed), "svg"))
    cells = [c for row in matrix.cells for c in row]
    assert len(ids(root, "cell:")) == sum(1 for c in cells if c)
    assert len(ids(root, "gap:")) == sum(1 for c in cells if not c)


# --- the annual wheel ------------------------------------------------------------------------


def test_wheel_has_a_dot_per_meeting_of_the_year(hand_schedule, wheel_plan):
    """Every meeting of 2027 is a dot with its series and date in its id; 2028's are left out."""
    figure = plot.annual_wheel(hand_schedule, wheel_plan, year=2027, public=False)
    meetings = ids(parse(plot.render(figure, "svg")), "meeting:")
    expected = [
        o
        for o in hand_schedule.occurrences
        if o.kind is OccurrenceKind.MEETING and o.start.year == 2027
    ]
    assert len(meetings) == len(expected) == 16
    assert "meeting:forum/bra:2027-04-02" in meetings
    assert "meeting:forum/bra:2028-02-08" not in meetings


def test_wheel_draws_deadlines_as_triangles(hand_schedule, wheel_plan):
    """Each deadline is a triangle (three straight sides), apart from the meeting dots."""
    root = parse(plot.render(plot.annual_wheel(hand_schedule, wheel_plan, year=2027), "svg"))
    deadlines = ids(root, "deadline:")
    assert deadlines == [
        "deadline:situational-picture/lagesbild:2027-03-31",
        "deadline:measure/trygghetsvandring:2027-05-31",
        "deadline:measure/trygghetsvandring:2027-10-29",
    ]
    for deadline in deadlines:
        outline = marker_path(root, deadline)
        assert " C " not in f" {outline} "
        assert outline.count(" L ") == 2


def test_wheel_of_a_real_schedule_shows_every_meeting_and_deadline():
    """The English example's schedule: as many marks as the public schedule has occurrences."""
    schedule = pytest.importorskip("actionplan.schedule").schedule
    plan = actionplan.example("english")
    year = schedule(plan, date(2027, 1, 1), date(2027, 12, 31))
    root = parse(plot.render(plot.annual_wheel(year, plan, year=2027), "svg"))
    public = year.public().occurrences
    meetings = sum(1 for o in public if o.kind is OccurrenceKind.MEETING)
    deadlines = sum(1 for o in public if o.kind is OccurrenceKind.DEADLINE)
    assert len(ids(root, "meeting:")) == meetings > 0
    assert len(ids(root, "deadline:")) == deadlines > 0


def test_wheel_has_twelve_month_names_in_the_chosen_language(hand_schedule, wheel_plan):
    """Twelve month labels, Swedish for a Swedish plan and English on request."""
    swedish = parse(plot.render(plot.annual_wheel(hand_schedule, wheel_plan, year=2027), "svg"))
    months = ids(swedish, "month:")
    assert months == [f"month:{m:02d}" for m in range(1, 13)]
    assert [next(element(swedish, m).iter(f"{SVG}text")).text for m in months][:3] == [
        "januari",
        "februari",
        "mars",
    ]
    english = parse(
        plot.render(plot.annual_wheel(hand_schedule, wheel_plan, year=2027, lang="en"), "svg")
    )
    assert next(element(english, "month:12").iter(f"{SVG}text")).text == "December"


def test_wheel_starts_at_the_top_and_runs_clockwise(hand_schedule, wheel_plan):
    """1 January sits straight above the centre, early April at three o'clock."""
    figure = plot.annual_wheel(hand_schedule, wheel_plan, year=2027)
    axes = figure.axes[0]
    marks = {line.get_gid(): line for line in axes.get_lines() if line.get_gid()}
    figure.canvas.draw()

    def place(gid):
        line = marks[gid]
        x, y = axes.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
        cx, cy = axes.transData.transform((0, 0))
        return math.degrees(math.atan2(x - cx, y - cy))  # 0 up, 90 right: clockwise

    assert place("meeting:forum/bra:2027-01-01") == pytest.approx(0.5, abs=0.5)
    assert place("meeting:forum/bra:2027-04-02") == pytest.approx(90.0, abs=1.5)
    assert place("meeting:forum/bra:2027-08-10") == pytest.approx(-140.0, abs=2.5)


def test_wheel_gives_each_forum_its_own_ring_in_the_plans_order(hand_schedule, wheel_plan):
    """The first forum of the plan is the inner ring; deadlines lie outside all meetings."""
    figure = plot.annual_wheel(hand_schedule, wheel_plan, year=2027, public=False)
    radius = {
        line.get_gid().rsplit(":", 1)[0]: line.get_ydata()[0]
        for line in figure.axes[0].get_lines()
        if line.get_gid()
    }
    assert radius["meeting:forum/bra"] < radius["meeting:forum/grupp"]
    assert radius["meeting:forum/grupp"] < radius["deadline:situational-picture/lagesbild"]
    assert (
        radius["deadline:situational-picture/lagesbild"]
        != radius["deadline:measure/trygghetsvandring"]
    )


def test_public_wheel_leaves_out_confidential_meetings(hand_schedule, wheel_plan):
    """By default the confidential group's meetings are neither drawn nor named."""
    root = parse(plot.render(plot.annual_wheel(hand_schedule, wheel_plan, year=2027), "svg"))
    assert not [m for m in ids(root, "meeting:") if "grupp" in m]
    assert not any("Samverkansgruppen" in text for text in texts(root))


def test_wheel_title_legend_and_counts_are_text(hand_schedule, wheel_plan):
    """Title with plan and year, and a legend entry per ring with its count, as SVG text."""
    root = parse(plot.render(plot.annual_wheel(hand_schedule, wheel_plan, year=2027), "svg"))
    shown = set(texts(root))
    assert {"Handlingsplan för Åsby", "Årshjul 2027", "Möten", "Att göra klart"} <= shown
    assert "Brottsförebyggande rådet (4)" in shown
    assert "Uppdatera lägesbilden: Lägesbild för Åsby (1)" in shown
    assert "Trygghetsvandringar (2)" in shown


def test_wheel_says_none_for_a_forum_without_meetings_that_year(hand_schedule, wheel_plan):
    """In 2028 the group has no meetings: its ring stays, and the legend says so."""
    figure = plot.annual_wheel(hand_schedule, wheel_plan, year=2028, public=False)
    root = parse(plot.render(figure, "svg"))
    assert ids(root, "meeting:") == ["meeting:forum/bra:2028-02-08"]
    assert "Samverkansgruppen (inga)" in texts(root)


def test_wheel_refuses_a_year_outside_the_schedule(hand_schedule, wheel_plan):
    """Asking for 2026 from a 2027-2028 schedule is an error that says so."""
    with pytest.raises(InvalidValueError, match="2026 lies outside the schedule"):
        plot.annual_wheel(hand_schedule, wheel_plan, year=2026)


def test_a_network_too_big_for_a_spring_layout_still_draws():
    """Five hundred and twenty actors in one forum are drawn, without needing SciPy."""
    crowd = Plan(
        id="lan",
        title="Hela länet",
        actors=[Actor(id=f"a{i}", name=f"Aktör {i}") for i in range(520)],
        forums=[
            Forum(id="alla", name="Alla", members=[Membership(actor=f"a{i}") for i in range(520)])
        ],
    )
    figure = plot.network_figure(crowd)
    drawn = [line.get_gid() for line in figure.axes[0].get_lines()]
    assert sum(1 for gid in drawn if gid and gid.startswith("actor:")) == 520
    assert tuple(figure.get_size_inches()) == (30.0, 30.0)
