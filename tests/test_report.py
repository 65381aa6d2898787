"""The council's report: one self-contained HTML page (and Markdown) about a plan's year."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    Classification,
    Forum,
    ForumKind,
    InvalidValueError,
    Invitation,
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
from actionplan import report as report_module
from actionplan.report import Report, build, render, to_html, to_markdown

YEAR = 2027

# --- reading the page back ---------------------------------------------------------------

_VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col", "area"})


class Page(HTMLParser):
    """Parse a report page into its tags and the text inside each element."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[tuple[tuple[tuple[str, dict[str, str | None]], ...], str]] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "tr":
            table = next((a.get("id") for t, a in reversed(self.stack) if t == "table"), None)
            self.rows.setdefault(table or "", []).append([])
        if tag in {"td", "th"}:
            table = next((a.get("id") for t, a in reversed(self.stack) if t == "table"), None)
            self.rows[table or ""][-1].append("")
        if tag not in _VOID:
            self.stack.append((tag, found))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.chunks.append((tuple(self.stack), data))
        if any(t in {"td", "th"} for t, _ in self.stack):
            table = next((a.get("id") for t, a in reversed(self.stack) if t == "table"), None)
            rows = self.rows.get(table or "")
            if rows and rows[-1]:
                rows[-1][-1] += data

    def text_in(self, element_id: str) -> str:
        """All text inside the element with *element_id*, whitespace collapsed."""
        parts = [d for stack, d in self.chunks if any(a.get("id") == element_id for _, a in stack)]
        return " ".join(" ".join(parts).split())

    def text_in_tag(self, tag: str, inside: str | None = None) -> list[str]:
        """The text of each chunk inside a *tag* element (optionally inside element *inside*)."""
        return [
            " ".join(d.split())
            for stack, d in self.chunks
            if any(t == tag for t, _ in stack)
            and (inside is None or any(a.get("id") == inside for _, a in stack))
            and d.strip()
        ]

    def table(self, table_id: str) -> list[list[str]]:
        return [[" ".join(cell.split()) for cell in row] for row in self.rows.get(table_id, [])]


def assert_self_contained(page: str) -> None:
    """No script, no external resource, no link that leaves the page."""
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for tag, attributes in parsed.tags:
        assert "src" not in attributes, tag
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        for name in ("href", "xlink:href"):
            if name in attributes:
                assert (attributes[name] or "").startswith("#"), (tag, attributes)
    assert "http://" not in page
    assert "https://" not in page
    assert "url(http" not in page
    assert "@import" not in page


# --- the seed plan -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Plan:
    return actionplan.example()


@pytest.fixture(scope="module")
def public_report(seed) -> Report:
    return build(seed, year=YEAR)


@pytest.fixture(scope="module")
def public_page(public_report) -> str:
    return to_html(public_report)


@pytest.fixture(scope="module")
def internal_page(seed) -> str:
    return to_html(build(seed, year=YEAR, public=False))


def test_the_page_is_swedish_for_a_swedish_plan_and_has_every_part(public_page):
    parsed = Page(public_page)
    assert public_page.startswith("<!DOCTYPE html>\n")
    assert '<html lang="sv">' in public_page
    headings = parsed.text_in_tag("h2")
    assert headings == [
        "Innehåll",
        "Planen i korthet",
        "Iakttagelser",
        "Täckning",
        "Samverkansnätverket",
        "Årshjul och möten 2027",
    ]
    assert "Offentlig version" in parsed.text_in_tag("p")[1]


def test_the_glance_lists_the_nine_section_headings_and_the_decision(seed, public_page):
    parsed = Page(public_page)
    glance = parsed.text_in("glance")
    assert len(seed.sections) == 9
    for section in seed.sections:
        assert " ".join(section.heading.split()) in glance
    assert "KF 2016-04-25 § 74 (kommunfullmäktige)" in glance
    assert "Fagersta (1982), Norberg (1962)" in glance
    counts = dict(parsed.table("parts")[1:])
    assert counts["Aktörer"] == "15"
    assert counts["Forum"] == "3", "the confidential collaboration group is not counted"


def test_findings_quote_the_plan_in_blockquotes(public_page):
    """AP202 on the civil-society meeting place cites point 1 and its sentence."""
    parsed = Page(public_page)
    findings = parsed.text_in("findings")
    assert "AP202 forumet 'civilsamhallets-motesplats'" in findings
    assert "planen säger bara 'kontinuerliga mötesplatser'" in findings
    quotes = parsed.text_in_tag("blockquote", inside="findings")
    assert (
        "Vi bör även hitta metoder för kontinuerliga mötesplatser med civilsamhället och "
        "trossamfunden."
    ) in quotes
    captions = parsed.text_in_tag("figcaption", inside="findings")
    assert any(c.startswith("Punkt 1: Kontinuerlig och bred samverkan") for c in captions)


def test_findings_are_grouped_by_severity_errors_first(public_report, public_page):
    parsed = Page(public_page)
    groups = [
        h
        for h in parsed.text_in_tag("h3")
        if h.split(" (")[0] in {"Fel", "Varningar", "Information"}
    ]
    warnings = sum(1 for f in public_report.findings if f.severity.value == "warning")
    infos = sum(1 for f in public_report.findings if f.severity.value == "info")
    assert groups == ["Fel (0)", f"Varningar ({warnings})", f"Information ({infos})"]
    assert warnings > 0
    assert infos > 0
    ranks = [f.severity.rank for f in public_report.findings]
    assert ranks == sorted(ranks, reverse=True)


def test_a_requirement_finding_about_a_place_validation_reported_is_left_out(public_report):
    """AP516 says what AP202 says about the same forum's cadence, so only AP202 stays."""
    paths = [(f.code, f.path) for f in public_report.findings]
    assert ("AP202", "forums[1].cadence") in paths
    assert ("AP516", "forums[1].cadence") not in paths
    assert ("AP514", "actors[4]") in paths, "a requirement finding about a new place stays"


def test_the_internal_report_has_the_collaboration_group_findings_with_their_quote(internal_page):
    parsed = Page(internal_page)
    findings = parsed.text_in("findings")
    assert "AP201 forumet 'samverkansgruppen' (Samverkansgruppen) saknar medlemmar" in findings
    quote = (
        "Det arbete som sker på individnivå i samverkansgruppen bör fokusera på vilka preventiva "
        "åtgärder som kan genomföras för att skapa sammanhang och mening för just den person "
        "ärendet gäller."
    )
    assert quote in parsed.text_in_tag("blockquote", inside="findings")
    assert "Intern version" in internal_page


def test_the_public_report_leaves_out_the_confidential_collaboration_group(public_page):
    """Its findings, its column in the seats table, its node and its meetings are absent.

    The plan's own sentence in point 7 still names it: the adopted plan is public, so its
    quoted words are; everything the plan holds *about* the confidential forum is not.
    """
    parsed = Page(public_page)
    assert "AP201" not in parsed.text_in("findings")
    assert "'samverkansgruppen'" not in public_page
    assert "Samverkansgruppen" not in parsed.table("seats")[0]
    assert "forum:samverkansgruppen" not in public_page
    assert "Samverkansgruppen" not in parsed.text_in("calendar")
    assert "Samverkansgruppen" not in parsed.text_in("coverage")
    assert "Samverkansgruppen" not in parsed.text_in("network")


def test_coverage_tables_mark_empty_cells_as_gaps(public_page):
    parsed = Page(public_page)
    levels = parsed.table("actor-levels")
    assert levels[0] == ["Aktörstyp", "främjande", "förebyggande", "åtgärdande"]
    police = next(row for row in levels if row[0] == "polis")
    assert police == ["polis", "2", "3", "1"]
    gaps = [a for tag, a in Page(public_page).tags if tag == "td" and a.get("class") == "count gap"]
    assert gaps, "zero counts are marked as gaps"
    milieus = parsed.table("milieu-levels")
    assert [row[0] for row in milieus[1:]] == [
        "Våldsbejakande högerextremism",
        "Våldsbejakande vänsterextremism",
        "Våldsbejakande islamistisk extremism",
    ]
    assert all(cell == "0" for row in milieus[1:] for cell in row[1:])
    seats = parsed.table("seats")
    assert seats[0][1] == "Brottsförebyggande rådet (Brå)"
    assert next(row for row in seats if row[0] == "Polisen")[1] == "ledamot"


def test_the_meeting_table_holds_the_four_bra_meetings_of_2027(public_page):
    rows = Page(public_page).table("meetings")
    assert rows[0] == ["Datum", "Tid", "Forum eller åtgärd", "Deltagare"]
    bra = [row for row in rows[1:] if row[2] == "Brottsförebyggande rådet (Brå)"]
    assert [row[0] for row in bra] == [
        "tis 2027-02-09",
        "tis 2027-05-11",
        "tis 2027-08-10",
        "tis 2027-11-09",
    ]
    assert all(row[1] == "13:00–15:00" for row in bra)
    assert "Polisen" in bra[0][3]


def test_the_network_summary_names_the_points_whose_loss_splits_the_network(public_page):
    rows = {row[0]: row[1] for row in Page(public_page).table("network-measures")[1:]}
    assert rows["Aktörer"] == "15"
    assert rows["Forum"] == "3"
    assert "Brottsförebyggande rådet (Brå)" in rows["Sårbara punkter"]
    assert "Grundskolan" in rows["Aktörer utan forum"]
    assert rows["Täthet"] == "0,08"


def test_the_page_is_self_contained(public_page, internal_page):
    assert_self_contained(public_page)
    assert_self_contained(internal_page)
    assert "Content-Security-Policy" in public_page


def test_the_pictures_are_inline_svg_in_their_sections(public_page):
    pytest.importorskip("matplotlib")
    parsed = Page(public_page)
    network_svgs = [
        a for tag, a in parsed.tags if tag == "svg" and "nätverket" in (a.get("aria-label") or "")
    ]
    wheel_svgs = [
        a for tag, a in parsed.tags if tag == "svg" and a.get("aria-label") == "Årshjul 2027"
    ]
    assert len(network_svgs) == 1
    assert len(wheel_svgs) == 1
    assert "Polisen" in parsed.text_in("network")
    assert any(a.get("id") == "forum:bra" for _, a in parsed.tags)
    assert "<?xml" not in public_page
    assert "<!DOCTYPE svg" not in public_page


def test_without_matplotlib_the_report_says_so_in_place_of_the_pictures(seed, monkeypatch):
    monkeypatch.delattr(actionplan, "plot", raising=False)
    monkeypatch.setitem(sys.modules, "actionplan.plot", None)
    made = build(seed, year=YEAR)
    assert made.network_svg is None
    assert made.wheel_svg is None
    page = to_html(made)
    assert "<svg" not in page
    assert page.count("matplotlib är inte installerat") == 2
    assert "matplotlib är inte installerat" in to_markdown(made)
    assert len(Page(page).table("meetings")) == 5, "the meeting table is still there"


def test_english_labels_with_lang_en(seed):
    made = build(seed, year=YEAR, lang="en")
    page = to_html(made)
    parsed = Page(page)
    assert '<html lang="en">' in page
    assert parsed.text_in_tag("h2")[1:] == [
        "The plan at a glance",
        "Findings",
        "Coverage",
        "The collaboration network",
        "Annual wheel and meetings 2027",
    ]
    assert "forum 'civilsamhallets-motesplats'" in parsed.text_in("findings")
    assert parsed.table("meetings")[1][0] == "Tue 2027-02-09"
    assert "Point 1: Kontinuerlig" in parsed.text_in("findings")
    assert "Density" in parsed.text_in("network")


def test_the_english_example_renders_in_english_without_its_confidential_forum():
    plan = actionplan.example("english")
    page = to_html(build(plan, year=YEAR))
    assert '<html lang="en">' in page
    assert html.escape(plan.title) in page
    assert "SSPF" not in page
    assert_self_contained(page)
    assert "SSPF" in to_html(build(plan, year=YEAR, public=False))


def test_previous_version_shows_a_changed_cadence(seed):
    slower = attrs.evolve(seed.forum("bra"), cadence=PerPeriod(count=2, period=Period.YEAR))
    previous = attrs.evolve(
        seed,
        title="Handlingsplan mot extremism",
        forums=tuple(slower if f.id == "bra" else f for f in seed.forums),
    )
    made = build(seed, year=YEAR, previous=previous)
    page = to_html(made)
    parsed = Page(page)
    assert made.changes is not None
    heading = "Förändringar sedan föregående version (KF 2016-04-25 § 74)"
    assert heading in parsed.text_in_tag("h2")
    rows = parsed.table("part-changes")
    assert rows[1][:3] == ["forum", "Brottsförebyggande rådet (Brå)", "ändrad"]
    assert rows[1][3] == "mötesfrekvens: minst 2 gånger per år → bör: minst 4 gånger per år"
    assert parsed.table("plan-changes")[1] == ["titel", "Handlingsplan mot extremism", seed.title]
    markdown = to_markdown(made)
    assert "mötesfrekvens: minst 2 gånger per år → bör: minst 4 gånger per år" in markdown
    assert f"| titel | Handlingsplan mot extremism | {seed.title} |" in markdown


def test_a_previous_version_that_is_the_same_says_no_changes(seed):
    made = build(seed, year=YEAR, previous=seed)
    assert "Inga förändringar." in Page(to_html(made)).text_in("changes")
    assert "Inga förändringar." in to_markdown(made)


def test_no_changes_part_without_a_previous_version(public_page):
    assert 'id="changes"' not in public_page


def test_the_same_inputs_give_the_same_bytes(seed, public_report, public_page):
    again = to_html(build(seed, year=YEAR))
    assert again == public_page
    assert to_markdown(build(seed, year=YEAR)) == to_markdown(public_report)
    assert "2026" not in public_page.split("<footer>")[1]


def test_today_is_printed_only_when_given(seed):
    made = build(seed, year=YEAR, today=date(2027, 3, 1))
    assert made.today == date(2027, 3, 1)
    assert "Gjord med actionplan" in to_html(made)
    assert "den 2027-03-01" in to_html(made)
    assert "den 2027-03-01" in to_markdown(made)


def test_more_profiles_add_their_requirements_and_findings(seed):
    made = build(seed, year=YEAR, profiles=("plan-own-words", "national-template-vbe"))
    assert [t.caption for t in made.requirements] == [
        "Krav: Planens egna ord",
        "Krav: Nationell mall för lokala handlingsplaner mot våldsbejakande extremism",
    ]
    assert "AP511" in {f.code for f in made.findings}
    assert "AP511" not in {f.code for f in build(seed, year=YEAR).findings}


# --- leaks and escaping ------------------------------------------------------------------


def secret_plan(*, extra_forums: tuple[str, ...] = ("bra",)) -> Plan:
    """A plan whose confidential parts carry names and ids found nowhere else ("xyzzy", "qq-")."""
    return Plan(
        id="leak",
        title="Handlingsplan för Exempelby",
        municipalities=(Municipality(code="1982", name="Fagersta"),),
        sections=(Section(number="1", heading="Samverkan", text="Vi samverkar i Brå."),),
        actors=(
            Actor(id="polisen", name="Polisen", kind=ActorKind.POLICE),
            Actor(id="skolan", name="Skolan", kind=ActorKind.SCHOOL),
            Actor(
                id="qq-kontakt",
                name="Xyzzy-kontakten",
                kind=ActorKind.SOCIAL_SERVICES,
                classification=Classification.CONFIDENTIAL,
            ),
        ),
        forums=(
            Forum(
                id="bra",
                name="Brå",
                kind=ForumKind.CRIME_PREVENTION_COUNCIL,
                members=(
                    Membership(actor="polisen", role=Role.CHAIR),
                    Membership(actor="skolan"),
                    Membership(actor="qq-kontakt"),
                ),
                cadence=PerPeriod(count=4, modality=Modality.SHALL),
                source=Source(section="1", quote="Vi samverkar i Brå."),
            ),
            Forum(
                id="qq-grupp",
                name="Xyzzyrådet",
                kind=ForumKind.COLLABORATION_GROUP,
                members=(Membership(actor="polisen"), Membership(actor="qq-kontakt")),
                cadence=PerPeriod(count=1, period=Period.MONTH),
                purpose="Xyzzy-ärenden på individnivå.",
                classification=Classification.CONFIDENTIAL,
            ),
            Forum(
                id="qq-tomt",
                name="Xyzzy-nätverket",
                classification=Classification.INTERNAL,
            ),
        ),
        measures=(
            Measure(
                id="qq-atgard",
                description="Xyzzy-insatser för enskilda",
                responsible=("qq-kontakt",),
                forums=("qq-grupp",),
                levels=(PreventionLevel.INTERVENTIVE,),
                cadence=PerPeriod(count=2),
                classification=Classification.CONFIDENTIAL,
            ),
            Measure(
                id="vandring",
                description="Trygghetsvandringar",
                responsible=("polisen",),
                participants=("skolan",),
                forums=extra_forums,
                levels=(PreventionLevel.PREVENTIVE,),
                deadline=date(2027, 5, 31),
            ),
        ),
        invitations=(
            Invitation(
                id="qq-fraga",
                actor="skolan",
                subject="Xyzzy-förfrågan om ärenden",
                forum="qq-grupp",
                classification=Classification.CONFIDENTIAL,
            ),
        ),
    )


def test_a_public_report_names_no_confidential_or_internal_part_anywhere():
    plan = secret_plan()
    previous = attrs.evolve(
        secret_plan(extra_forums=("bra", "qq-grupp")),
        forums=tuple(
            attrs.evolve(f, cadence=PerPeriod(count=2, period=Period.MONTH))
            if f.id == "qq-grupp"
            else f
            for f in plan.forums
        ),
    )
    previous = attrs.evolve(previous, actors=previous.actors[1:])
    made = build(plan, year=YEAR, previous=previous)
    page = to_html(made)
    markdown = to_markdown(made)
    changed = Page(page).table("part-changes")[1:]
    assert ["aktör", "Polisen", "ny", ""] in changed, "a public change is still shown"
    for text in (page, markdown):
        assert "xyzzy" not in text.casefold()
        assert "qq-" not in text
    assert_self_contained(page)
    meetings = Page(page).table("meetings")
    assert len(meetings) == 5, "the four Brå meetings, without the monthly secret ones"
    assert all("Xyzzy" not in row[3] for row in meetings)

    internal = to_html(build(plan, year=YEAR, previous=previous, public=False))
    assert "Xyzzyrådet" in internal
    assert "Xyzzy-kontakten" in internal
    assert "qq-grupp" in internal
    assert "Xyzzy-förfrågan om ärenden" in internal


def test_a_public_report_of_a_confidential_plan_is_refused(seed):
    secret = attrs.evolve(seed, classification=Classification.CONFIDENTIAL)
    with pytest.raises(InvalidValueError, match="public=False"):
        build(secret, year=YEAR)
    assert build(secret, year=YEAR, public=False).public is False


NASTY = '<script>alert("x")</script> & "Citat" \'apostrof\'\r\nny rad'
MARKDOWN_NASTY = "a | b * c _ d ` e [länk](javascript:alert(1)) <b>fet</b> # rubrik"


def nasty_plan() -> Plan:
    return Plan(
        id="nasty",
        title=NASTY,
        sections=(Section(number="1", heading=MARKDOWN_NASTY, text=NASTY),),
        actors=(
            Actor(id="polisen", name=NASTY, kind=ActorKind.POLICE),
            Actor(id="skolan", name=MARKDOWN_NASTY, kind=ActorKind.SCHOOL),
        ),
        forums=(
            Forum(
                id="bra",
                name="</table><img src=x onerror=alert(1)>Forum",
                members=(Membership(actor="polisen"), Membership(actor="skolan")),
                cadence=PerPeriod(count=4),
                source=Source(section="1", quote=NASTY),
            ),
            Forum(id="tom", name=MARKDOWN_NASTY, source=Source(section="1", quote=MARKDOWN_NASTY)),
            Forum(id="utan-citat", name="Utan citat", source=Source(section="1")),
            Forum(id="okand-punkt", name="Okänd punkt", source=Source(section="9", quote="Citat.")),
        ),
        measures=(
            Measure(
                id="vandring",
                description=MARKDOWN_NASTY,
                participants=("skolan",),
                forums=("bra",),
                levels=(PreventionLevel.PREVENTIVE,),
                source=Source(section="1", quote=NASTY),
            ),
        ),
    )


def test_plan_text_in_html_comes_out_as_inert_text():
    made = build(nasty_plan(), year=YEAR)
    page = to_html(made)
    assert_self_contained(page)
    parsed = Page(page)
    texts = " ".join(d for _, d in parsed.chunks)
    assert '<script>alert("x")</script> & "Citat" \'apostrof\' ny rad' in texts
    assert "</table><img src=x onerror=alert(1)>Forum" in texts
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Citat&quot;" in page
    assert "\r" not in page
    assert not any(tag == "script" for tag, _ in parsed.tags)
    quotes = parsed.text_in_tag("blockquote", inside="findings")
    assert any("<script>" in quote for quote in quotes)


def test_plan_text_in_markdown_cannot_make_markup_or_break_a_table():
    markdown = to_markdown(build(nasty_plan(), year=YEAR))
    assert not re.search(r"(?<!\\)<", markdown), "every < from the plan is escaped"
    assert "\r" not in markdown
    assert "[länk](" not in markdown
    assert r"\[länk\](javascript:alert(1)) \<b\>fet\</b\> \# rubrik" in markdown
    assert r"a \| b \* c \_ d \` e" in markdown
    unescaped_pipe = re.compile(r"(?<!\\)\|")
    blocks: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("|"):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    tables = [block for block in blocks if block]
    assert len(tables) >= 5
    for table in tables:
        widths = {len(unescaped_pipe.findall(row)) for row in table}
        assert len(widths) == 1, table


def test_a_quote_cannot_open_a_list_or_heading_in_markdown():
    plan = nasty_plan()
    for quote, written in (
        ("- 1. # inte en lista", r"  > \- 1. \# inte en lista"),
        ("12. punkt", r"  > 12\. punkt"),
    ):
        forum = attrs.evolve(plan.forums[1], source=Source(section="1", quote=quote))
        changed = attrs.evolve(plan, forums=(plan.forums[0], forum))
        assert written in to_markdown(build(changed, year=YEAR)).splitlines()


# --- the API's edges ---------------------------------------------------------------------


def test_render_writes_either_format_and_refuses_others(public_report):
    assert render(public_report) == to_html(public_report)
    assert render(public_report, "markdown") == to_markdown(public_report)
    with pytest.raises(InvalidValueError, match="'pdf' is not a report format"):
        render(public_report, "pdf")  # type: ignore[arg-type]


def test_an_unknown_language_is_refused(seed):
    with pytest.raises(InvalidValueError, match="'de' is not supported"):
        build(seed, year=YEAR, lang="de")  # type: ignore[arg-type]


def test_markdown_has_the_same_parts_as_the_page(public_report):
    markdown = to_markdown(public_report)
    lines = markdown.splitlines()
    assert lines[0] == "# Lokal handlingsplan mot våldsbejakande extremism"
    assert [line for line in lines if line.startswith("## ")] == [
        "## Planen i korthet",
        "## Iakttagelser",
        "## Täckning",
        "## Samverkansnätverket",
        "## Årshjul och möten 2027",
    ]
    assert "| tis 2027-02-09 | 13:00–15:00 | Brottsförebyggande rådet (Brå) |" in markdown
    assert "  > Vi bör även hitta metoder för kontinuerliga mötesplatser" in markdown
    assert "Bilderna (nätverket och årshjulet) finns i HTML-versionen." in markdown


def test_deadlines_list_their_dates_and_count_the_rest():
    made = build(actionplan.example("english"), year=YEAR)
    rows = {row[0].text: row[1].text for row in made.deadlines.rows}
    evenings = rows["Keep the Northfield youth centre open on Friday and Saturday evenings."]
    assert evenings.startswith("2027-03-05, 2027-03-06,")
    assert evenings.endswith("and 75 more, the last on 2027-12-31")
    assert rows["Organise community safety walks."] == "2027-06-30, 2027-12-30"


def test_importing_the_report_module_does_not_load_matplotlib():
    """matplotlib is loaded only when a report is built, and only if it is installed."""
    code = "import sys, actionplan.report; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
    assert report_module.Report is Report


# --- a real browser ----------------------------------------------------------------------


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(browser: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
def test_a_real_browser_renders_the_report(public_page, tmp_path):
    """Headless Chromium draws the page (not blank) and its DOM holds findings and both pictures."""
    browser = _browser()
    if browser is None:
        pytest.skip("no chromium or chromium-browser on PATH; install the chromium package")
    pytest.importorskip("matplotlib")
    page = tmp_path / "report.html"
    page.write_text(public_page, encoding="utf-8")
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")

    size = "--window-size=1280,6000"
    _chromium(
        browser, tmp_path / "profile", size, f"--screenshot={tmp_path / 'shot.png'}", page.as_uri()
    )
    _chromium(
        browser,
        tmp_path / "profile",
        size,
        f"--screenshot={tmp_path / 'blank.png'}",
        blank.as_uri(),
    )
    dom = _chromium(browser, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout

    shot = tmp_path / "shot.png"
    assert _png_size(shot) == (1280, 6000)
    assert shot.stat().st_size > 10 * (tmp_path / "blank.png").stat().st_size
    parsed = Page(dom)
    assert "AP202" in parsed.text_in("findings")
    assert any(t == "svg" and "nätverket" in (a.get("aria-label") or "") for t, a in parsed.tags)
    assert any(t == "svg" and a.get("aria-label") == "Årshjul 2027" for t, a in parsed.tags)
    assert not any(t == "script" for t, _ in parsed.tags)


def test_an_error_and_citations_without_quote_or_heading_are_shown():
    """A source citing an unknown section is an error; the point is named without a heading."""
    made = build(nasty_plan(), year=YEAR)
    parsed = Page(to_html(made))
    assert "Fel (1)" in parsed.text_in_tag("h3")
    captions = parsed.text_in_tag("figcaption", inside="findings")
    assert "Punkt 9" in captions
    assert "Citat." in parsed.text_in_tag("blockquote", inside="findings")
    unquoted = [f for f in made.findings if f.citation and f.citation.quote is None]
    assert unquoted, "the forum whose source has no quote gets a finding citing point 1"
    lines = to_markdown(made).splitlines()
    assert "  > — Punkt 9" in lines
    assert any(line.startswith("  > — Punkt 1: a \\| b") for line in lines)


def test_coverage_says_when_a_count_rests_on_an_approximate_crosswalk(seed):
    measure = attrs.evolve(seed.measures[0], levels=(PreventionLevel.UNIVERSAL,))
    plan = attrs.evolve(seed, measures=(measure, *seed.measures[1:]))
    notes = {table.id: table.note for table in build(plan, year=YEAR).coverage}
    assert "ungefärlig översättning" in (notes["actor-levels"] or "")
    assert "ungefärlig" not in (notes["milieu-levels"] or "")
