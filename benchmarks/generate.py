"""Seeded synthetic action plans at national scale, for the benchmarks.

Each plan has the shape of the bundled examples, scaled to a mid-sized municipality:
about 50 actors, 8 to 12 forums of 3 to 12 members, about 35 measures on every
prevention level, cadences of every kind, a situational picture, invitations, resources
and a follow-up. Police areas, county boards, regions and Migration Agency offices are
shared by the plans of neighbouring municipalities, as in reality, so the plans of a
county form one network. Ids are unique across plans (local ones end in the
municipality code), so :func:`national` can merge every plan into one for national
network analysis. Municipalities, names and addresses are invented.

Run ``python benchmarks/generate.py --scale 290 --out DIR`` to write one JSON file per
plan, or import :func:`generate` (the same seed gives the same plans).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import actionplan
from actionplan import (
    Actor,
    ActorKind,
    AsNeeded,
    Cadence,
    Classification,
    Contact,
    Contribution,
    Dates,
    Decision,
    FollowUp,
    Forum,
    ForumKind,
    Invitation,
    InvitationStatus,
    Measure,
    MeasureStatus,
    Membership,
    Milieu,
    Modality,
    Municipality,
    NotStated,
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
from actionplan.model import Lang

SCALES = (1, 290, 2900)
"""One plan, every Swedish municipality, and ten times that."""

DEFAULT_SEED = 2027

FIRST_YEAR = 2027
"""Plans apply from 1 January of this year; calendars start there."""

# The 21 counties (län) with their official two-digit codes.
COUNTIES: tuple[tuple[str, str], ...] = (
    ("01", "Stockholm"),
    ("03", "Uppsala"),
    ("04", "Södermanland"),
    ("05", "Östergötland"),
    ("06", "Jönköping"),
    ("07", "Kronoberg"),
    ("08", "Kalmar"),
    ("09", "Gotland"),
    ("10", "Blekinge"),
    ("12", "Skåne"),
    ("13", "Halland"),
    ("14", "Västra Götaland"),
    ("17", "Värmland"),
    ("18", "Örebro"),
    ("19", "Västmanland"),
    ("20", "Dalarna"),
    ("21", "Gävleborg"),
    ("22", "Västernorrland"),
    ("23", "Jämtland"),
    ("24", "Västerbotten"),
    ("25", "Norrbotten"),
)
_MUNICIPALITIES_PER_POLICE_AREA = 3
_MIGRATION_OFFICES = 6
_SECTIONS = ("1", "2", "3", "3.1", "3.2", "4", "5", "6", "7", "8")

_NAME_STARTS = (
    "Björk", "Ek", "Lind", "Sjö", "Berg", "Ås", "Hag", "Tall", "Gran", "Al", "Rönn", "Vik",
    "Norr", "Sör", "Väster", "Öster", "Mal", "Hög", "Lång", "Stor", "Sand", "Strand", "Hammar",
    "Kvarn", "Mo", "Ljung", "Ström", "Fors", "Hed", "Äng",
)  # fmt: skip
_NAME_ENDS = (
    "vik", "by", "sund", "holm", "köping", "torp", "berga", "stad", "hult", "ås", "fors", "näs",
    "dal", "lunda", "hamn", "mark", "bro", "ryd", "tuna", "boda",
)  # fmt: skip
_SCHOOL_NAMES = (
    "Björkskolan", "Ekskolan", "Lindskolan", "Centralskolan", "Västerskolan", "Österskolan",
    "Norrskolan", "Söderskolan", "Ängsskolan", "Hagaskolan", "Sjöskolan", "Bergsskolan",
    "Tallskolan", "Granskolan", "Åsskolan", "Vikskolan", "Rönnskolan", "Skogsskolan",
)  # fmt: skip
_DISTRICTS = (
    "Centrum", "Norra", "Södra", "Västra", "Östra", "Hagen", "Backen", "Dalen", "Strand",
    "Ängen", "Berget", "Viken",
)  # fmt: skip

_TEXTS: dict[Lang, dict[str, str]] = {
    "sv": {
        "title": "Lokal handlingsplan för trygghet och brottsförebyggande arbete i {name}",
        "bra": "Brottsförebyggande rådet (Brå) i {name}",
        "council_quote": "Brå ska träffas minst fyra gånger per år.",
        "measure_quote": "Vi {verb} {what}",
        "picture": "Lokal lägesbild för {name}",
        "follow_up": "Följa upp handlingsplanen i kommunens ordinarie uppföljning.",
        "method": "En rapport per åtgärd till kommunstyrelsen varje mars.",
        "invite_bra": "Medverkan i ett gemensamt Brå mellan kommunerna",
        "invite_seat": "En plats i det brottsförebyggande rådet",
        "target": "barn och unga",
        "note": "Syntetisk plan för prestandamätningar; kommunen och dess aktörer är påhittade.",
    },
    "en": {
        "title": "{name} crime-prevention and safety plan 2027–2030",
        "bra": "{name} Crime-Prevention Council",
        "council_quote": "The crime-prevention council shall meet at least four times a year.",
        "measure_quote": "We {verb} {what}",
        "picture": "{name} local situational picture",
        "follow_up": "Follow up the plan as part of the municipality's ordinary follow-up cycle.",
        "method": "A report on each measure to the executive board every March.",
        "invite_bra": "A joint crime-prevention council of the municipalities",
        "invite_seat": "A seat on the crime-prevention council",
        "target": "children and young people",
        "note": "A synthetic plan for benchmarks; the municipality and its actors are invented.",
    },
}
_VERBS: dict[Lang, dict[Modality, str]] = {
    "sv": {Modality.SHALL: "ska", Modality.SHOULD: "bör", Modality.MAY: "kan"},
    "en": {Modality.SHALL: "shall", Modality.SHOULD: "should", Modality.MAY: "may"},
}

_SECTION_HEADINGS: dict[Lang, tuple[str, ...]] = {
    "sv": (
        "Syfte och utgångspunkter",
        "Lokal lägesbild",
        "Handlingsplan",
        "Samverkansforum",
        "Åtgärder",
        "Samordnande funktion",
        "Tydlig ansvarsfördelning",
        "Civilsamhället",
        "Genusperspektiv och målgrupper",
        "Uppföljning",
    ),
    "en": (
        "Purpose and legal basis",
        "Local situational picture",
        "Action plan",
        "Forums",
        "Measures",
        "Coordinating function",
        "Division of responsibility",
        "Civil society",
        "Gender perspective and target groups",
        "Follow-up",
    ),
}
_SECTION_TEXT: dict[Lang, str] = {
    "sv": (
        "Kommunen ska enligt lagen om kommuners ansvar för brottsförebyggande arbete ha en "
        "lägesbild, en åtgärdsplan som bygger på den och en samordnande funktion. Arbetet "
        "bedrivs på samtliga preventionsnivåer tillsammans med polisen, regionen och "
        "civilsamhället. "
    ),
    "en": (
        "Under the Act on municipalities' responsibility for crime prevention the "
        "municipality has a situational picture, an action plan based on it and a "
        "coordinating function. The work covers every prevention level together with the "
        "police, the region and civil society. "
    ),
}

# (slug, Swedish name, English name, kind)
_CORE_ACTORS: tuple[tuple[str, str, str, ActorKind], ...] = (
    ("kommunledning", "Kommunledningen", "Municipal management", ActorKind.MUNICIPAL_MANAGEMENT),
    ("samordnare", "Brottsförebyggande samordnare", "Crime-prevention coordinator",
     ActorKind.MUNICIPAL_MANAGEMENT),
    ("sakerhet", "Säkerhetssamordnare", "Security coordinator", ActorKind.MUNICIPAL_SECURITY),
    ("socialtjanst", "Socialtjänsten", "Social services", ActorKind.SOCIAL_SERVICES),
    ("grundskolan", "Grundskolan", "Compulsory schools", ActorKind.SCHOOL),
    ("gymnasiet", "Gymnasieskolan", "Upper-secondary school", ActorKind.SCHOOL),
    ("elevhalsan", "Elevhälsan", "Pupil health services", ActorKind.SCHOOL),
    ("fritid", "Fritidsförvaltningen", "Leisure and culture", ActorKind.LEISURE),
    ("bostader", "Kommunens bostadsbolag", "Municipal housing company", ActorKind.HOUSING),
    ("teknik", "Tekniska förvaltningen", "Technical services", ActorKind.OTHER),
    ("integration", "Integrationsenheten", "Integration unit", ActorKind.SOCIAL_SERVICES),
    ("beroende", "Beroendeenheten", "Addiction services", ActorKind.SOCIAL_SERVICES),
)  # fmt: skip
# (slug, Swedish name, English name, kind, how many a plan has at most)
_LOCAL_GROUPS: tuple[tuple[str, str, str, ActorKind, int], ...] = (
    ("fritidsgard", "Fritidsgården", "Youth centre", ActorKind.LEISURE, 4),
    ("idrott", "Idrottsföreningen", "Sports club", ActorKind.SPORTS_CLUB, 6),
    ("forening", "Föreningen", "Local association", ActorKind.CIVIL_SOCIETY, 8),
    ("forsamling", "Församlingen", "Congregation", ActorKind.FAITH_COMMUNITY, 4),
    ("moske", "Moskéföreningen", "Mosque association", ActorKind.FAITH_COMMUNITY, 2),
    ("asylboende", "Asylboendet", "Asylum accommodation", ActorKind.ASYLUM_ACCOMMODATION, 2),
    ("fastighet", "Fastighetsägaren", "Property owner", ActorKind.HOUSING, 4),
    ("nattvandrare", "Nattvandrarna", "Night walkers", ActorKind.CIVIL_SOCIETY, 2),
)

_MEASURES: dict[Lang, tuple[tuple[str, str], ...]] = {
    "sv": (
        ("trygghetsvandring", "genomföra trygghetsvandringar i bostadsområdena"),
        ("foraldrastod", "erbjuda föräldrastödskurser till föräldrar med barn i mellanstadiet"),
        ("belysning", "förbättra belysningen på de platser trygghetsvandringarna pekar ut"),
        ("fritidsgard", "hålla fritidsgården öppen fredag och lördag kväll"),
        ("franvaro", "följa upp varje elev med hög frånvaro inom två veckor"),
        ("mentorer", "erbjuda ett mentorsprogram för unga i utsatta områden"),
        ("utbildning", "utbilda personal i tidiga tecken på kriminell involvering"),
        ("avhopparstod", "erbjuda stöd till unga som vill lämna kriminella nätverk"),
        ("individplan", "upprätta en individuell plan för varje ung person i riskzonen"),
        ("information", "informera invånarna om hur man anmäler brott"),
        ("klotter", "sanera klotter inom ett dygn"),
        ("drogprevention", "ge drogförebyggande lektioner i årskurs 8"),
        ("sommarjobb", "erbjuda sommarjobb till ungdomar i årskurs 9"),
        ("dialog", "föra kontinuerlig dialog med civilsamhället och trossamfunden"),
        ("stodtelefon", "sprida information om stödtelefonen"),
        ("lagesbild", "ta fram en aktuell lokal lägesbild"),
        ("ansvar", "tydliggöra vem som ansvarar för det brottsförebyggande arbetet"),
        ("normkritik", "inkludera ett normkritiskt perspektiv i skolans värdegrundsarbete"),
        ("grannsamverkan", "starta grannsamverkan i villaområdena"),
        ("kameror", "utreda kamerabevakning vid resecentrum"),
    ),
    "en": (
        ("safety-walks", "organise community safety walks in the neighbourhoods"),
        ("parenting-support", "offer parenting-support courses to parents of children aged 10-12"),
        ("lighting", "improve lighting at the places the safety walks point out"),
        ("youth-centre", "keep the youth centre open on Friday and Saturday evenings"),
        ("absence", "follow up every pupil with high absence within two weeks"),
        ("mentoring", "offer a mentoring programme for young people"),
        ("early-signs", "train staff in early signs of criminal involvement"),
        ("exit-support", "offer exit support to young people who want to leave a network"),
        ("individual-plans", "draw up an individual plan for each young person at risk"),
        ("reporting", "inform residents about how to report crime"),
        ("graffiti", "remove graffiti within a day"),
        ("drug-prevention", "give drug-prevention lessons to all year-8 pupils"),
        ("summer-jobs", "offer summer jobs to year-9 pupils"),
        ("dialogue", "hold a continuous dialogue with associations and faith communities"),
        ("helpline", "spread information about the helpline"),
        ("situational-picture", "keep the local situational picture up to date"),
        ("responsibility", "make clear who is responsible for the crime-prevention work"),
        ("norm-critical", "include a norm-critical perspective in the schools' values work"),
        ("neighbourhood-watch", "start neighbourhood watch in the residential areas"),
        ("cameras", "look into camera surveillance at the travel centre"),
    ),
}
_TARGET_GROUPS: dict[Lang, tuple[str, ...]] = {
    "sv": ("barn och unga", "föräldrar", "unga vuxna", "boende i utsatta områden", "pojkar"),
    "en": ("children and young people", "parents", "young adults", "residents", "boys"),
}
_LEVELS: dict[Lang, tuple[PreventionLevel, ...]] = {
    "sv": (PreventionLevel.PROMOTIVE, PreventionLevel.PREVENTIVE, PreventionLevel.INTERVENTIVE),
    "en": (PreventionLevel.UNIVERSAL, PreventionLevel.SELECTIVE, PreventionLevel.INDICATED),
}

# Milieus are shared by every plan of one language; ids differ by language.
_MILIEUS: dict[Lang, tuple[Milieu, ...]] = {
    "sv": (
        Milieu(id="vit-makt", name="Våldsbejakande högerextremism", also_known_as="vit makt"),
        Milieu(id="autonoma", name="Våldsbejakande vänsterextremism", also_known_as="autonoma"),
        Milieu(id="islamistisk", name="Våldsbejakande islamistisk extremism"),
        Milieu(id="kriminella-natverk", name="Kriminella nätverk", also_known_as="gäng"),
        Milieu(id="narkotikahandel", name="Öppen narkotikahandel"),
    ),
    "en": (
        Milieu(id="criminal-networks", name="Criminal networks", also_known_as="gangs"),
        Milieu(id="drug-dealing", name="Open drug dealing"),
    ),
}  # fmt: skip
# Resources shared by every plan of one language.
_SHARED_RESOURCES: dict[Lang, tuple[Resource, ...]] = {
    "sv": (
        Resource(
            id="stodtelefon",
            name="Stödtelefon för oroliga anhöriga",
            kind=ResourceKind.HELPLINE,
            provider="En ideell organisation",
            phone="020-000 000",
            source=Source(section="7"),
        ),
        Resource(
            id="samtalskompassen",
            name="Samtalskompassen",
            kind=ResourceKind.TRAINING_MATERIAL,
            provider="Nationell samordnare",
            source=Source(section="7"),
        ),
    ),
    "en": (
        Resource(
            id="helpline",
            name="Helpline for worried relatives",
            kind=ResourceKind.HELPLINE,
            provider="A charity",
            phone="020-000 000",
            source=Source(section="7"),
        ),
    ),
}


_Part = TypeVar("_Part", bound=Any)


def _slug_of(text: str) -> str:
    """Lower-case ASCII id from a Swedish name."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", " ": "-"})
    return text.lower().translate(table)


class _Region:
    """The shared regional actors of one municipality, the same objects across plans."""

    def __init__(self) -> None:
        self._made: dict[str, Actor] = {}

    def actor(self, actor_id: str, name: str, kind: ActorKind, **extra: object) -> Actor:
        if actor_id not in self._made:
            self._made[actor_id] = Actor(
                id=actor_id, name=name, kind=kind, source=Source(section="3"), **extra
            )
        return self._made[actor_id]

    def shared(self, index: int, county: tuple[str, str], area: int) -> list[Actor]:
        """Police area, county board, region and, for some, a Migration Agency office."""
        code, name = county
        slug = _slug_of(name)
        actors = [
            self.actor(
                f"lpo-{slug}-{area}",
                f"Lokalpolisområde {name} {area}",
                ActorKind.POLICE,
                contact=Contact(email=f"lpo-{slug}-{area}@polisen.example"),
            ),
            self.actor(
                f"lansstyrelsen-{slug}",
                f"Länsstyrelsen i {name}",
                ActorKind.COUNTY_BOARD,
                modality=Modality.SHOULD,
            ),
            self.actor(f"region-{slug}", f"Region {name}", ActorKind.REGION, modality=Modality.MAY),
        ]
        if index % 2 == 0:
            office = int(code) % _MIGRATION_OFFICES + 1
            actors.append(
                self.actor(
                    f"migrationsverket-{office}",
                    f"Migrationsverket, region {office}",
                    ActorKind.MIGRATION_AGENCY,
                )
            )
        return actors


class _PlanMaker:
    """Builds one plan from a random stream; every choice goes through ``self.rng``."""

    def __init__(
        self,
        rng: random.Random,
        municipality: Municipality,
        lang: Lang,
        shared: list[Actor],
        neighbour: Municipality,
    ) -> None:
        self.rng = rng
        self.municipality = municipality
        self.code = municipality.code
        self.lang: Lang = lang
        self.words = _TEXTS[lang]
        self.shared = shared
        self.neighbour = neighbour
        self.actors: list[Actor] = []
        self.forums: list[Forum] = []

    def local(self, slug: str) -> str:
        return f"{slug}-{self.code}"

    def name(self, swedish: str, english: str) -> str:
        return swedish if self.lang == "sv" else english

    # --- actors -------------------------------------------------------------------------

    def make_actors(self) -> list[Actor]:
        rng = self.rng
        for slug, sv, en, kind in _CORE_ACTORS:
            contact = None
            if slug in ("samordnare", "socialtjanst"):
                contact = Contact(email=f"{slug}@kommun{self.code}.example")
            self.actors.append(
                Actor(
                    id=self.local(slug),
                    name=self.name(sv, en),
                    kind=kind,
                    municipality=self.code,
                    contact=contact,
                    source=Source(section=rng.choice(("1", "3", "5"))),
                )
            )
        schools = rng.sample(_SCHOOL_NAMES, rng.randint(6, 10))
        for school in schools:
            self.actors.append(
                Actor(
                    id=self.local(_slug_of(school)),
                    name=school,
                    kind=ActorKind.SCHOOL,
                    municipality=self.code,
                    source=Source(section="3.2"),
                )
            )
        self.actors.extend(self.shared)
        target = rng.randint(44, 56)
        groups = list(_LOCAL_GROUPS)
        while groups and len(self.actors) < target:
            slug, sv, en, kind, most = rng.choice(groups)
            number = sum(a.id.startswith(f"{slug}-") for a in self.actors) + 1
            if number > most:
                groups.remove((slug, sv, en, kind, most))
                continue
            district = rng.choice(_DISTRICTS)
            self.actors.append(
                Actor(
                    id=self.local(f"{slug}-{number}"),
                    name=f"{self.name(sv, en)} {district}",
                    kind=kind,
                    classification=(
                        Classification.INTERNAL if rng.random() < 0.05 else Classification.PUBLIC
                    ),
                    source=Source(section=rng.choice(("3.1", "7"))),
                )
            )
        return self.actors

    def of_kind(self, *kinds: ActorKind) -> list[str]:
        return [a.id for a in self.actors if a.kind in kinds]

    # --- forums -------------------------------------------------------------------------

    def seats(self, core: list[str], pool: list[str], low: int, high: int) -> list[Membership]:
        """Members: the core actors first (chair, convener), then others from *pool*."""
        rng = self.rng
        size = rng.randint(low, high)
        chosen = list(dict.fromkeys(core))[:size]
        rest = [actor for actor in pool if actor not in chosen]
        chosen.extend(rng.sample(rest, min(len(rest), size - len(chosen))))
        if len(chosen) < low:  # a thin pool: fill up from every actor of the plan
            rest = [actor.id for actor in self.actors if actor.id not in chosen]
            chosen.extend(rng.sample(rest, low - len(chosen)))
        seats = []
        for index, actor in enumerate(chosen):
            role = (Role.CHAIR, Role.CONVENER)[index] if index < 2 else Role.MEMBER
            if index >= 3 and rng.random() < 0.08:
                seats.append(
                    Membership(
                        actor=actor, role=Role.ADJUNCT, modality=Modality.MAY, as_needed=True
                    )
                )
            else:
                seats.append(Membership(actor=actor, role=role))
        return seats

    def forum(
        self,
        slug: str,
        names: tuple[str, str],
        kind: ForumKind,
        cadence: Cadence,
        members: list[Membership],
        **extra: object,
    ) -> Forum:
        return Forum(
            id=self.local(slug),
            name=self.name(*names),
            kind=kind,
            members=tuple(members),
            cadence=cadence,
            modality=self.rng.choice((Modality.SHALL, Modality.SHALL, Modality.SHOULD)),
            source=Source(section="3.1", quote=self.words["council_quote"]),
            **extra,
        )

    def make_forums(self) -> list[Forum]:
        rng = self.rng
        local = self.local
        municipal = [a.id for a in self.actors if a.municipality == self.code]
        everyone = [a.id for a in self.actors]
        police = self.of_kind(ActorKind.POLICE)
        civil = self.of_kind(
            ActorKind.CIVIL_SOCIETY, ActorKind.FAITH_COMMUNITY, ActorKind.SPORTS_CLUB
        )
        schools = self.of_kind(ActorKind.SCHOOL)
        start = date(FIRST_YEAR, 1, 1)
        bra_name = (
            _TEXTS["sv"]["bra"].format(name=self.municipality.name),
            _TEXTS["en"]["bra"].format(name=self.municipality.name),
        )
        core = [local("kommunledning"), local("samordnare"), *police]
        self.forums.append(
            self.forum(
                "bra",
                bra_name,
                ForumKind.CRIME_PREVENTION_COUNCIL,
                PerPeriod(count=4, modality=rng.choice((Modality.SHALL, Modality.SHOULD))),
                self.seats(core, municipal + [a.id for a in self.shared], 6, 12),
                purpose=self.name("Styr det brottsförebyggande arbetet.", "Steers the work."),
            )
        )
        self.forums.append(
            self.forum(
                "sspf",
                ("SSPF-gruppen", "SSPF group"),
                ForumKind.COLLABORATION_GROUP,
                PerPeriod(count=2, period=Period.MONTH, at_least=False),
                self.seats(
                    [local("socialtjanst"), local("samordnare"), *police, local("fritid")],
                    schools,
                    4,
                    8,
                ),
                classification=Classification.CONFIDENTIAL,
            )
        )
        choices = [
            (
                "arbetsgrupp",
                ("Brå:s arbetsgrupp", "Crime-prevention working group"),
                ForumKind.WORKING_GROUP,
                Rule(
                    rrule="FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12",
                    start=date(FIRST_YEAR, 1, 12),
                ),
                [local("samordnare"), *police],
                municipal,
            ),
            (
                "styrgrupp",
                ("Styrgruppen för trygghet", "Safety steering group"),
                ForumKind.STEERING_GROUP,
                PerPeriod(count=2),
                [local("kommunledning"), local("samordnare")],
                municipal,
            ),
            (
                "ssp",
                ("Skola, socialtjänst och polis (SSP)", "School, social services, police"),
                ForumKind.NETWORK_MEETING,
                PerPeriod(count=1, period=Period.MONTH, at_least=False),
                [local("socialtjanst"), local("grundskolan"), *police],
                schools,
            ),
            (
                "dialog",
                ("Dialogmöte med civilsamhället", "Dialogue meeting with civil society"),
                ForumKind.DIALOGUE_MEETING,
                Dates(
                    dates=(
                        date(FIRST_YEAR, 4, rng.randint(12, 23)),
                        date(FIRST_YEAR, 10, rng.randint(11, 22)),
                    ),
                    complete=False,
                ),
                [local("samordnare")],
                civil,
            ),
            (
                "migration",
                ("Möten med Migrationsverket", "Meetings with the Migration Agency"),
                ForumKind.NETWORK_MEETING,
                Rule(rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE", start=date(FIRST_YEAR, 2, 3)),
                [local("integration"), *self.of_kind(ActorKind.MIGRATION_AGENCY)],
                self.of_kind(ActorKind.ASYLUM_ACCOMMODATION, ActorKind.SOCIAL_SERVICES),
            ),
            (
                "insatsgrupp",
                ("Trygghetsgruppen", "Safety response group"),
                ForumKind.WORKING_GROUP,
                AsNeeded(text=self.name("vid behov", "when needed")),
                [local("samordnare"), *police, local("bostader")],
                municipal,
            ),
            (
                "motesplats",
                ("Mötesplats med trossamfunden", "Meeting place with faith communities"),
                ForumKind.DIALOGUE_MEETING,
                NotStated(text=self.name("kontinuerliga mötesplatser", "regular meetings")),
                [local("samordnare")],
                self.of_kind(ActorKind.FAITH_COMMUNITY, ActorKind.CIVIL_SOCIETY),
            ),
            (
                "skolforum",
                ("Skolans trygghetsforum", "School safety forum"),
                ForumKind.WORKING_GROUP,
                Rule(rrule="FREQ=WEEKLY;INTERVAL=6;BYDAY=TH", start=start + timedelta(days=13)),
                [local("grundskolan"), local("elevhalsan")],
                schools,
            ),
            (
                "fritidsnatverk",
                ("Fritidsnätverket", "Leisure network"),
                ForumKind.NETWORK_MEETING,
                PerPeriod(count=1, period=Period.QUARTER),
                [local("fritid")],
                self.of_kind(ActorKind.LEISURE, ActorKind.SPORTS_CLUB, ActorKind.CIVIL_SOCIETY),
            ),
            (
                "fastighetsnatverk",
                ("Fastighetsägarnätverket", "Property owners' network"),
                ForumKind.NETWORK_MEETING,
                Rule(rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=-1WE", start=date(FIRST_YEAR, 1, 27)),
                [local("bostader"), *police],
                self.of_kind(ActorKind.HOUSING),
            ),
        ]
        for slug, names, kind, cadence, core_ids, pool in rng.sample(choices, rng.randint(6, 10)):
            pool_ids = [actor for actor in pool if actor in everyone] or everyone
            self.forums.append(
                self.forum(slug, names, kind, cadence, self.seats(core_ids, pool_ids, 3, 12))
            )
        return self.forums

    # --- measures -----------------------------------------------------------------------

    def measure_cadence(self) -> Cadence | None:
        roll = self.rng.random()
        if roll < 0.08:
            return PerPeriod(count=1, at_least=False)
        if roll < 0.13:
            return PerPeriod(count=1, period=Period.HALF_YEAR, at_least=False)
        if roll < 0.18:
            return NotStated(text=self.name("kontinuerligt", "continuously"))
        return None

    def make_measures(self) -> list[Measure]:
        rng = self.rng
        templates = _MEASURES[self.lang]
        levels = _LEVELS[self.lang]
        actor_ids = [a.id for a in self.actors]
        forum_ids = [f.id for f in self.forums]
        milieus = [m.id for m in _MILIEUS[self.lang]]
        resources = [r.id for r in self.resources()]
        measures = []
        for index in range(rng.randint(30, 40)):
            slug, what = templates[index % len(templates)]
            modality = rng.choices(list(Modality), weights=(5, 4, 1))[0]
            responsible = rng.sample(actor_ids, rng.choice((0, 1, 1, 1, 2)))
            others = [a for a in actor_ids if a not in responsible]
            # The first three measures cover one level each, so every level is present.
            first = levels[index] if index < len(levels) else rng.choice(levels)
            chosen = [first, *rng.sample(levels, rng.choice((0, 0, 1)))]
            measures.append(
                Measure(
                    id=self.local(f"{slug}-{index + 1}"),
                    description=what[0].upper() + what[1:] + ".",
                    modality=modality,
                    responsible=tuple(responsible),
                    participants=tuple(rng.sample(others, rng.randint(0, 4))),
                    forums=tuple(rng.sample(forum_ids, rng.choice((0, 0, 1, 1, 2)))),
                    levels=tuple(dict.fromkeys(chosen)),
                    target_groups=tuple(
                        rng.sample(_TARGET_GROUPS[self.lang], rng.choice((0, 1, 1, 2)))
                    ),
                    perspectives=tuple(rng.sample(list(Perspective), rng.choice((0, 0, 0, 1)))),
                    milieus=tuple(rng.sample(milieus, rng.choice((0, 0, 0, 1, 2)))),
                    resources=tuple(rng.sample(resources, rng.choice((0, 0, 0, 0, 1)))),
                    cadence=self.measure_cadence(),
                    deadline=(
                        date(FIRST_YEAR + rng.randint(0, 2), rng.randint(1, 12), 28)
                        if rng.random() < 0.15
                        else None
                    ),
                    status=rng.choice(list(MeasureStatus)),
                    classification=(
                        Classification.INTERNAL if rng.random() < 0.05 else Classification.PUBLIC
                    ),
                    source=Source(
                        section="3.2",
                        quote=self.words["measure_quote"].format(
                            verb=_VERBS[self.lang][modality], what=what
                        ),
                    ),
                )
            )
        return measures

    # --- the rest -----------------------------------------------------------------------

    def resources(self) -> list[Resource]:
        return [
            *_SHARED_RESOURCES[self.lang],
            Resource(
                id=self.local("trygghetssida"),
                name=self.name("Kommunens trygghetssida", "The municipality's safety page"),
                kind=ResourceKind.WEBSITE,
                url=f"https://kommun{self.code}.example/trygghet",
                source=Source(section="3.2"),
            ),
        ]

    def make_pictures(self) -> list[SituationalPicture]:
        rng = self.rng
        police = self.of_kind(ActorKind.POLICE)
        others = rng.sample(
            [a.id for a in self.actors if a.municipality == self.code and a.id not in police], 3
        )
        refresh: Cadence = rng.choice(
            (
                PerPeriod(count=1, at_least=False, modality=Modality.SHALL),
                PerPeriod(count=1, at_least=False),
                NotStated(text=self.name("uppdaterad lägesbild", "kept up to date")),
            )
        )
        return [
            SituationalPicture(
                id=self.local("lagesbild"),
                name=self.words["picture"].format(name=self.municipality.name),
                producer=self.forums[0].id,
                contributors=(
                    *(Contribution(actor=actor, central=True) for actor in police),
                    Contribution(actor=self.local("samordnare"), central=True),
                    *(Contribution(actor=actor) for actor in others),
                ),
                milieus=tuple(m.id for m in _MILIEUS[self.lang]),
                refresh=refresh,
                last_updated=date(FIRST_YEAR - 1, rng.randint(1, 12), rng.randint(1, 28)),
                modality=Modality.SHALL,
                classification=Classification.INTERNAL,
                source=Source(section="2"),
            )
        ]

    def make_invitations(self) -> list[Invitation]:
        rng = self.rng
        invitations = []
        if rng.random() < 0.5:
            invitations.append(
                Invitation(
                    id=self.local("gemensamt-bra"),
                    subject=self.words["invite_bra"],
                    municipality=self.neighbour,
                    forum=self.forums[0].id,
                    status=rng.choice(list(InvitationStatus)),
                    source=Source(section="3.1"),
                )
            )
        regions = self.of_kind(ActorKind.REGION)
        if rng.random() < 0.5 and regions:
            invitations.append(
                Invitation(
                    id=self.local("region-plats"),
                    subject=self.words["invite_seat"],
                    actor=regions[0],
                    forum=self.forums[0].id,
                    date=date(FIRST_YEAR - 1, rng.randint(1, 12), rng.randint(1, 28)),
                    status=rng.choice(list(InvitationStatus)),
                    source=Source(section="3"),
                )
            )
        return invitations

    def make_sections(self) -> list[Section]:
        headings = _SECTION_HEADINGS[self.lang]
        text = _SECTION_TEXT[self.lang]
        return [
            Section(number=number, heading=heading, text=text * self.rng.randint(1, 3))
            for number, heading in zip(_SECTIONS, headings, strict=True)
        ]

    def plan(self) -> Plan:
        rng = self.rng
        self.make_actors()
        self.make_forums()
        follow_up = FollowUp(
            id=self.local("uppfoljning"),
            description=self.words["follow_up"],
            responsible=(self.local("samordnare"),),
            method=self.words["method"],
            cadence=PerPeriod(count=1, at_least=False, modality=Modality.SHALL),
            ordinary_cycle=True,
            modality=Modality.SHALL,
            source=Source(section="8"),
        )
        prefix = "handlingsplan" if self.lang == "sv" else "plan"
        return Plan(
            id=f"{prefix}-{self.code}",
            title=self.words["title"].format(name=self.municipality.name),
            language=self.lang,
            municipalities=(self.municipality,),
            decision=Decision(
                body="KF" if self.lang == "sv" else "MC",
                date=date(FIRST_YEAR - 1, rng.randint(9, 12), rng.randint(1, 28)),
                paragraph=str(rng.randint(1, 200)),
            ),
            validity=Validity(
                valid_from=date(FIRST_YEAR, 1, 1),
                valid_until=date(FIRST_YEAR + 3, 12, 31),
                revise_by=date(FIRST_YEAR + 3, 6, 30),
            ),
            sections=tuple(self.make_sections()),
            actors=tuple(self.actors),
            forums=tuple(self.forums),
            measures=tuple(self.make_measures()),
            milieus=_MILIEUS[self.lang],
            situational_pictures=tuple(self.make_pictures()),
            invitations=tuple(self.make_invitations()),
            resources=tuple(self.resources()),
            follow_ups=(follow_up,),
            note=self.words["note"],
        )


def _municipalities(rng: random.Random, n: int) -> list[Municipality]:
    codes = rng.sample(range(1000, 10000), n)
    names = [start + end for start in _NAME_STARTS for end in _NAME_ENDS]
    return [Municipality(code=str(code), name=rng.choice(names).capitalize()) for code in codes]


def generate(n: int, seed: int = DEFAULT_SEED) -> list[Plan]:
    """Return *n* synthetic plans; the same *n* and *seed* give equal plans.

    Plan ``i`` lies in county ``i % 21``; every three municipalities of a county share a
    police area, all of a county share its county board and region, and every other plan
    meets a regional Migration Agency office. About one plan in ten is in English.
    """
    if n < 1:
        raise ValueError(f"cannot generate {n} plans; ask for at least one")
    rng = random.Random(seed)
    municipalities = _municipalities(rng, n)
    region = _Region()
    plans = []
    for index, municipality in enumerate(municipalities):
        county = COUNTIES[index % len(COUNTIES)]
        area = index // len(COUNTIES) // _MUNICIPALITIES_PER_POLICE_AREA + 1
        shared = region.shared(index, county, area)
        neighbour = municipalities[(index + len(COUNTIES)) % n]
        if neighbour.code == municipality.code:
            neighbour = Municipality(code="0000", name="Grannby")
        lang: Lang = "en" if rng.random() < 0.1 else "sv"
        maker = _PlanMaker(random.Random(rng.random()), municipality, lang, shared, neighbour)
        plans.append(maker.plan())
    return plans


def national(plans: Sequence[Plan]) -> Plan:
    """Merge *plans* into one plan of every municipality, for national network analysis.

    Shared parts (regional actors, milieus, resources) appear once. Sections are left out,
    because every plan numbers its own. Works on plans from :func:`generate`, whose ids
    are unique across plans.

    Raises:
        ValueError: When two plans hold different parts under one id.
    """

    def merged(items: Iterable[_Part]) -> tuple[_Part, ...]:
        seen: dict[str, _Part] = {}
        for item in items:
            key = item.code if isinstance(item, Municipality) else item.id
            if key in seen and seen[key] != item:
                raise ValueError(f"two different parts share the id {key!r}")
            seen.setdefault(key, item)
        return tuple(seen.values())

    return Plan(
        id="sverige",
        title="Alla kommuners handlingsplaner",
        municipalities=merged(m for p in plans for m in p.municipalities),
        actors=merged(a for p in plans for a in p.actors),
        forums=merged(f for p in plans for f in p.forums),
        measures=merged(m for p in plans for m in p.measures),
        milieus=merged(m for p in plans for m in p.milieus),
        situational_pictures=merged(s for p in plans for s in p.situational_pictures),
        invitations=merged(i for p in plans for i in p.invitations),
        resources=merged(r for p in plans for r in p.resources),
        follow_ups=merged(f for p in plans for f in p.follow_ups),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write ``--scale`` plans as JSON files into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=290, help="how many plans (1, 290, 2900 or any)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, required=True, help="folder for the JSON files")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for plan in generate(args.scale, args.seed):
        text = actionplan.dumps(plan)
        (args.out / f"{plan.id}.json").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"wrote {args.scale} plans ({total / 1e6:.1f} MB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
