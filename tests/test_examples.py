"""The bundled example plans: complete, canonical, and faithful to the plan text."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import actionplan
from actionplan import (
    ActorKind,
    AsNeeded,
    Classification,
    Dates,
    ForumKind,
    InvitationStatus,
    Modality,
    NotStated,
    Period,
    PerPeriod,
    Perspective,
    PreventionLevel,
    PreventionScheme,
    ResourceKind,
    Rule,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FILES = {"seed": "handlingsplan-vbe-2016.toml", "english": "crime-prevention-plan.toml"}

SEED_SECTIONS = {
    "1": (
        (
            "Kontinuerlig och bred samverkan mellan berörda aktörer är a och o i det "
            "förebyggande arbetet mot våldsbejakande extremism"
        ),
        (
            "Vi ska fortsätta vårt arbete i respektive kommuns brottsförebyggande arbete "
            "inom ramen för det brottsförebyggande rådet, Brå. Där ingår "
            "beredskapssamordnare och chefer inom kommunorganisationen, polisen och "
            "gymnasieskolan.\n\n"
            "Vi ska även fortsätta med våra möten med Migrationsverket och representanter "
            "för asylboenden i kommunen.\n\n"
            "Vi bör även hitta metoder för kontinuerliga mötesplatser med civilsamhället "
            "och trossamfunden."
        ),
    ),
    "2": (
        "Samverkan i befintliga strukturer",
        (
            "Förutom samverkan inom Brå ska ett långsiktigt arbete bedrivas inom "
            "existerande strukturer mellan exempelvis grund- och gymnasieskola, "
            "socialtjänst och polis. Vi ska även inkludera vårt trygghetsarbete, genom till "
            "exempel trygghetsvandringar. Det brottsförebyggande rådet är dock grunden för "
            "arbetet. Brå bör träffas minst fyra gånger per år.\n\n"
            "Frågan om ett gemensamt Brå mellan kommunerna bör diskuteras. Vi har ställt "
            "frågan huruvida Skinnskattebergs kommun är intresserad av medverkan. Svaret är "
            "tillsvidare nej."
        ),
    ),
    "3": (
        "Nödvändiga samverkansaktörer",
        (
            "Det är nödvändigt att aktörer på samtliga preventionsnivåer såsom skola, "
            "socialtjänst, fritidsverksamhet, kommunens säkerhetsfunktion och polis deltar. "
            "Landstinget kan också vara en viktig samverkanspartner. Kontinuerlig dialog "
            "med länsstyrelsen är också att rekommendera."
        ),
    ),
    "4": (
        "Utgångspunkt i uppdaterad lokal lägesbild",
        (
            "En aktuell och bred lägesbild av situationen beträffande våldsbejakande "
            "extremism i kommunen bör tas fram inom respektive kommuns Brottsförebyggande "
            "råd. I detta arbete har Polismyndighetens representanter en central roll. En "
            "uppdaterad lokal lägesbild ger goda förutsättningar för ett framgångsrikt "
            "arbete. Lägesbilden ska innehålla information om våldsbejakande "
            "högerextremism, den s.k. vit makt-miljön, våldsbejakande vänsterextremism, den "
            "s.k. autonoma miljön och den våldsbejakande islamistiska extremistmiljön, dess "
            "närvaro och aktiviteter."
        ),
    ),
    "5": (
        "Tydlig ansvarsfördelning",
        (
            "Kommunens verksamheter ska veta hur arbetet mot våldsbejakande extremism är "
            "organiserat utifrån ansvar och roller. Det bör tydliggöras vem som ansvarar "
            "för arbetet mot våldsbejakande extremism."
        ),
    ),
    "6": (
        "Glöm inte det civila samhället",
        (
            "Att föra kontinuerlig dialog med det civila samhällets organisationer om "
            "våldsbejakande extremism är viktigt. Det kan exempelvis röra sig om lokala "
            "idrottsföreningar, trossamfund eller andra ideella organisationer. Rädda "
            "Barnen har öppnat en stödtelefon med nummer 020-100 200. Syftet med "
            "stödtelefonen är att stödja de människor som känner oro inför att någon är på "
            "väg att dras in i våldsbejakande extremism. Vi ska sprida information om denna "
            "telefontjänst."
        ),
    ),
    "7": (
        "Se individerna, inte enbart de ideologier som dessa förespråkar",
        (
            "Det arbete som sker på individnivå i samverkansgruppen bör fokusera på vilka "
            "preventiva åtgärder som kan genomföras för att skapa sammanhang och mening för "
            "just den person ärendet gäller. Vi bör där ta hjälp av den nationella "
            "samordnarens utbildningsmaterial Samtalskompassen i detta arbete. "
            "Utbildningsmaterialet finns på: "
            "www.samtalskompassen.samordnarenmotextremism.se. Vi bör även delta i "
            "läns-gemensamma utbildningar."
        ),
    ),
    "8": (
        "Beakta genusperspektivets betydelse för insatserna",
        (
            "Den lokala lägesbilden avgör vilka åtgärder vi bör genomföra. Vid framtagandet "
            "av konkreta åtgärder spelar genusperspektivet en mycket viktig roll eftersom "
            "de våldsbejakande extremistiska grupperna i huvudsak utgörs av pojkar och män "
            "som av ideologiska skäl kan motsätta sig jämställdhet och flickors och "
            "kvinnors lika rättigheter. Gemensamt för alla grupper är att de kan hylla en "
            "aggressiv maskulinitet. Med detta i åtanke bör åtgärderna målgruppsanpassas.\n\n"
            "Dessa aspekter är viktiga att beakta, dels utifrån deras uppenbara relevans "
            "men även som en del i jämställdhetsintegreringen och dels som ett sätt att "
            "komma bort från ett utpekande av vissa grupper som ”roten till allt ont”. Ett "
            "sätt att inkludera dessa perspektiv i arbetet mot våldsbejakande extremism "
            "skulle kunna vara att beakta nödvändiga samverkansaktörer som skola, "
            "socialtjänst och fritidsverksamhet, eftersom det troligtvis i grund och botten "
            "handlar om ett arbete med normkritik."
        ),
    ),
    "9": (
        "Följ upp det förebyggande arbetet kontinuerligt",
        (
            "Det är viktigt att ha en god uppföljning av det lokala förebyggande arbetet "
            "för att finkalibrera insatserna. Uppföljningen bör ske som en naturlig del av "
            "kommunens ordinarie uppföljningsarbete. På så sätt ökar effektiviteten i det "
            "förebyggande arbetet."
        ),
    ),
}


def _data_text(name: str) -> str:
    return resources.files("actionplan").joinpath("data", FILES[name]).read_text("utf-8")


def _sourced_parts(plan: actionplan.Plan) -> list[tuple[str, Any]]:
    groups = {
        "actors": plan.actors,
        "forums": plan.forums,
        "measures": plan.measures,
        "situational_pictures": plan.situational_pictures,
        "invitations": plan.invitations,
        "resources": plan.resources,
        "follow_ups": plan.follow_ups,
    }
    return [
        (f"{name}[{i}]", item) for name, items in groups.items() for i, item in enumerate(items)
    ]


@pytest.fixture(scope="module")
def seed() -> actionplan.Plan:
    return actionplan.example()


@pytest.fixture(scope="module")
def english() -> actionplan.Plan:
    return actionplan.example("english")


# --- both examples ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_example_loads_with_no_integrity_findings(name):
    """Each bundled example loads and has no duplicate ids or dangling references."""
    plan = actionplan.example(name)
    assert actionplan.integrity(plan) == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_examples_folder_holds_byte_identical_copies(name):
    """The files users find in examples/ are the very files the package bundles."""
    copy = (EXAMPLES / FILES[name]).read_bytes()
    assert copy == _data_text(name).encode("utf-8")


@pytest.mark.parametrize("name", sorted(FILES))
def test_example_is_byte_stable_through_dumps(name):
    """Loading an example and dumping it as TOML gives back the same text."""
    text = _data_text(name)
    assert actionplan.dumps(actionplan.loads(text, format="toml"), format="toml") == text


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_part_quotes_a_sentence_of_the_section_it_cites(name):
    """Every actor, forum, measure and other part cites a section and a sentence in it."""
    plan = actionplan.example(name)
    for path, part in _sourced_parts(plan):
        source = part.source
        assert source is not None, f"{path} has no source"
        assert source.quote, f"{path} quotes nothing"
        assert source.quote in plan.section(source.section).text, path


# --- the seed plan ------------------------------------------------------------------------


def test_seed_identifies_the_plan_and_its_decision(seed):
    """The seed is the 2016 plan against violent extremism, adopted by KF 2016-04-25 § 74."""
    assert seed.id == "vbe-2016"
    assert seed.title == "Lokal handlingsplan mot våldsbejakande extremism"
    assert seed.language == "sv"
    assert seed.decision is not None
    assert str(seed.decision) == "KF 2016-04-25 § 74"
    assert seed.decision.body_name == "kommunfullmäktige"
    assert seed.decision.date == date(2016, 4, 25)


def test_seed_has_all_nine_sections_word_for_word(seed):
    """All nine points keep their headings and full text, paragraphs split by a blank line."""
    actual = {s.number: (s.heading, s.text) for s in seed.sections}
    assert actual == SEED_SECTIONS


def test_seed_belongs_to_fagersta_and_norberg_and_says_it_is_an_inference(seed):
    """The two municipalities are Fagersta and Norberg, which the note marks as inferred."""
    assert [(m.code, m.name) for m in seed.municipalities] == [
        ("1982", "Fagersta"),
        ("1962", "Norberg"),
    ]
    assert seed.note is not None
    assert "inference" in seed.note
    assert "Line breaks were normalised" in seed.note


def test_seed_bra_meets_at_least_four_times_a_year_as_a_should(seed):
    """Brå is a shall forum (point 1) whose cadence is a should of four a year (point 2)."""
    bra = seed.forum("bra")
    assert bra.kind is ForumKind.CRIME_PREVENTION_COUNCIL
    assert bra.cadence == PerPeriod(
        count=4,
        period=Period.YEAR,
        at_least=True,
        modality=Modality.SHOULD,
        text="Brå bör träffas minst fyra gånger per år",
    )
    assert bra.cadence.text is not None
    assert bra.cadence.text in seed.section("2").text
    assert bra.modality is Modality.SHALL
    assert bra.source is not None
    assert bra.source.section == "1"
    assert bra.member_ids == ("beredskapssamordnare", "kommunledning", "polisen", "gymnasieskolan")


def test_seed_forums_without_a_cadence_keep_the_plans_vague_words(seed):
    """The civil-society meeting place is a should with no cadence, only 'kontinuerliga'."""
    meeting_place = seed.forum("civilsamhallets-motesplats")
    assert meeting_place.kind is ForumKind.DIALOGUE_MEETING
    assert meeting_place.modality is Modality.SHOULD
    assert meeting_place.cadence == NotStated(text="kontinuerliga mötesplatser")
    assert meeting_place.member_ids == ("civilsamhallet", "trossamfunden")
    migration = seed.forum("migrationsmoten")
    assert migration.modality is Modality.SHALL
    assert migration.cadence == NotStated()
    assert migration.member_ids == ("migrationsverket", "asylboenden")


def test_seed_collaboration_group_is_confidential_with_no_named_members(seed):
    """The plan uses samverkansgruppen without saying who is in it or how often it meets."""
    group = seed.forum("samverkansgruppen")
    assert group.kind is ForumKind.COLLABORATION_GROUP
    assert group.classification is Classification.CONFIDENTIAL
    assert group.members == ()
    assert group.cadence == NotStated()


def test_seed_invitation_to_skinnskatteberg_is_declined_for_now(seed):
    """Skinnskatteberg (1904) was asked to join a joint Brå; the answer is no, for now."""
    (invitation,) = seed.invitations
    assert invitation.municipality is not None
    assert invitation.municipality.code == "1904"
    assert invitation.municipality.name == "Skinnskatteberg"
    assert invitation.forum == "bra"
    assert invitation.status is InvitationStatus.DECLINED_FOR_NOW
    assert invitation.source is not None
    assert invitation.source.section == "2"


def test_seed_actors_have_the_plans_kinds_and_modalities(seed):
    """Actors carry their kind; the region is a may and the county board a should."""
    kinds = {a.id: a.kind for a in seed.actors}
    assert kinds == {
        "beredskapssamordnare": ActorKind.MUNICIPAL_SECURITY,
        "kommunledning": ActorKind.MUNICIPAL_MANAGEMENT,
        "polisen": ActorKind.POLICE,
        "gymnasieskolan": ActorKind.SCHOOL,
        "grundskolan": ActorKind.SCHOOL,
        "socialtjanst": ActorKind.SOCIAL_SERVICES,
        "fritid": ActorKind.LEISURE,
        "sakerhetsfunktion": ActorKind.MUNICIPAL_SECURITY,
        "migrationsverket": ActorKind.MIGRATION_AGENCY,
        "asylboenden": ActorKind.ASYLUM_ACCOMMODATION,
        "civilsamhallet": ActorKind.CIVIL_SOCIETY,
        "trossamfunden": ActorKind.FAITH_COMMUNITY,
        "idrottsforeningar": ActorKind.SPORTS_CLUB,
        "landstinget": ActorKind.REGION,
        "lansstyrelsen": ActorKind.COUNTY_BOARD,
    }
    assert seed.actor("landstinget").modality is Modality.MAY
    assert seed.actor("lansstyrelsen").modality is Modality.SHOULD
    assert all(a.municipality is None and a.contact is None for a in seed.actors)


def test_seed_measures_take_their_modality_from_the_verb(seed):
    """Each measure is a shall, should or may as its sentence says, citing its point."""
    actual = {m.id: (m.modality, m.source.section if m.source else None) for m in seed.measures}
    shall, should, may = Modality.SHALL, Modality.SHOULD, Modality.MAY
    assert actual == {
        "bra-arbete": (shall, "1"),
        "migrationsmoten": (shall, "1"),
        "civilsamhalle-motesplatser": (should, "1"),
        "befintliga-strukturer": (shall, "2"),
        "trygghetsvandringar": (shall, "2"),
        "gemensamt-bra": (should, "2"),
        "samtliga-preventionsnivaer": (shall, "3"),
        "dialog-lansstyrelsen": (should, "3"),
        "lagesbild": (should, "4"),
        "lagesbild-miljoer": (shall, "4"),
        "kand-organisation": (shall, "5"),
        "tydligt-ansvar": (should, "5"),
        "dialog-civilsamhallet": (should, "6"),
        "sprida-stodtelefon": (shall, "6"),
        "individarbete": (should, "7"),
        "samtalskompassen": (should, "7"),
        "lansutbildningar": (should, "7"),
        "atgarder-fran-lagesbild": (should, "8"),
        "malgruppsanpassning": (should, "8"),
        "normkritik": (may, "8"),
    }


def test_seed_measures_carry_levels_resources_and_perspectives(seed):
    """Point 3 spans all levels; the helpline has no named actor; point 8 names perspectives."""
    all_levels = seed.measure("samtliga-preventionsnivaer")
    assert set(all_levels.levels) == {
        PreventionLevel.PROMOTIVE,
        PreventionLevel.PREVENTIVE,
        PreventionLevel.INTERVENTIVE,
    }
    assert set(all_levels.participants) == {
        "grundskolan",
        "gymnasieskolan",
        "socialtjanst",
        "fritid",
        "sakerhetsfunktion",
        "polisen",
    }
    helpline = seed.measure("sprida-stodtelefon")
    assert helpline.responsible == ()
    assert helpline.resources == ("stodtelefon",)
    individual = seed.measure("individarbete")
    assert individual.forums == ("samverkansgruppen",)
    assert individual.levels == (PreventionLevel.INTERVENTIVE,)
    assert individual.classification is Classification.PUBLIC
    assert seed.measure("samtalskompassen").resources == ("samtalskompassen",)
    assert seed.measure("lansutbildningar").resources == ("lansutbildningar",)
    gender = seed.measure("malgruppsanpassning")
    assert Perspective.GENDER in gender.perspectives
    assert gender.target_groups == ("pojkar och män",)
    assert seed.measure("normkritik").perspectives == (Perspective.NORM_CRITICAL,)


def test_seed_names_the_three_milieus(seed):
    """The situational picture covers the white-power, autonomous and Islamist milieus."""
    milieus = {m.id: m.also_known_as for m in seed.milieus}
    assert milieus == {
        "vit-makt": "vit makt-miljön",
        "autonoma": "autonoma miljön",
        "islamistisk": "den våldsbejakande islamistiska extremistmiljön",
    }


def test_seed_situational_picture_is_made_in_bra_with_the_police_central(seed):
    """Point 4: a should, produced within Brå, police central, covering all three milieus."""
    (picture,) = seed.situational_pictures
    assert picture.producer == "bra"
    assert [(c.actor, c.central) for c in picture.contributors] == [("polisen", True)]
    assert picture.milieus == ("vit-makt", "autonoma", "islamistisk")
    assert picture.modality is Modality.SHOULD
    assert isinstance(picture.refresh, NotStated)
    assert picture.source is not None
    assert picture.source.section == "4"


def test_seed_resources_keep_phone_number_provider_and_address(seed):
    """The helpline, Samtalskompassen and the county trainings are resources."""
    resources_by_id = {r.id: r for r in seed.resources}
    helpline = resources_by_id["stodtelefon"]
    assert helpline.kind is ResourceKind.HELPLINE
    assert helpline.provider == "Rädda Barnen"
    assert helpline.phone == "020-100 200"
    compass = resources_by_id["samtalskompassen"]
    assert compass.kind is ResourceKind.TRAINING_MATERIAL
    assert compass.url == "www.samtalskompassen.samordnarenmotextremism.se"
    assert resources_by_id["lansutbildningar"].kind is ResourceKind.TRAINING


def test_seed_follow_up_is_part_of_the_ordinary_cycle(seed):
    """Point 9: follow-up should happen within the municipality's ordinary follow-up."""
    (follow_up,) = seed.follow_ups
    assert follow_up.ordinary_cycle is True
    assert follow_up.modality is Modality.SHOULD
    assert follow_up.source is not None
    assert follow_up.source.section == "9"


# --- the English example ------------------------------------------------------------------


def test_english_example_is_a_fictional_plan_under_the_2023_act(english):
    """The English plan is marked fictional and has the sections the 2023 Act asks for."""
    assert english.language == "en"
    assert [(m.code, m.name) for m in english.municipalities] == [("9901", "Eastvale")]
    assert english.note is not None
    assert "fictional" in english.note
    assert "SFS 2023:196" in english.section("1").text
    headings = {s.heading for s in english.sections}
    assert {"Situational picture", "Action plan", "Coordinating function", "Follow-up"} <= headings
    coordinating = next(s.number for s in english.sections if s.heading == "Coordinating function")
    coordinator = english.actor("coordinator")
    assert coordinator.source is not None
    assert coordinator.source.section == coordinating
    assert coordinator.kind is ActorKind.MUNICIPAL_MANAGEMENT


def test_english_example_shows_every_schedulable_cadence_kind(english):
    """Forums meet per period, by an RFC 5545 rule, on given dates and as needed."""
    cadences = {f.id: f.cadence for f in english.forums}
    assert cadences["council"] == PerPeriod(
        count=4,
        period=Period.YEAR,
        modality=Modality.SHALL,
        text="at least four times a year",
    )
    rule = cadences["working-group"]
    assert isinstance(rule, Rule)
    assert rule.rrule.startswith("FREQ=MONTHLY;BYDAY=2TU")
    assert rule.start.year == 2027
    assert isinstance(cadences["civil-dialogue"], Dates)
    assert isinstance(cadences["response-group"], AsNeeded)


def test_english_example_has_a_confidential_forum_and_an_accepted_invitation(english):
    """The case group is confidential; the region accepted a seat on the council."""
    assert english.forum("sspf").classification is Classification.CONFIDENTIAL
    (invitation,) = english.invitations
    assert invitation.status is InvitationStatus.ACCEPTED
    assert invitation.actor == "region"
    assert "region" in english.forum(invitation.forum or "").member_ids


def test_english_example_covers_each_universal_selective_indicated_level(english):
    """Every measure uses the universal/selective/indicated scheme, each level at least once."""
    levels = [level for m in english.measures for level in m.levels]
    assert {level.scheme for level in levels} == {PreventionScheme.UNIVERSAL}
    assert set(levels) == {
        PreventionLevel.UNIVERSAL,
        PreventionLevel.SELECTIVE,
        PreventionLevel.INDICATED,
    }
    assert 10 <= len(english.actors) <= 15
    assert 10 <= len(english.measures) <= 15


def test_english_example_refreshes_its_picture_and_follows_up_yearly(english):
    """The situational picture is renewed once a year and was last updated in 2026."""
    (picture,) = english.situational_pictures
    assert isinstance(picture.refresh, PerPeriod)
    assert picture.refresh.per_year == 1
    assert picture.last_updated == date(2026, 11, 30)
    (follow_up,) = english.follow_ups
    assert isinstance(follow_up.cadence, PerPeriod)
    assert follow_up.cadence.per_year == 1
    assert follow_up.responsible == ("coordinator",)


def test_english_example_contacts_are_organisational_example_addresses(english):
    """Contacts are shared mailboxes on the reserved .example domain, never a person."""
    emails = [a.contact.email for a in english.actors if a.contact and a.contact.email]
    assert emails == ["crime-prevention@eastvale.example"]


# --- the example script -------------------------------------------------------------------


def test_summarise_script_prints_the_seed_forums():
    """Without arguments the script prints the bundled seed's forums, cadence and members."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "summarise.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Brå" in result.stdout
    assert 'at least 4 per year [should] - "Brå bör träffas minst fyra gånger per år"' in (
        result.stdout
    )
    assert "Beredskapssamordnare; Chefer inom kommunorganisationen; Polisen" in result.stdout
    assert "none named in the plan" in result.stdout


def test_summarise_script_reads_the_plan_file_it_is_given():
    """Given a file, the script summarises that plan instead of the seed."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "summarise.py"), str(EXAMPLES / FILES["english"])],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Eastvale Crime-Prevention Council" in result.stdout
    assert "rule FREQ=MONTHLY;BYDAY=2TU" in result.stdout
    assert "Brå" not in result.stdout


def test_summarise_script_reports_an_invalid_file_and_fails(tmp_path):
    """A file that is no plan gives a message on stderr and exit status 1."""
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "summarise.py"), str(broken)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 1
    assert "format_version" in result.stderr
    assert result.stdout == ""
