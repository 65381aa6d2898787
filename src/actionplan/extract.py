"""Read a plan's own text into a draft plan that a person only needs to review.

Municipalities keep their plans as Word or PDF text. :func:`extract` reads such a text,
rule by rule and always the same way (no network, no trained model): the numbered
sections, the title and the adopting decision, every commitment with its modality
(*ska*, *bör*, *kan*), the actors, forums, members, cadences, prevention levels, milieus,
resources and invitations it names. Words are recognised through a Swedish lexicon
shipped in ``data/lexicon.toml``, which a municipality can extend with its own file.

The result is a :class:`Draft`: a valid :class:`~actionplan.model.Plan`, the list of what
was read with a confidence for each, and findings (codes ``AP6xx``) for everything the
reader could not resolve. :func:`write` saves the plan as TOML with the review list as
comments at the top.

Examples:
    >>> text = '''Lokal handlingsplan för Exempelby
    ...
    ... 1. Samverkan
    ...
    ... Brå bör träffas minst fyra gånger per år. Polisen ska delta i trygghetsvandringar.
    ... '''
    >>> draft = extract(text)
    >>> draft.plan.forum("bra").cadence.count
    4
    >>> [(m.modality.value, m.responsible) for m in draft.plan.measures]
    [('shall', ('polisen',))]

Added in 0.1.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import tomllib
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeAlias

import attrs
from attrs import define, field, frozen

from actionplan.errors import InvalidValueError, PlanFileError
from actionplan.findings import CODES as ALL_CODES
from actionplan.findings import Citation, CodeInfo, Finding, Severity
from actionplan.model import (
    Actor,
    ActorKind,
    AsNeeded,
    Cadence,
    Classification,
    Contribution,
    Dates,
    Decision,
    ElectoralCycle,
    EveryNth,
    FollowUp,
    Forum,
    ForumKind,
    Invitation,
    InvitationStatus,
    Lang,
    MaxInterval,
    Measure,
    MeasureStatus,
    Membership,
    Milieu,
    Modality,
    MonthDeadline,
    Municipality,
    NotStated,
    Period,
    PerPeriod,
    Perspective,
    Plan,
    PreventionLevel,
    PreventionScheme,
    Resource,
    ResourceKind,
    Role,
    Season,
    Seasonal,
    Section,
    SituationalPicture,
    Source,
)
from actionplan.serialization import dumps, loads, write_atomic
from actionplan.validation import integrity

__all__ = [
    "FINDING_CODES",
    "Draft",
    "DraftItem",
    "ItemKind",
    "Lexicon",
    "LexiconEntry",
    "Metric",
    "compare",
    "extract",
    "extract_file",
    "review",
    "write",
]

ItemKind: TypeAlias = Literal[
    "title",
    "decision",
    "municipality",
    "section",
    "commitment",
    "follow-up",
    "actor",
    "forum",
    "membership",
    "cadence",
    "level",
    "milieu",
    "resource",
    "invitation",
    "situational-picture",
]
"""What sort of thing a :class:`DraftItem` is."""


# --- finding codes ---------------------------------------------------------------------

FINDING_CODES: dict[str, CodeInfo] = {
    code: info for code, info in ALL_CODES.items() if code.startswith("AP6")
}
"""The finding codes the reader gives, with name, severity, meaning and fix."""


# --- public data types ---------------------------------------------------------------------


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@frozen(kw_only=True)
class DraftItem:
    """One thing read from the text, with where it came from and how sure the reader is.

    Attributes:
        kind: What was read: a commitment, an actor, a cadence, ...
        id: The id of the plan part it became (``"bra"``; ``"bra/polisen"`` for a seat).
        sentence: The sentence it was read from (the heading, for a section).
        section: The number of the section, ``None`` before the first one.
        confidence: From 0 (a guess) to 1 (read from unambiguous words).
        detail: A short note: the modality, the cadence read, the words it rests on.
    """

    kind: ItemKind
    id: str
    sentence: str
    section: str | None
    confidence: float
    detail: str = ""


@frozen(kw_only=True)
class Draft:
    """A plan read from text, to be reviewed before use.

    Attributes:
        plan: A plan that passes :func:`actionplan.integrity`; every part cites the
            sentence it was read from.
        items: Everything read, in text order, with a confidence each.
        findings: What the reader could not resolve, codes ``AP601``-``AP616``.
        source_name: The file or name the text came from.
    """

    plan: Plan
    items: tuple[DraftItem, ...]
    findings: tuple[Finding, ...]
    source_name: str = ""


@frozen(kw_only=True)
class LexiconEntry:
    """A named thing the reader recognises: an actor, a forum, a milieu or a resource.

    Attributes:
        id: The id the plan part gets, e.g. ``polisen``.
        name: Its name in the draft.
        kind: Its kind, as the model's enum code (``"police"``).
        forms: The words the text may use, lower case; genitives are added.
        generic: For an actor: a general word that stands for the specific actors of
            the same kind the text names ("skola" for grundskolan and gymnasieskolan).
        subject_only: For an actor: recognised only as the subject of a commitment.
        named_by_members: For a forum: named by whom it meets ("möten med ...").
        named_by: For a resource: ``"provider"``, ``"following-name"`` or
            ``"preceding-word"``, where its own name is found.
        anaphors: For a forum: words that refer back to it once it is named ("rådet").
        also_known_as: For a milieu: the plan's other name for it.
    """

    id: str
    name: str
    kind: str
    forms: tuple[str, ...] = field(converter=_strings)
    generic: bool = False
    subject_only: bool = False
    named_by_members: bool = False
    named_by: str | None = None
    anaphors: tuple[str, ...] = field(default=(), converter=_strings)
    also_known_as: str | None = None


@frozen(kw_only=True)
class Lexicon:
    """The Swedish words the reader knows; see ``data/lexicon.toml`` for the file format.

    Examples:
        >>> lexicon = Lexicon.bundled()
        >>> next(e.kind for e in lexicon.actors if e.id == "polisen")
        'police'
        >>> next(m.code for m in lexicon.municipalities if m.name == "Skinnskatteberg")
        '1904'
    """

    actors: tuple[LexiconEntry, ...] = ()
    forums: tuple[LexiconEntry, ...] = ()
    milieus: tuple[LexiconEntry, ...] = ()
    resources: tuple[LexiconEntry, ...] = ()
    level_words: tuple[tuple[str, PreventionLevel], ...] = ()
    level_scope: tuple[str, ...] = ()
    level_rank: tuple[tuple[str, int], ...] = ()
    level_ambiguous: tuple[str, ...] = ()
    perspectives: tuple[tuple[str, Perspective], ...] = ()
    owners: tuple[str, ...] = ()
    bodies: tuple[tuple[str, str], ...] = ()
    municipalities: tuple[Municipality, ...] = ()

    @classmethod
    def bundled(cls) -> Lexicon:
        """Return the lexicon shipped with the package."""
        return _bundled_lexicon()

    @classmethod
    def from_toml(cls, text: str, *, source: str = "lexicon") -> Lexicon:
        """Return the lexicon a TOML text describes.

        Raises:
            PlanFileError: When the text is not TOML.
            InvalidValueError: When an entry is malformed; ``field`` is its path.
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise PlanFileError(f"{source}: not a TOML file: {error}") from error
        return _lexicon_from_dict(data)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Lexicon:
        """Return the bundled lexicon extended with the file at *path*.

        Raises:
            PlanFileError: When the file cannot be read or is not TOML.
            InvalidValueError: When an entry is malformed.
        """
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as error:
            raise PlanFileError(f"{file}: cannot read: {error.strerror or error}") from error
        return cls.bundled().merged(cls.from_toml(text, source=str(file)))

    def merged(self, other: Lexicon) -> Lexicon:
        """Return this lexicon with *other*'s entries added; same ids are replaced."""

        def entries(mine: tuple[LexiconEntry, ...], theirs: tuple[LexiconEntry, ...]) -> Any:
            replaced = {e.id for e in theirs}
            return (*(e for e in mine if e.id not in replaced), *theirs)

        codes = {m.code for m in other.municipalities}
        return Lexicon(
            actors=entries(self.actors, other.actors),
            forums=entries(self.forums, other.forums),
            milieus=entries(self.milieus, other.milieus),
            resources=entries(self.resources, other.resources),
            level_words=(*self.level_words, *other.level_words),
            level_scope=(*self.level_scope, *other.level_scope),
            level_rank=(*self.level_rank, *other.level_rank),
            level_ambiguous=(*self.level_ambiguous, *other.level_ambiguous),
            perspectives=(*self.perspectives, *other.perspectives),
            owners=(*self.owners, *other.owners),
            bodies=(*self.bodies, *other.bodies),
            municipalities=(
                *(m for m in self.municipalities if m.code not in codes),
                *other.municipalities,
            ),
        )


@frozen(kw_only=True)
class Metric:
    """How well a draft matches a reviewed plan in one respect.

    Attributes:
        name: What was compared, e.g. ``"commitments+modality"``.
        true_positives: Parts found in both.
        false_positives: Parts only the draft has.
        false_negatives: Parts only the reviewed plan has.
    """

    name: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        """Share of the draft's parts that the reviewed plan has (1 when there are none)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of the reviewed plan's parts that the draft has (1 when there are none)."""
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


# --- lexicon loading ---------------------------------------------------------------------


_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


@functools.cache
def _bundled_lexicon() -> Lexicon:
    text = resources.files("actionplan").joinpath("data", "lexicon.toml").read_text("utf-8")
    return Lexicon.from_toml(text, source="bundled lexicon")


def _parse_kind(path: str, value: Any, parse: Any) -> str:
    try:
        return str(parse(str(value)).value)
    except InvalidValueError as error:
        raise InvalidValueError(path, value, error.message, error.hint) from error


def _entries(data: Mapping[str, Any], key: str, parse: Any | None) -> tuple[LexiconEntry, ...]:
    found: list[LexiconEntry] = []
    for index, raw in enumerate(data.get(key, ())):
        path = f"{key}[{index}]"
        if not isinstance(raw, Mapping) or not raw.get("id") or not raw.get("forms"):
            raise InvalidValueError(
                path, raw, "an entry needs an id and forms", "write id = ..., forms = [...]"
            )
        if not _ID.fullmatch(str(raw["id"])):
            raise InvalidValueError(
                f"{path}.id",
                raw["id"],
                f"{raw['id']!r} is not a valid id",
                "use lower-case ASCII letters, digits and '-', e.g. 'polisen'",
            )
        kind = (
            key if parse is None else _parse_kind(f"{path}.kind", raw.get("kind", "other"), parse)
        )
        forms = tuple(_normalise(str(form)).lower() for form in raw["forms"])
        found.append(
            LexiconEntry(
                id=str(raw["id"]),
                name=str(raw.get("name", raw["id"])),
                kind=kind,
                forms=forms,
                generic=bool(raw.get("generic", False)),
                subject_only=bool(raw.get("subject_only", False)),
                named_by_members=bool(raw.get("named_by_members", False)),
                named_by=raw.get("named_by"),
                anaphors=tuple(str(a).lower() for a in raw.get("anaphors", ())),
                also_known_as=raw.get("also_known_as"),
            )
        )
    return tuple(found)


def _lexicon_from_dict(data: Mapping[str, Any]) -> Lexicon:
    levels = data.get("levels", {})
    words = tuple(
        (
            str(word).lower(),
            PreventionLevel.parse(_parse_kind(f"levels.words.{word}", code, PreventionLevel.parse)),
        )
        for word, code in levels.get("words", {}).items()
    )
    perspectives = tuple(
        (
            str(word).lower(),
            Perspective.parse(_parse_kind(f"perspectives.{word}", code, Perspective.parse)),
        )
        for word, code in data.get("perspectives", {}).items()
    )
    municipalities: list[Municipality] = []
    for index, raw in enumerate(data.get("municipality", ())):
        try:
            municipalities.append(Municipality(code=str(raw["code"]), name=str(raw["name"])))
        except (KeyError, TypeError, InvalidValueError) as error:
            raise InvalidValueError(
                f"municipality[{index}]",
                raw,
                f"not a municipality: {error}",
                'write code = "1904", name = "Skinnskatteberg"',
            ) from error
    return Lexicon(
        actors=_entries(data, "actor", ActorKind.parse),
        forums=_entries(data, "forum", ForumKind.parse),
        milieus=_entries(data, "milieu", None),
        resources=_entries(data, "resource", ResourceKind.parse),
        level_words=words,
        level_scope=tuple(str(s).lower() for s in levels.get("scope", ())),
        level_rank=tuple((str(w).lower(), int(r)) for w, r in levels.get("rank", {}).items()),
        level_ambiguous=tuple(str(s).lower() for s in levels.get("ambiguous", ())),
        perspectives=perspectives,
        owners=tuple(str(s).lower() for s in data.get("owners", {}).get("forms", ())),
        bodies=tuple(
            (str(b["abbreviation"]), str(b["name"]).lower()) for b in data.get("body", ())
        ),
        municipalities=tuple(municipalities),
    )


def _ordered(text: str) -> tuple[str, ...]:
    """The words of *text*, in order: keeps long word lists readable."""
    return tuple(text.split())


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(_ordered(text))


# --- text: normalisation, sections, sentences ----------------------------------------------

_ABBREVIATIONS = _wordlist(
    """
    s.k t.ex bl.a m.m m.fl o.s.v osv dvs d.v.s t.o.m fr.o.m ca resp jfr enl p.g.a pga nr
    tel m.a.o inkl exkl st ev ang kap prop f.d o.d e.d etc mfl fig t.v s sid kl tf vsb
    o.dyl u.p.a äv jmf
    """
)
_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?P<para>§\s*)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<heading>\S.*?)\s*$"
)
_BULLET = re.compile(r"^(?:[-*•–]|\d{1,2}[.)]|[a-zåäö]\))\s+(?P<item>\S.*)$")
_BOUNDARY = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“”'(]?[A-ZÅÄÖ0-9§])")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"”]+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d-])0\d{1,3}[-–]\s?\d{2,3}(?:\s\d{2,3}){0,3}(?![\d-])")
_TOKEN = re.compile(r"\w+(?:[-.:]\w+)*")
_TERMINAL = ".!?”\"'"


@define
class _Block:
    lines: list[str]
    bullets: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines) if self.bullets else " ".join(self.lines)


@define
class _RawSection:
    number: str
    heading: str
    blocks: list[_Block] = attrs.Factory(list)


@define
class _Document:
    title: str | None
    preamble: list[_Block]
    sections: list[_RawSection]
    numbered: bool


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\t", " ")
    return text.replace("**", "").replace("__", "")


def _is_heading(line: str, previous: str | None) -> re.Match[str] | None:
    match = _HEADING.match(line)
    if match is None or len(line) > 200:  # noqa: PLR2004
        return None
    heading = match["heading"]
    if not heading[0].isupper() or (heading[-1] in ".,;:!?" and not match["para"]):
        return None
    number = match["number"]
    if previous is None:
        return match
    top, *rest = number.split(".")
    last_top = previous.split(".")[0]
    if rest:
        return match if top == last_top else None
    return match if int(top) == int(last_top) + 1 else None


def _joins(previous: _Block, following: _Block) -> bool:
    """Whether a blank line split one sentence in two (a stray break in the text)."""
    if previous.bullets or following.bullets:
        return False
    before, after = previous.text, following.text
    starts_low = after[0].islower() or _URL.match(after) is not None
    if not starts_low:
        return False
    last_word = before.rsplit(maxsplit=1)[-1].lower().rstrip(".")
    return before[-1] not in _TERMINAL or before[-1] in ":," or last_word in _ABBREVIATIONS


def _add_block(blocks: list[_Block], lines: list[str]) -> None:
    if not lines:
        return
    block = _Block(lines=list(lines), bullets=any(_BULLET.match(line) for line in lines))
    previous = blocks[-1] if blocks else None
    if previous is not None and _joins(previous, block):
        blocks[-1] = _Block(lines=[f"{previous.text} {block.text}"], bullets=False)
    elif previous is not None and block.bullets and previous.text.endswith(":"):
        blocks[-1] = _Block(lines=[*previous.lines, *block.lines], bullets=True)
    else:
        blocks.append(block)


def _document(text: str) -> _Document:
    preamble: list[_Block] = []
    sections: list[_RawSection] = []
    current = preamble
    lines: list[str] = []
    for raw in _normalise(text).split("\n"):
        line = raw.strip().lstrip("#").strip() if raw.lstrip().startswith("#") else raw.strip()
        line = re.sub(r"\s{2,}", " ", line)
        if not line:
            _add_block(current, lines)
            lines = []
            continue
        match = _is_heading(line, sections[-1].number if sections else None)
        if match is not None:
            _add_block(current, lines)
            lines = []
            sections.append(_RawSection(number=match["number"], heading=match["heading"]))
            current = sections[-1].blocks
            continue
        lines.append(line)
    _add_block(current, lines)
    title = None
    first = preamble[0] if preamble else None
    one_line = first is not None and len(first.lines) == 1 and not first.bullets
    if first and one_line and first.text[-1] not in ".!?:" and not _DECISION.search(first.text):
        title = preamble.pop(0).text
    return _Document(title=title, preamble=preamble, sections=sections, numbered=bool(sections))


def _split(paragraph: str) -> list[str]:
    found: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        word = paragraph[start : match.start() + 1].rsplit(maxsplit=1)[-1].lower()
        if word.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"\w\.", word):
            continue
        found.append(paragraph[start : match.end()].strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        found.append(rest)
    return found


def _sentences(block: _Block) -> list[str]:
    if not block.bullets:
        return _split(block.text)
    found: list[str] = []
    lead: list[str] = []
    items: list[str] = []

    def close() -> None:
        if lead and items and lead[-1].endswith(":"):
            *before, last = _split(" ".join(lead))
            found.extend(before)
            found.append(f"{last} {', '.join(items)}.")
        else:
            found.extend(_split(" ".join(lead)))
            found.extend(item if item[-1] in _TERMINAL else f"{item}." for item in items)

    for line in block.lines:
        bullet = _BULLET.match(line)
        if bullet is not None:
            item = bullet["item"].rstrip(".;, ")
            if item:
                items.append(item)
            continue
        if items:
            close()
            lead, items = [], []
        lead.append(line)
    close()
    return [sentence for sentence in found if sentence.strip(" .")]


# --- recognising words ------------------------------------------------------------------------

_Category: TypeAlias = Literal["actor", "forum", "milieu", "resource", "owner"]


@frozen
class _Hit:
    """A lexicon word found in a sentence; positions are in the sentence's working text."""

    start: int
    end: int
    category: _Category
    entry: LexiconEntry | None
    surface: str
    anaphor: bool = False
    genitive: bool = False


@frozen
class _Matcher:
    lexicon: Lexicon
    pattern: re.Pattern[str]
    table: Mapping[str, _Row]
    levels: re.Pattern[str] | None
    perspectives: re.Pattern[str] | None
    municipalities: re.Pattern[str] | None
    places: Mapping[str, Municipality]

    def hits(self, text: str) -> list[_Hit]:
        found = []
        for match in self.pattern.finditer(text):
            category, entry, anaphor, genitive = self.table[match.group().lower()]
            found.append(
                _Hit(match.start(), match.end(), category, entry, match.group(), anaphor, genitive)
            )
        return found

    def expand(self, text: str) -> str:
        """Write out elided compounds: "grund- och gymnasieskola" names two schools."""

        def replace(match: re.Match[str]) -> str:
            heads = re.findall(r"(\w+)-", match["heads"])
            last = match["last"]
            for cut in range(1, len(last) - 2):
                tail = last[cut:]
                if all(f"{head}{tail}".lower() in self.table for head in heads):
                    written = ", ".join(f"{head}{tail}" for head in heads)
                    return f"{written} {match['conj']} {last}"
            return match.group()

        return _ELISION.sub(replace, text)


_ELISION = re.compile(r"(?P<heads>(?:\b\w+-,?\s+)+)(?P<conj>och|eller|samt)\s+(?P<last>\w+)")


def _alternation(forms: Iterable[str]) -> str:
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    return "|".join(re.escape(form) for form in ordered)


def _genitive(form: str) -> str | None:
    if form.endswith(" med") or form[-1] in "sxz":
        return None
    return f"{form}s"


_Row: TypeAlias = tuple[_Category, LexiconEntry | None, bool, bool]


def _table(lexicon: Lexicon) -> dict[str, _Row]:
    """Every form the lexicon knows, with what it names: explicit forms win over genitives."""
    groups: tuple[tuple[_Category, tuple[LexiconEntry | None, ...], tuple[str, ...]], ...] = (
        ("actor", lexicon.actors, ()),
        ("forum", lexicon.forums, ()),
        ("milieu", lexicon.milieus, ()),
        ("resource", lexicon.resources, ()),
        ("owner", (None,), lexicon.owners),
    )
    rows: list[tuple[str, _Row]] = []
    for category, entries, extra in groups:
        for entry in entries:
            forms = entry.forms if entry else extra
            anaphors = entry.anaphors if entry else ()
            rows.extend((form, (category, entry, False, False)) for form in forms)
            rows.extend((form, (category, entry, True, False)) for form in anaphors)
    table: dict[str, _Row] = {}
    for form, (category, entry, anaphor, _) in rows:
        genitive = _genitive(form)
        if genitive:
            table.setdefault(genitive, (category, entry, anaphor, True))
    table.update((form, row) for form, row in rows if not row[2])
    table.update((form, row) for form, row in rows if row[2] and form not in table)
    return table


@functools.lru_cache(maxsize=8)
def _matcher(lexicon: Lexicon) -> _Matcher:
    table = _table(lexicon)
    pattern = re.compile(rf"(?<!\w)(?:{_alternation(table)})(?!\w)", re.IGNORECASE)
    level_words = [
        *(word for word, _ in lexicon.level_words),
        *lexicon.level_scope,
        *(word for word, _ in lexicon.level_rank),
    ]
    places: dict[str, Municipality] = {}
    for municipality in lexicon.municipalities:
        name = municipality.name.lower()
        places[name] = municipality
        genitive = _genitive(name)
        if genitive:
            places.setdefault(genitive, municipality)
    return _Matcher(
        lexicon=lexicon,
        pattern=pattern,
        table=table,
        levels=_words_pattern(level_words),
        perspectives=_words_pattern(word for word, _ in lexicon.perspectives),
        municipalities=_words_pattern(places),
        places=places,
    )


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    listed = list(words)
    if not listed:
        return None
    return re.compile(rf"(?<!\w)(?:{_alternation(listed)})(?!\w)", re.IGNORECASE)


# --- modality ------------------------------------------------------------------------------


@frozen
class _Modal:
    """How a sentence commits: the modality, where the words stand, how sure the reading is."""

    modality: Modality
    start: int
    end: int
    confidence: float
    words: str
    subject_before: bool


_MODAL_VERBS: Mapping[str, tuple[Modality, float]] = {
    "ska": (Modality.SHALL, 0.9),
    "skall": (Modality.SHALL, 0.9),
    "måste": (Modality.SHALL, 0.9),
    "bör": (Modality.SHOULD, 0.9),
    "behöver": (Modality.SHOULD, 0.6),
    "kan": (Modality.MAY, 0.6),
}
# Words after "kan" that describe what is or may happen, not what anyone commits to.
_DESCRIBING = _wordlist(
    """
    vara röra innebära handla bli finnas uppstå leda motsätta hylla ha få upplevas
    uppfattas variera förekomma påverka bidra gälla betyda
    """
)
_PRONOUNS = frozenset({"de", "det", "den", "dessa", "man", "detta", "vilket", "vilka", "som"})
_ADVERBS = _wordlist(
    """
    också även exempelvis till exempel t.ex dock då ju därför inte alltid ofta troligen
    i vissa fall dessutom gemensamt
    """
)
_RELATIVE = frozenset({"som", "vilka", "vilket", "vilken"})
# Phrases that commit without a modal verb: pattern, modality, confidence, label, and
# whether the subject stands before the phrase ("Kommunen och polisen åtar sig att ...").
_PHRASES: tuple[tuple[re.Pattern[str], Modality, float, str, bool], ...] = (
    (
        re.compile(r"\bdet är (?:också |även |därför )?nödvändigt att\b"),
        Modality.SHALL,
        0.7,
        "det är nödvändigt att",
        False,
    ),
    (
        re.compile(r"\bär (?:också |även )?att rekommendera\b|\brekommenderas\b"),
        Modality.SHOULD,
        0.7,
        "är att rekommendera",
        False,
    ),
    (
        re.compile(r"^att\b.*\bär (?:mycket |särskilt |också |även )?viktigt\b"),
        Modality.SHOULD,
        0.5,
        "att ... är viktigt",
        False,
    ),
    (
        re.compile(r"\bdet är (?:mycket |särskilt |också |även )?viktigt att\b"),
        Modality.SHOULD,
        0.5,
        "det är viktigt att",
        False,
    ),
    (
        re.compile(r"\b(?:åtar|åtagit) (?:sig|oss)\b|\bförbinder (?:sig|oss)\b|\blovar\b"),
        Modality.SHALL,
        0.8,
        "åtar sig / lovar",
        True,
    ),
)


def _describes(tokens: Sequence[tuple[str, int, int]], index: int) -> bool:
    """Whether the "kan" at *index* describes (what groups can do) rather than commits."""
    before = [word for word, _, _ in tokens[max(0, index - 4) : index]]
    if before and before[-1] in _PRONOUNS:
        return True
    if any(word in _RELATIVE for word in before):
        return True
    following = (word for word, _, _ in tokens[index + 1 :] if word not in _ADVERBS)
    return next(following, "") in _DESCRIBING


def _modal(lower: str, tokens: Sequence[tuple[str, int, int]]) -> _Modal | None:
    """Return the first committing modal of a sentence, or ``None`` for a description."""
    found: list[_Modal] = []
    for index, (word, start, end) in enumerate(tokens):
        if word == "skulle" and index + 1 < len(tokens) and tokens[index + 1][0] == "kunna":
            stop = tokens[index + 1][2]
            found.append(
                _Modal(Modality.MAY, start, stop, 0.4, "skulle kunna", subject_before=True)
            )
            continue
        if word not in _MODAL_VERBS:
            continue
        modality, confidence = _MODAL_VERBS[word]
        if word == "kan" and _describes(tokens, index):
            continue
        before = {w for w, _, _ in tokens[max(0, index - 3) : index]}
        if before & _RELATIVE:
            confidence = min(confidence, 0.6)
        found.append(_Modal(modality, start, end, confidence, word, subject_before=True))
    for pattern, modality, confidence, label, subject_before in _PHRASES:
        match = pattern.search(lower)
        if match is not None:
            found.append(
                _Modal(
                    modality,
                    match.start(),
                    match.end(),
                    confidence,
                    label,
                    subject_before=subject_before,
                )
            )
    return min(found, key=lambda modal: modal.start) if found else None


# --- cadences ------------------------------------------------------------------------------

_NUMBERS: Mapping[str, int] = dict(
    zip(
        _ordered("en ett två tre fyra fem sex sju åtta nio tio elva tolv"),
        (1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        strict=True,
    )
)
_ORDINALS: Mapping[str, int] = {
    "varannan": 2,
    "vartannat": 2,
    "tredje": 3,
    "fjärde": 4,
    "femte": 5,
    "sjätte": 6,
}
_MONTHS = tuple(
    _ordered(
        "januari februari mars april maj juni juli augusti september oktober november december"
    )
)
_NUMBER = r"(?P<n>\d{1,2}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)"
_PERIODS: Mapping[str, Period] = {
    "år": Period.YEAR,
    "året": Period.YEAR,
    "kalenderår": Period.YEAR,
    "halvår": Period.HALF_YEAR,
    "halvåret": Period.HALF_YEAR,
    "kvartal": Period.QUARTER,
    "kvartalet": Period.QUARTER,
    "månad": Period.MONTH,
    "månaden": Period.MONTH,
    "vecka": Period.WEEK,
    "veckan": Period.WEEK,
}
_PERIOD_MONTHS: Mapping[Period, int] = {
    Period.MONTH: 1,
    Period.QUARTER: 3,
    Period.HALF_YEAR: 6,
    Period.YEAR: 12,
}
_COUNT = re.compile(
    rf"\b(?P<min>minst |åtminstone |som minst )?{_NUMBER} "
    r"(?:gång(?:er)?|möten|sammanträden|träffar|tillfällen|kvällar|dagar) "
    r"(?:per|om|i|varje|under) (?:ett |en )?"
    r"(?P<p>kalenderår|året|år|halvåret|halvår|kvartalet|kvartal|månaden|månad|veckan|vecka"
    r"|terminen|termin)\b"
)
_ADVERB = re.compile(
    r"\b(?P<w>årligen|årsvis|varje år|varje kalenderår|halvårsvis|varje halvår|kvartalsvis"
    r"|varje kvartal|månadsvis|varje månad|veckovis|varje vecka)\b"
)
_ADVERB_PERIODS: Mapping[str, Period] = {
    "årligen": Period.YEAR,
    "årsvis": Period.YEAR,
    "varje år": Period.YEAR,
    "varje kalenderår": Period.YEAR,
    "halvårsvis": Period.HALF_YEAR,
    "varje halvår": Period.HALF_YEAR,
    "kvartalsvis": Period.QUARTER,
    "varje kvartal": Period.QUARTER,
    "månadsvis": Period.MONTH,
    "varje månad": Period.MONTH,
    "veckovis": Period.WEEK,
    "varje vecka": Period.WEEK,
}
_NTH = re.compile(
    r"\b(?P<min>minst )?(?:(?P<two>varannan|vartannat)"
    r"|vart? (?P<ord>tredje|fjärde|femte|sjätte|(?P<digits>\d{1,2}):?[ae]))"
    r" (?P<p>vecka|månad|kvartal|halvår|år)\b"
)
_FIRST_IN_TERM = re.compile(
    r"\b(?:(?:det )?första (?:mötet|sammanträdet|träffen) (?:på|under|i) |i början av )"
    r"(?P<t>vårterminen|höstterminen)\b"
)
_TWO_SEASONS = re.compile(r"\b(?P<a>hösten|höst|våren|vår) och (?P<b>hösten|höst|våren|vår)\b")
_TERMS = re.compile(r"\b(?:varje|per) termin\b|\bterminsvis\b")
_SEASON = re.compile(
    r"\b(?:under|på|varje|i|inför) "
    r"(?P<s>vårterminen|höstterminen|våren|hösten|sommaren|vintern|vår|höst)\b"
)
_DEADLINE = re.compile(
    r"\b(?:senast|före utgången av|innan utgången av|före slutet av)"
    r"(?: i slutet av| i| under| den \d{1,2})? "
    rf"(?P<m>{'|'.join(_MONTHS)})(?: (?P<year>\d{{4}}))?(?P<every> varje år| årligen)?\b"
)
_ELECTORAL = re.compile(
    r"\b(?P<pre>inför |i början av |under |efter )?(?P<which>varje ny|varje|var|en gång per"
    r"|en gång varje|nästa|nästkommande|ny) (?:ny |nya )?mandatperiod(?:en)?\b"
)
# Reports due early in a year concern the year before; plans due late concern the next.
_REPORTING = re.compile(r"\b(?:uppfölj\w*|följa upp|redovis\w*|utvärder\w*|rapport\w*)")
_PLANNING = re.compile(r"\b(?:verksamhetsplan|årsplan|aktivitetsplan|program|budget)\w*")
_WITHIN = re.compile(rf"\binom {_NUMBER} månader\b")
_AS_NEEDED = re.compile(r"\bvid behov\b")
_VAGUE = re.compile(
    r"\b(?P<w>kontinuerliga|kontinuerligt|kontinuerlig|regelbundna|regelbundet|regelbunden"
    r"|ständiga|ständigt|ständig|fortlöpande|löpande|återkommande)\b"
    r"(?P<rest>(?: och [a-zåäö]+)? (?P<next>[a-zåäö]+))?"
)
_YEAR_BEFORE = re.compile(
    r"\bföregående (?:år|års|verksamhetsår)\b|\bdet gångna året\b|\båret innan\b"
)
_YEAR_AFTER = re.compile(r"\b(?:kommande|nästkommande|nästa|följande) (?:år|års)\b")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_ONE_DATE_TEXT = (
    r"\d{4}-\d{2}-\d{2}|(?:den )?\d{1,2} "
    rf"(?:{'|'.join(_MONTHS)})(?: \d{{4}})?"
)
_ONE_DATE = re.compile(
    r"\b(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?:den )?(?P<day>\d{1,2}) "
    rf"(?P<month>{'|'.join(_MONTHS)})(?: (?P<year>\d{{4}}))?)\b"
)
_DATE_LIST = re.compile(
    rf"\b(?:{_ONE_DATE_TEXT})(?:(?:,\s*|\s+(?:och|samt)\s+)(?:{_ONE_DATE_TEXT}))*\b"
)
_MEETING_WORDS = re.compile(
    r"\b(?:träffas|sammanträder|möts|ses|samlas|möten|mötet|sammanträden|sammanträdet|träffar)\b"
)
_STATED_COUNT = re.compile(rf"\b{_NUMBER} (?:möten|sammanträden|träffar)\b")
_LATER = re.compile(r"\b(?:planeras|planläggs|meddelas|bestäms|beslutas) senare\b")
_LOOSE = re.compile(
    r"\b\w+ (?:gång(?:er)?|möten|sammanträden|träffar|tillfällen) (?:per|om|i|varje|under)"
    r" (?:ett |en |varje )?\w+"
)
_FUNCTION_WORDS = _wordlist(
    """
    och att i med av för om på till är som eller samt men det den de en ett inom mellan
    under
    """
)


@frozen
class _CadenceRead:
    cadence: Cadence
    start: int
    end: int
    text: str
    vague: bool = False
    needs_anchor: bool = False
    unreadable: bool = False


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _anchor(lower: str) -> date | None:
    match = _ISO_DATE.search(lower)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group())
    except ValueError:
        return None


def _count_cadence(
    match: re.Match[str], text: str, _lower: str, modality: Modality | None
) -> Cadence:
    count = _number(match["n"])
    if match["p"].startswith("termin"):
        return Seasonal(
            seasons=(Season.SPRING_TERM, Season.AUTUMN_TERM),
            count_per_season=count,
            modality=modality,
            text=text,
        )
    return PerPeriod(
        count=count,
        period=_PERIODS[match["p"]],
        at_least=match["min"] is not None,
        modality=modality,
        text=text,
    )


def _nth_cadence(match: re.Match[str], text: str, lower: str, mod: Modality | None) -> Cadence:
    every = int(match["digits"]) if match["digits"] else _ORDINALS[match["two"] or match["ord"]]
    period = _PERIODS[match["p"]]
    if match["min"] and period in _PERIOD_MONTHS:
        months = every * _PERIOD_MONTHS[period]
        return MaxInterval(months=months, anchor=_anchor(lower), modality=mod, text=text)
    return EveryNth(every=every, period=period, anchor=_anchor(lower), modality=mod, text=text)


def _deadline_cadence(match: re.Match[str], text: str, lower: str, mod: Modality | None) -> Cadence:
    month = _MONTHS.index(match["m"]) + 1
    offset = 0
    if _YEAR_BEFORE.search(lower):
        offset = 1
    elif _YEAR_AFTER.search(lower):
        offset = -1
    elif month <= 4 and _REPORTING.search(lower):  # noqa: PLR2004
        offset = 1
    elif month >= 9 and _PLANNING.search(lower):  # noqa: PLR2004
        offset = -1
    year = int(match["year"]) - offset if match["year"] else None
    return MonthDeadline(
        month=month,
        year_offset=offset,
        every_year=year is None,
        year=year,
        modality=mod,
        text=text,
    )


def _electoral_cadence(
    match: re.Match[str], text: str, lower: str, mod: Modality | None
) -> Cadence:
    within = _WITHIN.search(lower)
    offset: int | None = None
    if within is not None:
        offset = _number(within["n"])
    elif match["pre"] == "inför " or match["which"] in ("nästa", "nästkommande"):
        offset = 0
    elif match["pre"] in ("i början av ", "efter ") or match["which"] in ("varje ny", "ny"):
        offset = 6
    return ElectoralCycle(offset_months=offset, modality=mod, text=text)


def _season_cadence(match: re.Match[str], text: str, _lower: str, mod: Modality | None) -> Cadence:
    groups = [g for g in (match.groupdict().get(k) for k in ("a", "b", "s", "t")) if g]
    seasons = tuple(dict.fromkeys(Season.parse(g) for g in groups))
    first = "t" in match.groupdict() and match["t"] is not None
    return Seasonal(seasons=seasons, first_in_term=first, modality=mod, text=text)


def _terms_cadence(_match: re.Match[str], text: str, _lower: str, mod: Modality | None) -> Cadence:
    terms = (Season.SPRING_TERM, Season.AUTUMN_TERM)
    return Seasonal(seasons=terms, modality=mod, text=text)


def _adverb_cadence(match: re.Match[str], text: str, _lower: str, mod: Modality | None) -> Cadence:
    period = _ADVERB_PERIODS[match["w"]]
    return PerPeriod(count=1, period=period, at_least=False, modality=mod, text=text)


_Builder: TypeAlias = Callable[[re.Match[str], str, str, Modality | None], Cadence]
# Most specific first: a deadline "senast i februari varje år" is not "varje år".
_READERS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (_DEADLINE, _deadline_cadence),
    (_ELECTORAL, _electoral_cadence),
    (_FIRST_IN_TERM, _season_cadence),
    (_TWO_SEASONS, _season_cadence),
    (_COUNT, _count_cadence),
    (_NTH, _nth_cadence),
    (_TERMS, _terms_cadence),
    (_SEASON, _season_cadence),
    (_ADVERB, _adverb_cadence),
)


def _days(text: str) -> list[date]:
    """The dates of a list: ISO dates, or "3 februari och 12 maj 2027" (the year closes it)."""
    days: list[date] = []
    year = None
    for match in reversed(list(_ONE_DATE.finditer(text))):
        if match["iso"]:
            day = _anchor(match["iso"])
        else:
            year = int(match["year"]) if match["year"] else year
            day = _date(f"{match['day']} {match['month']} {year}") if year else None
        if day is None:
            return []
        days.insert(0, day)
    return days


def _dates(work: str, lower: str, modality: Modality | None) -> list[_CadenceRead]:
    """Meeting dates written out ("Brå sammanträder 2027-02-03 och 2027-05-12")."""
    match = _DATE_LIST.search(lower)
    if match is None or not _MEETING_WORDS.search(lower):
        return []
    text = work[match.start() : match.end()]
    dates = tuple(dict.fromkeys(_days(match.group())))
    if not dates:
        words = NotStated(modality=modality, text=text)
        return [_CadenceRead(words, match.start(), match.end(), text, unreadable=True)]
    stated = _STATED_COUNT.search(lower)
    cadence = Dates(
        dates=dates,
        complete=_LATER.search(lower) is None,
        stated_count=_number(stated["n"]) if stated else None,
        modality=modality,
        text=text,
    )
    return [_CadenceRead(cadence, match.start(), match.end(), text)]


def _cadences(work: str, modality: Modality | None) -> list[_CadenceRead]:
    """Every cadence phrase in a sentence, most specific first, without overlaps."""
    lower = work.lower()
    found: list[_CadenceRead] = []
    for pattern, build in _READERS:
        for match in pattern.finditer(lower):
            if any(match.start() < r.end and r.start < match.end() for r in found):
                continue
            text = work[match.start() : match.end()]
            cadence = build(match, text, lower, modality)
            free = isinstance(cadence, EveryNth | MaxInterval) and cadence.anchor is None
            found.append(_CadenceRead(cadence, match.start(), match.end(), text, needs_anchor=free))
    found = found or _dates(work, lower, modality)
    needed = _AS_NEEDED.search(lower)
    if found:
        return [_as_needed(read) for read in found] if needed else found
    loose = _LOOSE.search(lower)
    if loose is not None:
        text = work[loose.start() : loose.end()]
        cadence = NotStated(modality=modality, text=text)
        return [_CadenceRead(cadence, loose.start(), loose.end(), text, unreadable=True)]
    if needed:
        text = work[needed.start() : needed.end()]
        return [
            _CadenceRead(AsNeeded(modality=modality, text=text), needed.start(), needed.end(), text)
        ]
    vague: list[_CadenceRead] = []
    for match in _VAGUE.finditer(lower):
        word, following = match["w"], match["next"]
        adjective = not word.endswith("t") and following not in (None, *_FUNCTION_WORDS)
        end = match.end("rest") if adjective else match.end("w")
        text = work[match.start() : end]
        cadence = NotStated(modality=modality, text=text)
        vague.append(_CadenceRead(cadence, match.start(), end, text, vague=True))
    return vague


def _as_needed(read: _CadenceRead) -> _CadenceRead:
    if isinstance(read.cadence, PerPeriod):
        return attrs.evolve(read, cadence=attrs.evolve(read.cadence, as_needed=True))
    return read


def _describe_cadence(cadence: Cadence) -> str:
    detail = getattr(cadence, "text", None) or ""
    if isinstance(cadence, PerPeriod):
        least = "at least " if cadence.at_least else ""
        needed = " and as needed" if cadence.as_needed else ""
        detail = f"{least}{cadence.count} per {cadence.period.value}{needed}"
    elif isinstance(cadence, EveryNth):
        detail = f"every {cadence.every} {cadence.period.value}"
    elif isinstance(cadence, MaxInterval):
        detail = f"at most {cadence.months} months apart"
    elif isinstance(cadence, Seasonal):
        first = ", first in term" if cadence.first_in_term else ""
        detail = f"{', '.join(s.value for s in cadence.seasons)}{first}"
    elif isinstance(cadence, MonthDeadline):
        detail = f"by month {cadence.month}, year offset {cadence.year_offset}"
    elif isinstance(cadence, ElectoralCycle):
        detail = f"each term of office, offset {cadence.offset_months}"
    return f"{cadence.kind}: {detail}" if detail else cadence.kind


# --- the adopting decision -------------------------------------------------------------------

_DATE = rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{'|'.join(_MONTHS)})\s+\d{{4}}"
_DECISION = re.compile(
    r"\b(?:antagen|antaget|antagna|fastställd|fastställt|fastställda|beslutad|beslutat"
    r"|godkänd|godkänt|godkända)\s+(?:av\s+)?(?P<body>[^\d(§.]+?)\s*"
    r"(?:\((?P<abbr>[^)]{1,12})\)(?P<rest>[^\d§]{0,40}?))?\s*(?:den\s+)?"
    rf"(?P<date>{_DATE})\s*,?\s*(?:§\s*(?P<paragraph>\d+))?",
    re.IGNORECASE,
)


def _date(text: str) -> date | None:
    text = text.lower()
    try:
        if "-" in text:
            year, month, day = (int(part) for part in text.split("-"))
        else:
            day_text, month_text, year_text = text.split()
            year, month, day = int(year_text), _MONTHS.index(month_text) + 1, int(day_text)
        return date(year, month, day)
    except ValueError:
        return None


def _decision(text: str, bodies: Sequence[tuple[str, str]]) -> Decision | None:
    match = _DECISION.search(text)
    if match is None:
        return None
    when = _date(match["date"])
    if when is None:
        return None
    body_text = match["body"].strip(" ,")
    abbreviation = match["abbr"].strip() if match["abbr"] else None
    for known_abbreviation, name in bodies:
        if name in body_text.lower():
            return Decision(
                body=abbreviation or known_abbreviation,
                date=when,
                paragraph=match["paragraph"],
                body_name=name,
            )
    return Decision(
        body=abbreviation or body_text,
        date=when,
        paragraph=match["paragraph"],
        body_name=body_text if abbreviation else None,
    )


# --- the reader ---------------------------------------------------------------------------

_PREPOSITIONS = _wordlist(
    """
    i inom förutom utöver under med genom efter vid före inför tillsammans för där då på
    senast varje årligen från utifrån enligt även dessutom därför här utanför bland
    """
)
_GOVERNING = _wordlist("i inom för av med mellan till från på hos")
_FILLER = re.compile(r"^[\s,]*(?:(?:och|samt|även|också|gemensamt|både|tillsammans)[\s,]*)*$")
_EXCLUDING = re.compile(r"\b(?:förutom|utöver|utom)\s+(?:\w+\s+){0,2}$")
_CONFIDENTIAL = re.compile(
    r"\bindividnivå\w*|\benskilda (?:individer|personer|ärenden)\b|\bärendet\b|\bsekretess\w*"
)
_MEETING = re.compile(r"\b(?:träffas|träffa|sammanträder|sammanträda|möts|mötas|ses|samlas)\b")
_MEMBER_BEFORE = re.compile(
    r"\b(?:adjungeras|adjungerade|erbjudas|erbjuds|bjudas in|ingår i|ingå i"
    r"|är (?:\w+s )?(?:ordförande|sammankallande|vice ordförande)|sammankallar)\b"
)
_MEMBER_AFTER = re.compile(r"\b(?:ingår|består av|utgörs av|representeras av|ledamöter är)\b")
_ROLE_FIRST = re.compile(r"^(?:ordförande|sammankallande)(?: i \w+)? är\b")
_SEPARATOR = re.compile(r",|\boch\b|\bsamt\b|\beller\b")
_CHUNK_LEAD = _wordlist(
    """
    representanter representant för från en ett även också dessutom de den det samt i
    med ska kan bör där
    """
)
_CHUNK_TAIL = frozenset({"vid", "behov", "ska", "kan", "bör", "är", "i", "rådet"})
_GENERIC_WORDS = _wordlist(
    """
    andra övriga aktörer parter representanter personer fler flera organisationer
    myndigheter verksamheter plats ordförande sammankallande
    """
)
_ORGANISATION = re.compile(
    r"\b\w+(?:nämnden|förvaltningen|styrelsen|bolaget|verket|myndigheten|enheten|avdelningen"
    r"|föreningen|förbundet|stiftelsen)\b",
    re.IGNORECASE,
)
_PARTNER = re.compile(
    r"\bkan (?:också |även )?vara (?:en |ett )?(?:\w+ )?(?:samverkanspartner|samarbetspartner"
    r"|partner|samverkansaktör|aktör|resurs|part)\b"
)
_INVITED = re.compile(
    r"\b(?:ställt frågan|frågat|tillfrågat|tillfrågats|bjudit in|bjudits in|inbjudits"
    r"|erbjudit|erbjudits)\b"
)
_FOR_NOW = re.compile(
    r"\b(?:tillsvidare|tills vidare|för närvarande|i nuläget|i dagsläget|än så länge)\b"
)
_DECLINED = re.compile(r"\bnej\b|\bavböjt\b|\bavböjer\b|\btackat nej\b")
_ACCEPTED = re.compile(r"\bja\b|\btackat ja\b|\baccepterat\b|\bhar antagit\b")
_QUESTION = re.compile(
    r"\bfrågan om (?P<x>.+?) (?:bör|ska|skall|har|är|kan|måste)\b", re.IGNORECASE
)
_FOLLOW_UP = re.compile(r"\buppfölj\w*|\bföljas? upp\b|\bföljer upp\b|\butvärder\w*")
_PRODUCE = re.compile(
    r"\b(?:tas fram|ta fram|tar fram|upprättas|upprätta|sammanställas|sammanställa)\b"
)
_CENTRAL = re.compile(r"\b(?:central|centrala|ledande|huvudsaklig) roll\b|\bhuvudansvar\b")
_UPDATED = re.compile(r"\b(?:uppdaterad|uppdaterade|aktuell|aktuella) (?:\w+ )?lägesbild\w*")
_THIS_WORK = re.compile(r"^(?:i detta arbete|i det arbetet|i arbetet med detta)\b")
_LINK_BACK = re.compile(r"\bdär\b|\bi detta arbete\b|\bi det arbetet\b|\bdetta arbete\b")
_PERSPECTIVE_BACK = re.compile(r"\b(?:detta|dessa|denna)\b|\bi åtanke\b")
_ELABORATION = re.compile(
    r"\b(?:kan|skulle kunna) (?:exempelvis |till exempel |t\.ex\. |bland annat |bl\.a\. )?"
    r"(?:röra sig om|handla om|gälla)\b|^exempel på\b"
)
_ONGOING = re.compile(r"\bfortsätta\w*|\bfortsatt\w*|\bfortsätter\b")
_SHARED = re.compile(r"\brespektive kommun")
_PLACE = re.compile(r"\b(?P<name>[A-ZÅÄÖ][a-zåäö]{2,})\s+kommun(?:er|erna|s)?\b")
_NOT_PLACES = _wordlist(
    """
    Respektive Varje Denna Vår Hela Samtliga Alla Övriga Båda Berörda Berörd Egen Annan
    Nästa Var Vilken Sin Sina Angränsande Närliggande Aktuell Ansvarig Den Det Ett
    Varken Inom Från Mellan Med För Av
    """
)
_ID_STOP = frozenset(
    {*_FUNCTION_WORDS, *_MODAL_VERBS, *_ADVERBS, *_PRONOUNS, *_PREPOSITIONS}
) | _wordlist(
    """
    vi vår vårt våra skulle kunna dock sätt ett sig så respektive kommuns kommunens
    kommunen alla samtliga deras dess sin sina sitt hur vem vad vilka också just mycket
    viktigt viktig nödvändigt ske bli vara har ha får
    """
)


def _slug(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _unique(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    base = base or "del"
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"


def _join(words: Sequence[str]) -> str:
    if len(words) < 2:  # noqa: PLR2004
        return "".join(words)
    return f"{', '.join(words[:-1])} och {words[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@define
class _Sentence:
    section: str
    heading: str
    index: int
    quote: str
    work: str
    lower: str
    tokens: list[tuple[str, int, int]]
    hits: list[_Hit]
    modal: _Modal | None

    def source(self) -> Source:
        return Source(section=self.section, quote=self.quote)

    def citation(self) -> Citation:
        return Citation(section=self.section, heading=self.heading, quote=self.quote)


@define
class _Reading:
    """What one sentence names, resolved to plan ids."""

    actors: list[tuple[_Hit, tuple[str, ...]]]
    forums: list[tuple[_Hit, str]]
    milieus: list[str]
    resources: list[str]
    places: list[Municipality]

    def actor_ids(self, span: tuple[int, int] | None = None) -> list[str]:
        ids: list[str] = []
        for hit, found in self.actors:
            if span is None or span[0] <= hit.start < span[1]:
                ids.extend(i for i in found if i not in ids)
        return ids


@define
class _Reader:
    matcher: _Matcher
    source_name: str
    actors: dict[str, Actor] = attrs.Factory(dict)
    forums: dict[str, Forum] = attrs.Factory(dict)
    measures: list[Measure] = attrs.Factory(list)
    follow_ups: dict[str, tuple[FollowUp, float, _Sentence]] = attrs.Factory(dict)
    milieus: dict[str, Milieu] = attrs.Factory(dict)
    resources: dict[str, Resource] = attrs.Factory(dict)
    resource_sections: dict[str, str] = attrs.Factory(dict)
    pictures: dict[str, tuple[SituationalPicture, str]] = attrs.Factory(dict)
    invitations: list[Invitation] = attrs.Factory(list)
    municipalities: dict[str, Municipality] = attrs.Factory(dict)
    items: list[DraftItem] = attrs.Factory(list)
    findings: list[Finding] = attrs.Factory(list)
    scheme_levels: tuple[PreventionLevel, ...] = ()
    specific: dict[str, list[LexiconEntry]] = attrs.Factory(dict)
    enabled: set[str] = attrs.Factory(set)
    last_forum: str | None = None
    last_links: tuple[str, tuple[str, ...], tuple[PreventionLevel, ...]] | None = None
    last_measure: tuple[str, int] | None = None
    previous_forums: list[str] = attrs.Factory(list)
    seen_perspectives: dict[str, list[Perspective]] = attrs.Factory(dict)
    consumed: set[tuple[str, int]] = attrs.Factory(set)
    reported: set[str] = attrs.Factory(set)
    shared: bool = False

    # -- bookkeeping ----------------------------------------------------------------------

    def item(
        self,
        kind: ItemKind,
        item_id: str,
        s: _Sentence | None,
        confidence: float,
        detail: str = "",
    ) -> None:
        self.items.append(
            DraftItem(
                kind=kind,
                id=item_id,
                sentence=s.quote if s else "",
                section=s.section if s else None,
                confidence=confidence,
                detail=detail,
            )
        )

    def finding(
        self,
        code: str,
        message: str,
        message_sv: str,
        *,
        s: _Sentence | None = None,
        path: str | None = None,
        subject: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=severity or FINDING_CODES[code].severity,
                message=message,
                message_sv=message_sv,
                path=path,
                subject=subject,
                citation=s.citation() if s else None,
            )
        )

    def actor(self, entry: LexiconEntry, s: _Sentence, confidence: float = 0.9) -> str:
        if entry.id not in self.actors:
            self.actors[entry.id] = Actor(
                id=entry.id, name=entry.name, kind=ActorKind.parse(entry.kind), source=s.source()
            )
            self.item("actor", entry.id, s, confidence, entry.kind)
        return entry.id

    def unknown_actor(self, name: str, s: _Sentence) -> str | None:
        actor_id = _slug(name, 40)
        if not actor_id:
            return None
        if actor_id not in self.actors:
            self.actors[actor_id] = Actor(
                id=actor_id, name=name, kind=ActorKind.OTHER, source=s.source()
            )
            self.item("actor", actor_id, s, 0.4, "other (not in the lexicon)")
            self.finding(
                "AP605",
                f"actor {name!r} is not in the lexicon; it was kept with kind 'other'",
                f"aktören {name!r} finns inte i lexikonet; den togs med som 'other'",
                s=s,
                path=f"actors[{len(self.actors) - 1}]",
                subject=actor_id,
            )
        return actor_id

    # -- one sentence -----------------------------------------------------------------------

    def sentence(self, s: _Sentence, siblings: Sequence[_Sentence]) -> None:
        reading = self.reading(s)
        for handler in (self.invitation, self.membership, self.actor_modality, self.meets):
            if handler(s, reading, siblings):
                break
        else:
            if s.modal is not None:
                self.commitment(s, reading)
            else:
                self.statement(s, reading)
        self.picture_context(s, reading)
        perspectives = self.seen_perspectives.setdefault(s.section, [])
        perspectives.extend(p for p in self.perspectives(s) if p not in perspectives)
        self.previous_forums = [forum_id for _, forum_id in reading.forums]

    def reading(self, s: _Sentence) -> _Reading:
        actors = self.actors_in(s)
        forums = self.forums_in(s, actors)
        milieus = self.milieus_in(s)
        resources = self.resources_in(s)
        places = self.places_in(s)
        if _SHARED.search(s.lower) and not self.shared:
            self.shared = True
            self.finding(
                "AP615",
                "the plan speaks of 'respektive kommun': it serves several municipalities; "
                "list each of them",
                "planen talar om 'respektive kommun': den gäller flera kommuner; ange var och en",
                s=s,
                path="municipalities",
            )
        return _Reading(actors, forums, milieus, resources, places)

    def subject_span(self, s: _Sentence) -> tuple[int, int] | None:
        modal = s.modal
        if modal is None or not modal.subject_before or not s.tokens:
            return None
        if s.tokens[0][0] not in _PREPOSITIONS:
            return (0, modal.start)
        end = modal.end
        for hit in s.hits:
            if hit.start < modal.end or hit.category != "actor":
                continue
            if not _FILLER.match(s.lower[end : hit.start]):
                break
            end = hit.end
        return (modal.end, end) if end > modal.end else None

    def actors_in(self, s: _Sentence) -> list[tuple[_Hit, tuple[str, ...]]]:
        subject = self.subject_span(s)
        found: list[tuple[_Hit, tuple[str, ...]]] = []
        for hit in s.hits:
            entry = hit.entry
            if hit.category != "actor" or entry is None:
                continue
            in_subject = subject is not None and subject[0] <= hit.start < subject[1]
            before = s.lower[: hit.start].split()
            governed = bool(before) and before[-1] in _GOVERNING
            if entry.subject_only and (not in_subject or hit.genitive or governed):
                continue
            found.append((hit, self.resolve(entry, s)))
        if s.modal is not None:
            found.extend(self.organisations(s))
        return found

    def resolve(self, entry: LexiconEntry, s: _Sentence) -> tuple[str, ...]:
        specifics = self.specific.get(entry.kind, []) if entry.generic else []
        if not entry.generic:
            return (self.actor(entry, s),)
        ids = tuple(self.actor(e, s, 0.7) for e in specifics) or (self.actor(entry, s, 0.6),)
        key = f"AP612:{s.section}:{s.index}:{entry.id}"
        if key not in self.reported:
            self.reported.add(key)
            named = ", ".join(ids)
            self.finding(
                "AP612",
                f"the general word for {entry.kind} actors was read as: {named}",
                f"det allmänna ordet för aktörer av slaget {entry.kind} lästes som: {named}",
                s=s,
                subject=entry.id,
            )
        return ids

    def organisations(self, s: _Sentence) -> list[tuple[_Hit, tuple[str, ...]]]:
        found: list[tuple[_Hit, tuple[str, ...]]] = []
        for match in _ORGANISATION.finditer(s.work):
            if any(h.start <= match.start() < h.end for h in s.hits):
                continue
            actor_id = self.unknown_actor(_capital(match.group()), s)
            if actor_id:
                hit = _Hit(match.start(), match.end(), "actor", None, match.group())
                found.append((hit, (actor_id,)))
        return found

    def forums_in(
        self, s: _Sentence, actors: list[tuple[_Hit, tuple[str, ...]]]
    ) -> list[tuple[_Hit, str]]:
        found: list[tuple[_Hit, str]] = []
        for hit in s.hits:
            entry = hit.entry
            if hit.category != "forum" or entry is None:
                continue
            if hit.anaphor:
                if entry.id in self.forums:
                    found.append((hit, entry.id))
                continue
            found.append((hit, self.forum(entry, hit, s, actors)))
        if found:
            self.last_forum = found[-1][1]
        return found

    def forum(
        self,
        entry: LexiconEntry,
        hit: _Hit,
        s: _Sentence,
        actors: list[tuple[_Hit, tuple[str, ...]]],
    ) -> str:
        members: list[str] = []
        surfaces: list[str] = []
        if entry.named_by_members:
            for actor_hit, ids in actors:
                if actor_hit.start >= hit.end:
                    members.extend(i for i in ids if i not in members)
                    surfaces.append(actor_hit.surface)
        forum_id = f"{entry.id}-{members[0]}" if members else entry.id
        name = f"{entry.name} med {_join(surfaces)}" if surfaces else entry.name
        if forum_id not in self.forums:
            confidential = _CONFIDENTIAL.search(s.lower) is not None
            self.forums[forum_id] = Forum(
                id=forum_id,
                name=name,
                kind=ForumKind.parse(entry.kind),
                members=tuple(Membership(actor=m) for m in members),
                modality=s.modal.modality if s.modal else None,
                classification=(
                    Classification.CONFIDENTIAL if confidential else Classification.PUBLIC
                ),
                source=s.source(),
            )
            detail = entry.kind + (", confidential" if confidential else "")
            self.item("forum", forum_id, s, 0.7 if entry.named_by_members else 0.9, detail)
            for member in members:
                self.item("membership", f"{forum_id}/{member}", s, 0.7, "member")
        return forum_id

    def milieus_in(self, s: _Sentence) -> list[str]:
        found: list[str] = []
        for hit in s.hits:
            entry = hit.entry
            if hit.category != "milieu" or entry is None or entry.id in found:
                continue
            if entry.id not in self.milieus:
                self.milieus[entry.id] = Milieu(
                    id=entry.id, name=entry.name, also_known_as=entry.also_known_as
                )
                self.item("milieu", entry.id, s, 0.9, hit.surface)
            found.append(entry.id)
        return found

    def places_in(self, s: _Sentence) -> list[Municipality]:
        places = self.names(s.work, s)
        if not _INVITED.search(s.lower):
            self.add_places(places, s)
        return places

    def unknown_place(self, name: str, written: str, s: _Sentence | None) -> None:
        key = f"AP614:{name}"
        if key in self.reported:
            return
        self.reported.add(key)
        shown = repr(name) if name == written else f"{name!r} (written {written!r})"
        shown_sv = repr(name) if name == written else f"{name!r} (skrivet {written!r})"
        self.finding(
            "AP614",
            f"municipality {shown} is not in the lexicon's table, so it has no code and "
            "was left out",
            f"kommunen {shown_sv} finns inte i lexikonets tabell, saknar kod och togs inte med",
            s=s,
            path="municipalities",
            subject=name,
        )

    def add_places(self, places: Iterable[Municipality], s: _Sentence | None) -> None:
        for place in places:
            if place.code not in self.municipalities:
                self.municipalities[place.code] = place
                sentence = s.quote if s else ""
                self.items.append(
                    DraftItem(
                        kind="municipality",
                        id=place.code,
                        sentence=sentence,
                        section=s.section if s else None,
                        confidence=0.8,
                        detail=place.name,
                    )
                )

    # -- resources --------------------------------------------------------------------------

    def resources_in(self, s: _Sentence) -> list[str]:
        found: list[str] = []
        for hit in s.hits:
            if hit.category == "resource" and hit.entry is not None:
                resource_id = self.resource(hit.entry, hit, s)
                if resource_id not in found:
                    found.append(resource_id)
        for match in _PHONE.finditer(s.quote):
            found = self.contact(s, found, phone=match.group())
        for match in _URL.finditer(s.quote):
            found = self.contact(s, found, url=match.group().rstrip('.,;:!?)”"'))
        return found

    def resource(self, entry: LexiconEntry, hit: _Hit, s: _Sentence) -> str:
        name, provider = _resource_name(entry, hit, s.work)
        if name is None:
            recent = [r for r in self.resources.values() if r.kind.value == entry.kind]
            if recent:
                return recent[-1].id
            name = entry.name
        resource_id = entry.id if entry.named_by == "provider" else _slug(name)
        existing = self.resources.get(resource_id)
        if existing is not None and existing.name == name:
            return resource_id
        resource_id = _unique(resource_id, self.resources)
        self.resources[resource_id] = Resource(
            id=resource_id,
            name=name,
            kind=ResourceKind.parse(entry.kind),
            provider=provider,
            source=s.source(),
        )
        self.resource_sections[resource_id] = s.section
        self.item("resource", resource_id, s, 0.8, entry.kind)
        return resource_id

    def contact(
        self, s: _Sentence, found: list[str], *, phone: str | None = None, url: str | None = None
    ) -> list[str]:
        targets = (
            found
            or [r for r, section in self.resource_sections.items() if section == s.section][-1:]
        )
        if targets:
            resource = self.resources[targets[0]]
            changes = {"phone": phone} if phone else {"url": url}
            if getattr(resource, next(iter(changes))) is None:
                self.resources[targets[0]] = attrs.evolve(resource, **changes)
                self.item("resource", targets[0], s, 0.9, f"{next(iter(changes))} {phone or url}")
            return found
        value = phone or url or ""
        kind = ResourceKind.OTHER if phone else ResourceKind.WEBSITE
        name = f"Telefon {value}" if phone else value.removeprefix("https://")
        resource_id = _unique(_slug(name, 40), self.resources)
        self.resources[resource_id] = Resource(
            id=resource_id, name=name, kind=kind, phone=phone, url=url, source=s.source()
        )
        self.resource_sections[resource_id] = s.section
        self.item("resource", resource_id, s, 0.5, f"{kind.value} {value}")
        self.finding(
            "AP616",
            f"{value!r} names no resource; it was kept as resource {resource_id!r}",
            f"{value!r} hör inte till någon resurs; den togs med som resursen {resource_id!r}",
            s=s,
            path=f"resources[{len(self.resources) - 1}]",
            subject=resource_id,
        )
        return [*found, resource_id]

    # -- handlers: invitations, members, partner actors, forum meetings -----------------------

    def invitation(self, s: _Sentence, reading: _Reading, siblings: Sequence[_Sentence]) -> bool:
        if not _INVITED.search(s.lower):
            return False
        invitee_place = reading.places[0] if reading.places else None
        invitee_actor = None if invitee_place else next(iter(reading.actor_ids()), None)
        if invitee_place is None and invitee_actor is None:
            return False
        status, answer = _status(s.lower), s
        later = [x for x in siblings if x.index == s.index + 1]
        if status is InvitationStatus.ASKED and later:
            following = _status(later[0].lower)
            if following is not InvitationStatus.ASKED:
                status, answer = following, later[0]
                self.consumed.add((later[0].section, later[0].index))
        forums = [f for _, f in reading.forums] or self.previous_forums
        forum = forums[0] if forums else self.last_forum
        who = invitee_place.name if invitee_place else str(invitee_actor)
        invitation_id = _unique(
            _slug(f"{who}-{forum}" if forum else who), (i.id for i in self.invitations)
        )
        self.invitations.append(
            Invitation(
                id=invitation_id,
                subject=self.invitation_subject(s, forum),
                actor=invitee_actor,
                municipality=invitee_place,
                forum=forum,
                status=status,
                modality=s.modal.modality if s.modal else None,
                source=s.source(),
            )
        )
        self.item("invitation", invitation_id, s, 0.8, f"{status.value}: {answer.quote}")
        return True

    def invitation_subject(self, s: _Sentence, forum: str | None) -> str:
        previous = [x for x in self.items if x.section == s.section and x.sentence != s.quote]
        for earlier in reversed(previous):
            match = _QUESTION.search(earlier.sentence)
            if match is not None:
                return f"Medverkan i {match['x']}"
        if forum is not None and forum in self.forums:
            return f"Medverkan i {self.forums[forum].name}"
        return s.quote

    def membership(self, s: _Sentence, reading: _Reading, _siblings: Sequence[_Sentence]) -> bool:
        before = _MEMBER_BEFORE.search(s.lower)
        after = None if before else (_MEMBER_AFTER.search(s.lower) or _ROLE_FIRST.search(s.lower))
        trigger = before or after
        if trigger is None:
            return False
        region = (0, trigger.start()) if before else (trigger.end(), len(s.lower))
        if not reading.actor_ids(region):
            return False
        outside = [f for h, f in reading.forums if not region[0] <= h.start < region[1]]
        if before and trigger.group().startswith("ing") and not outside:
            return False
        forum = outside[0] if outside else self.last_forum
        if forum is None:
            self.finding(
                "AP613",
                "the sentence lists members, but no forum was named before it",
                "meningen räknar upp medlemmar, men inget forum har nämnts före den",
                s=s,
            )
            return True
        self.seats(s, reading, forum, region, trigger.group())
        return True

    def seats(
        self, s: _Sentence, reading: _Reading, forum: str, region: tuple[int, int], trigger: str
    ) -> None:
        role = _role(trigger)
        as_needed = _AS_NEEDED.search(s.lower) is not None
        offered = "erbjud" in trigger or "bjudas" in trigger
        modality = s.modal.modality if s.modal else None
        for start, end in _chunks(s, region):
            ids = reading.actor_ids((start, end))
            if not ids:
                name = _chunk_name(s.work[start:end])
                unknown = self.unknown_actor(name, s) if name else None
                ids = [unknown] if unknown else []
            chunk = s.lower[start:end]
            for hit in s.hits:
                if start <= hit.start < end:
                    chunk = chunk.replace(hit.surface.lower(), " ")
            for actor_id in ids:
                seat = Membership(
                    actor=actor_id,
                    role=role or _role(chunk) or Role.MEMBER,
                    modality=modality,
                    as_needed=as_needed,
                    offered=offered,
                )
                self.seat(forum, seat, s)

    def seat(self, forum_id: str, seat: Membership, s: _Sentence) -> None:
        forum = self.forums[forum_id]
        members = {m.actor: m for m in forum.members}
        old = members.get(seat.actor)
        if old is not None:
            seat = attrs.evolve(
                old,
                role=seat.role if seat.role is not Role.MEMBER else old.role,
                as_needed=old.as_needed or seat.as_needed,
                offered=old.offered and seat.offered,
                modality=old.modality or seat.modality,
            )
        members[seat.actor] = seat
        self.forums[forum_id] = attrs.evolve(forum, members=tuple(members.values()))
        flags = [seat.role.value]
        flags += ["as needed"] * seat.as_needed + ["offered"] * seat.offered
        self.item("membership", f"{forum_id}/{seat.actor}", s, 0.8, ", ".join(flags))

    def actor_modality(
        self, s: _Sentence, reading: _Reading, _siblings: Sequence[_Sentence]
    ) -> bool:
        match = _PARTNER.search(s.lower)
        if match is None:
            return False
        ids = reading.actor_ids((0, match.start()))
        for actor_id in ids:
            self.actors[actor_id] = attrs.evolve(self.actors[actor_id], modality=Modality.MAY)
            self.item("actor", actor_id, s, 0.7, "may: a possible partner")
        return bool(ids)

    def meets(self, s: _Sentence, reading: _Reading, _siblings: Sequence[_Sentence]) -> bool:
        meeting = _MEETING.search(s.lower)
        if meeting is None:
            return False
        forums = [f for h, f in reading.forums if h.start < meeting.start()]
        if not forums or any(h.start < meeting.start() for h, _ in reading.actors):
            return False
        reads = _cadences(s.work, s.modal.modality if s.modal else None)
        if not reads:
            return False
        self.forum_cadence(forums[-1], reads[0], s)
        return True

    # -- cadences ---------------------------------------------------------------------------

    def cadence_found(self, owner: str, read: _CadenceRead, s: _Sentence, path: str) -> None:
        confidence = 0.5 if read.vague or read.unreadable else 0.9
        self.item("cadence", owner, s, confidence, _describe_cadence(read.cadence))
        if read.unreadable:
            self.finding(
                "AP609",
                f"{owner!r}: {read.text!r} reads like a cadence but fits no cadence kind",
                f"{owner!r}: {read.text!r} liknar en mötesfrekvens men passar ingen sort",
                s=s,
                path=path,
                subject=owner,
            )
        if read.vague:
            self.finding(
                "AP607",
                f"{owner!r}: the cadence is only {read.text!r}, which cannot be measured",
                f"{owner!r}: mötesfrekvensen är bara {read.text!r}, som inte går att mäta",
                s=s,
                path=path,
                subject=owner,
            )
        if read.needs_anchor:
            self.finding(
                "AP608",
                f"{owner!r}: {read.text!r} counts from a date the text does not give",
                f"{owner!r}: {read.text!r} räknas från ett datum som texten inte anger",
                s=s,
                path=f"{path}.anchor",
                subject=owner,
            )

    def forum_cadence(self, forum_id: str, read: _CadenceRead, s: _Sentence) -> None:
        forum = self.forums[forum_id]
        current = forum.cadence
        replace = isinstance(current, NotStated) and (not current.text or not read.vague)
        if not replace:
            return
        self.forums[forum_id] = attrs.evolve(forum, cadence=read.cadence)
        index = list(self.forums).index(forum_id)
        self.cadence_found(forum_id, read, s, f"forums[{index}].cadence")

    def cadence_owner(self, s: _Sentence, reading: _Reading, read: _CadenceRead) -> str | None:
        """The forum a cadence belongs to, or ``None`` when it is the sentence's own."""
        if isinstance(read.cadence, MonthDeadline | ElectoralCycle):
            return None
        meeting = _MEETING.search(s.lower)
        if meeting is not None:
            before = [f for h, f in reading.forums if h.start < meeting.start()]
            after = [f for h, f in reading.forums if h.start >= meeting.end()]
            if before or after:
                return (before[-1:] or after)[0]
        for hit, forum_id in reading.forums:
            entry = hit.entry
            if entry is not None and entry.named_by_members:
                return forum_id
            if read.vague and read.start <= hit.start <= read.end + 1:
                return forum_id
        return None

    # -- commitments ------------------------------------------------------------------------

    def commitment(self, s: _Sentence, reading: _Reading) -> None:
        modal = s.modal
        if modal is None:
            return
        subject = self.subject_span(s)
        responsible = reading.actor_ids(subject) if subject else []
        participants = [a for a in reading.actor_ids() if a not in responsible]
        owner = self.owner_text(s, subject) if not responsible else None
        forums = [f for h, f in reading.forums if not _EXCLUDING.search(s.lower[: h.start])]
        forums = list(dict.fromkeys(forums))
        levels = self.levels(s)
        if not forums and _LINK_BACK.search(s.lower) and self.last_links:
            section, linked_forums, linked_levels = self.last_links
            if section == s.section:
                forums, levels = list(linked_forums), levels or list(linked_levels)
        perspectives = self.perspectives(s)
        if _PERSPECTIVE_BACK.search(s.lower):
            earlier = self.seen_perspectives.get(s.section, [])
            perspectives = [*earlier, *(p for p in perspectives if p not in earlier)]
        cadence = self.commitment_cadence(s, reading)
        self.last_links = (s.section, tuple(forums), tuple(levels))
        if _FOLLOW_UP.search(s.lower):
            self.follow_up(s, modal, responsible, cadence)
            return
        measure = Measure(
            id=_unique(_measure_id(s.quote), (m.id for m in self.measures)),
            description=s.quote,
            modality=modal.modality,
            responsible=responsible,
            responsible_text=owner,
            participants=participants,
            forums=forums,
            levels=levels,
            perspectives=perspectives,
            milieus=reading.milieus,
            resources=reading.resources,
            cadence=cadence.cadence if cadence else None,
            status=MeasureStatus.ONGOING if _ONGOING.search(s.lower) else MeasureStatus.PLANNED,
            source=s.source(),
        )
        self.add_measure(measure, s, modal, cadence)

    def add_measure(
        self, measure: Measure, s: _Sentence, modal: _Modal, cadence: _CadenceRead | None
    ) -> None:
        index = len(self.measures)
        self.measures.append(measure)
        self.last_measure = (s.section, index)
        detail = f"{modal.modality.value} ({modal.words})"
        self.item("commitment", measure.id, s, modal.confidence, detail)
        for level in measure.levels:
            self.item("level", measure.id, s, 0.7, level.value)
        if cadence is not None:
            self.cadence_found(measure.id, cadence, s, f"measures[{index}].cadence")
        if modal.confidence < 0.6:  # noqa: PLR2004
            self.uncertain(measure.id, modal, s, f"measures[{index}].modality")
        if not measure.responsible:
            self.no_actor(s, measure.id, f"measures[{index}].responsible", measure.responsible_text)
        if _PRODUCE.search(s.lower) and "lägesbild" in s.lower:
            self.picture(s, measure, cadence)

    def uncertain(self, owner: str, modal: _Modal, s: _Sentence, path: str) -> None:
        self.finding(
            "AP611",
            f"{owner!r} was read as a {modal.modality.value!r} commitment from "
            f"{modal.words!r} only; check that the plan commits to it",
            f"{owner!r} lästes som ett åtagande ({modal.modality.label('sv')}) bara utifrån "
            f"{modal.words!r}; kontrollera att planen verkligen åtar sig det",
            s=s,
            path=path,
            subject=owner,
        )

    def no_actor(self, s: _Sentence, owner: str, path: str, generic: str | None) -> None:
        modal = s.modal
        shall = modal is not None and modal.modality is Modality.SHALL
        subject = self.subject_span(s)
        forums = [
            h.entry.id
            for h in s.hits
            if h.category == "forum" and h.entry and subject and subject[0] <= h.start < subject[1]
        ]
        if generic:
            why_en, why_sv = f"names only {generic!r}", f"nämner bara {generic!r}"
        elif forums:
            why_en = f"has only the forum {forums[0]!r} in its subject, no actor"
            why_sv = f"har bara forumet {forums[0]!r} i subjektet, ingen aktör"
        elif any(word == "vi" for word, _, _ in s.tokens):
            why_en, why_sv = (
                "names no responsible actor, only 'vi'",
                "nämner ingen ansvarig, bara 'vi'",
            )
        else:
            why_en, why_sv = "names no responsible actor", "nämner ingen ansvarig aktör"
        severity = Severity.WARNING if shall and not generic else Severity.INFO
        self.finding(
            "AP606",
            f"commitment {owner!r} {why_en}: who is responsible?",
            f"åtagandet {owner!r} {why_sv}: vem ansvarar?",
            s=s,
            path=path,
            subject=owner,
            severity=severity,
        )

    def owner_text(self, s: _Sentence, subject: tuple[int, int] | None) -> str | None:
        if subject is None:
            return None
        for hit in s.hits:
            if hit.category == "owner" and subject[0] <= hit.start < subject[1]:
                return _capital(hit.surface)
        return None

    def commitment_cadence(self, s: _Sentence, reading: _Reading) -> _CadenceRead | None:
        reads = _cadences(s.work, s.modal.modality if s.modal else None)
        if not reads:
            return None
        owner = self.cadence_owner(s, reading, reads[0])
        if owner is not None:
            self.forum_cadence(owner, reads[0], s)
            return None
        return reads[0]

    def follow_up(
        self, s: _Sentence, modal: _Modal, responsible: list[str], cadence: _CadenceRead | None
    ) -> None:
        ordinary = "ordinarie" in s.lower
        self.item("follow-up", "", s, modal.confidence, f"{modal.modality.value} ({modal.words})")
        known = self.follow_ups.get(s.section)
        if known is None:
            taken = (f.id for f, _, _ in self.follow_ups.values())
            follow_up = FollowUp(
                id=_unique("uppfoljning", taken),
                description=s.quote,
                responsible=responsible,
                cadence=cadence.cadence if cadence else NotStated(),
                ordinary_cycle=ordinary,
                modality=modal.modality,
                source=s.source(),
            )
            self.follow_ups[s.section] = (follow_up, modal.confidence, s)
            self.items[-1] = attrs.evolve(self.items[-1], id=follow_up.id)
            if cadence is not None:
                index = len(self.follow_ups) - 1
                self.cadence_found(follow_up.id, cadence, s, f"follow_ups[{index}].cadence")
            return
        follow_up, confidence, first = known
        changes: dict[str, Any] = {
            "responsible": tuple(dict.fromkeys((*follow_up.responsible, *responsible))),
            "ordinary_cycle": follow_up.ordinary_cycle or ordinary,
        }
        if modal.confidence > confidence:
            changes |= {"modality": modal.modality, "source": s.source()}
            confidence, first = modal.confidence, s
        if cadence is not None and isinstance(follow_up.cadence, NotStated):
            changes["cadence"] = cadence.cadence
        self.follow_ups[s.section] = (attrs.evolve(follow_up, **changes), confidence, first)
        self.items[-1] = attrs.evolve(self.items[-1], id=follow_up.id)

    def levels(self, s: _Sentence) -> list[PreventionLevel]:
        pattern = self.matcher.levels
        if pattern is None:
            return []
        lexicon = self.matcher.lexicon
        words, ranks = dict(lexicon.level_words), dict(lexicon.level_rank)
        found: list[PreventionLevel] = []
        for match in pattern.finditer(s.work):
            word = match.group().lower()
            if word in lexicon.level_scope:
                found.extend(self.scheme_levels)
            elif word in ranks:
                found.append(self.scheme_levels[ranks[word] - 1])
            elif word in words and (word not in lexicon.level_ambiguous or word in self.enabled):
                found.append(words[word])
        return list(dict.fromkeys(found))

    def perspectives(self, s: _Sentence) -> list[Perspective]:
        pattern = self.matcher.perspectives
        if pattern is None:
            return []
        table = dict(self.matcher.lexicon.perspectives)
        found = [table[m.group().lower()] for m in pattern.finditer(s.work)]
        return list(dict.fromkeys(found))

    # -- situational pictures ---------------------------------------------------------------

    def picture(self, s: _Sentence, measure: Measure, cadence: _CadenceRead | None) -> None:
        picture_id = _unique("lagesbild", self.pictures)
        refresh = cadence.cadence if cadence else NotStated()
        picture = SituationalPicture(
            id=picture_id,
            name="Lokal lägesbild",
            producer=measure.forums[0] if measure.forums else None,
            milieus=measure.milieus,
            refresh=refresh,
            modality=measure.modality,
            source=s.source(),
        )
        self.pictures[picture_id] = (picture, s.section)
        self.item("situational-picture", picture_id, s, 0.7, f"produced in {picture.producer}")

    def picture_context(self, s: _Sentence, reading: _Reading) -> None:
        if not self.pictures:
            return
        picture_id, (picture, section) = list(self.pictures.items())[-1]
        refers = "lägesbild" in s.lower or _THIS_WORK.match(s.lower) is not None
        if section != s.section or not refers or picture.source == s.source():
            return
        changes: dict[str, Any] = {}
        milieus = tuple(dict.fromkeys((*picture.milieus, *reading.milieus)))
        if milieus != picture.milieus:
            changes["milieus"] = milieus
        if _CENTRAL.search(s.lower) or "bidra" in s.lower:
            central = _CENTRAL.search(s.lower) is not None
            known = {c.actor for c in picture.contributors}
            added = [Contribution(actor=a, central=central) for a in reading.actor_ids()]
            changes["contributors"] = (
                *picture.contributors,
                *(c for c in added if c.actor not in known),
            )
        updated = _UPDATED.search(s.work.lower())
        if updated and isinstance(picture.refresh, NotStated) and not picture.refresh.text:
            text = s.work[updated.start() : updated.end()]
            changes["refresh"] = NotStated(text=text)
        if changes:
            self.pictures[picture_id] = (attrs.evolve(picture, **changes), section)
            self.item("situational-picture", picture_id, s, 0.6, ", ".join(sorted(changes)))

    # -- other sentences --------------------------------------------------------------------

    def statement(self, s: _Sentence, reading: _Reading) -> None:
        if _ELABORATION.search(s.lower) and self.last_measure:
            self.elaborate(s, reading)
        first = s.hits[0] if s.hits else None
        if first is not None and first.category == "forum" and reading.forums:
            following = s.lower[first.end :].split()[:2]
            forum_id = reading.forums[0][1]
            if "är" in following and self.forums[forum_id].purpose is None:
                self.forums[forum_id] = attrs.evolve(self.forums[forum_id], purpose=s.quote)
                self.item("forum", forum_id, s, 0.5, "purpose")
        if s.lower.startswith("syftet med") and reading.resources:
            resource = self.resources[reading.resources[0]]
            if resource.description is None:
                self.resources[resource.id] = attrs.evolve(resource, description=s.quote)
                self.item("resource", resource.id, s, 0.6, "description")
        reads = [r for r in _cadences(s.work, None) if not r.vague]
        if reads:
            owner = self.cadence_owner(s, reading, reads[0])
            forums = [f for _, f in reading.forums]
            if owner or forums:
                self.forum_cadence(owner or forums[0], reads[0], s)
            else:
                self.finding(
                    "AP610",
                    f"the cadence {reads[0].text!r} belongs to no forum or commitment",
                    f"mötesfrekvensen {reads[0].text!r} hör inte till något forum eller åtagande",
                    s=s,
                )

    def elaborate(self, s: _Sentence, reading: _Reading) -> None:
        if self.last_measure is None or self.last_measure[0] != s.section:
            return
        index = self.last_measure[1]
        measure = self.measures[index]
        extra = [
            a
            for a in reading.actor_ids()
            if a not in measure.participants and a not in measure.responsible
        ]
        if extra:
            self.measures[index] = attrs.evolve(
                measure, participants=(*measure.participants, *extra)
            )
            for actor_id in extra:
                self.item("actor", actor_id, s, 0.6, f"example for {measure.id}")

    # -- the whole text ---------------------------------------------------------------------

    def prepare(self, sentences: Sequence[_Sentence], text: str) -> None:
        """Learn what the whole text names before reading it sentence by sentence."""
        named: set[str] = set()
        for s in sentences:
            named.update(h.entry.id for h in s.hits if h.entry is not None)
        for entry in self.matcher.lexicon.actors:
            if entry.id in named and not entry.generic:
                self.specific.setdefault(entry.kind, []).append(entry)
        lexicon = self.matcher.lexicon
        used: dict[PreventionScheme, int] = dict.fromkeys(PreventionScheme, 0)
        lower = text.lower()
        for word, level in lexicon.level_words:
            if word not in lexicon.level_ambiguous and re.search(rf"(?<!\w){word}(?!\w)", lower):
                used[level.scheme] += 1
        scheme = max(PreventionScheme, key=lambda s: (used[s], s is PreventionScheme.PROMOTIVE))
        self.scheme_levels = tuple(level for level in PreventionLevel if level.scheme is scheme)
        for word, level in lexicon.level_words:
            if word in lexicon.level_ambiguous and used[level.scheme]:
                self.enabled.add(word)

    def front(self, doc: _Document, sections: Sequence[Section], decision: Decision | None) -> None:
        """Read the title, the decision and the municipalities named before the sections."""
        for section in sections:
            self.items.append(
                DraftItem(
                    kind="section",
                    id=section.number,
                    sentence=section.heading,
                    section=section.number,
                    confidence=1.0,
                    detail=section.heading,
                )
            )
        if doc.title:
            self.item("title", "title", None, 0.9, doc.title)
        if decision is not None:
            self.item("decision", "decision", None, 0.95, str(decision))
        for line in (t for t in (doc.title, *(b.text for b in doc.preamble)) if t):
            self.add_places(self.names(line), None)
        if not doc.numbered:
            self.finding(
                "AP601",
                "the text has no numbered section headings; it was read as one section",
                "texten saknar numrerade rubriker; den lästes som en enda punkt",
                path="sections",
            )

    def names(self, text: str, s: _Sentence | None = None) -> list[Municipality]:
        """The municipalities *text* names; unknown "X kommun" names are reported."""
        found: list[Municipality] = []
        if self.matcher.municipalities is not None:
            for match in self.matcher.municipalities.finditer(text):
                place = self.matcher.places[match.group().lower()]
                if match.group()[0].isupper() and place not in found:
                    found.append(place)
        known = {p.name for p in self.matcher.lexicon.municipalities}
        for match in _PLACE.finditer(text):
            written = match["name"]
            if written in _NOT_PLACES or written in known or written.removesuffix("s") in known:
                continue
            genitive = written.endswith("s") and not written.endswith("ss")
            self.unknown_place(written.removesuffix("s") if genitive else written, written, s)
        return found

    def finish(self, doc: _Document, sections: list[Section], decision: Decision | None) -> Plan:
        self.follow_up_cadences(sections)
        title = doc.title
        if title is None:
            title = Path(self.source_name).stem if self.source_name else "Namnlös plan"
            self.finding(
                "AP602",
                "no title line was found before the first section; a placeholder is used",
                "ingen titelrad hittades före första punkten; en platshållare används",
                path="title",
            )
        if decision is None:
            self.finding(
                "AP603",
                "no adopting decision ('Antagen av ... YYYY-MM-DD, § N') was found",
                "inget antagandebeslut ('Antagen av ... ÅÅÅÅ-MM-DD, § N') hittades",
                path="decision",
            )
        if not self.municipalities:
            self.finding(
                "AP604",
                "the text names none of the plan's municipalities; add them with their codes",
                "texten nämner ingen av planens kommuner; lägg till dem med sina koder",
                path="municipalities",
            )
        year = f"-{decision.date.year}" if decision else ""
        words = [
            w for w in _TOKEN.findall(title.lower()) if w not in _TITLE_STOP and not w.isdigit()
        ]
        plan_id = (_slug("-".join(words), 48) or "plan") + year
        return Plan(
            id=plan_id,
            title=title,
            municipalities=tuple(self.municipalities.values()),
            decision=decision,
            sections=tuple(sections),
            actors=tuple(self.actors.values()),
            forums=tuple(self.forums.values()),
            measures=tuple(self.measures),
            milieus=tuple(self.milieus.values()),
            situational_pictures=tuple(p for p, _ in self.pictures.values()),
            invitations=tuple(self.invitations),
            resources=tuple(self.resources.values()),
            follow_ups=tuple(f for f, _, _ in self.follow_ups.values()),
            note=f"Draft read from {self.source_name or 'a plan text'}; review it before use.",
        )

    def follow_up_cadences(self, sections: Sequence[Section]) -> None:
        headings = {section.number: section.heading for section in sections}
        for index, (number, (follow_up, confidence, s)) in enumerate(self.follow_ups.items()):
            cadence = follow_up.cadence
            if not isinstance(cadence, NotStated) or cadence.text:
                continue
            reads = _cadences(headings.get(number, ""), None)
            if reads:
                read = reads[0]
                updated = attrs.evolve(follow_up, cadence=read.cadence)
                self.follow_ups[number] = (updated, confidence, s)
                self.cadence_found(follow_up.id, read, s, f"follow_ups[{index}].cadence")
        for index, (follow_up, _, s) in enumerate(self.follow_ups.values()):
            if not follow_up.responsible:
                self.no_actor(s, follow_up.id, f"follow_ups[{index}].responsible", None)


_TITLE_STOP = _wordlist(
    """
    lokal lokala handlingsplan handlingsplanen plan för mot i och det den kommun kommuns
    kommuner av om med
    """
)


def _status(lower: str) -> InvitationStatus:
    if _DECLINED.search(lower):
        if _FOR_NOW.search(lower):
            return InvitationStatus.DECLINED_FOR_NOW
        return InvitationStatus.DECLINED
    if _ACCEPTED.search(lower):
        return InvitationStatus.ACCEPTED
    return InvitationStatus.ASKED


def _role(text: str) -> Role | None:
    if "vice ordförande" in text:
        return None
    if "ordförande" in text:
        return Role.CHAIR
    if "sammankall" in text:
        return Role.CONVENER
    if "adjunger" in text:
        return Role.ADJUNCT
    return None


def _chunks(s: _Sentence, region: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = region
    spans: list[tuple[int, int]] = []
    position = start
    for match in _SEPARATOR.finditer(s.lower, start, end):
        if any(h.start <= match.start() < h.end for h in s.hits):
            continue
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return [(a, b) for a, b in spans if s.work[a:b].strip(" .:;")]


def _chunk_name(text: str) -> str | None:
    words = text.strip(" .:;").split()
    while words and words[0].lower() in _CHUNK_LEAD:
        words.pop(0)
    while words and words[-1].lower().strip(".") in _CHUNK_TAIL:
        words.pop()
    if not words or len(words) > 6 or words[0].lower() in ("att", "som"):  # noqa: PLR2004
        return None
    if all(word.lower() in _GENERIC_WORDS for word in words):
        return None
    return _capital(" ".join(words))


def _by_provider(surface: str, _before: str, _after: str, work: str) -> tuple[str, str] | None:
    """Name a resource after its provider: "Rädda Barnen har öppnat en stödtelefon"."""
    match = re.match(
        r"^(?P<p>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)*)\s+"
        r"(?:har|driver|erbjuder|öppnade|startade|ansvarar)\b",
        work,
    )
    if match is None:
        return None
    provider = match["p"]
    genitive = provider if provider.endswith("s") else f"{provider}s"
    return f"{genitive} {surface}", provider


def _by_following_name(
    _surface: str, before: str, after: str, _work: str
) -> tuple[str, str] | None:
    """Name a resource by the name after it: "utbildningsmaterial Samtalskompassen"."""
    match = re.match(r"^\s+(?P<n>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)*)", after)
    if match is None:
        return None
    owner = re.search(r"(?P<g>(?:[a-zåäö]+a\s+)?[a-zåäö]+(?:ens|ets|ns))\s+$", before)
    return match["n"], _capital(owner["g"][:-1]) if owner else ""


def _by_preceding_word(
    surface: str, before: str, _after: str, _work: str
) -> tuple[str, str] | None:
    """Name a resource with the word before it: "läns-gemensamma utbildningar"."""
    match = re.search(r"(?P<w>[a-zåäö][\w-]*)\s+$", before)
    if match is None or match["w"] in _ID_STOP or match["w"].endswith("s"):
        return None
    return _capital(f"{match['w']} {surface}"), ""


_NAMERS: Mapping[str, Callable[[str, str, str, str], tuple[str, str] | None]] = {
    "provider": _by_provider,
    "following-name": _by_following_name,
    "preceding-word": _by_preceding_word,
}


def _resource_name(entry: LexiconEntry, hit: _Hit, work: str) -> tuple[str | None, str | None]:
    """The resource's own name and provider, when the sentence gives them."""
    namer = _NAMERS.get(entry.named_by or "")
    found = namer(hit.surface.lower(), work[: hit.start], work[hit.end :], work) if namer else None
    if found is None:
        return None, None
    name, provider = found
    return name, provider or None


def _measure_id(quote: str) -> str:
    words = [
        w
        for w in _TOKEN.findall(quote.lower())
        if w not in _ID_STOP and len(w) > 2 and not w[0].isdigit()  # noqa: PLR2004
    ]
    return _slug("-".join(list(dict.fromkeys(words))[:3]), 40) or "atgard"


# --- public functions -----------------------------------------------------------------------


def _as_lexicon(lexicon: Lexicon | str | os.PathLike[str] | None) -> Lexicon:
    if lexicon is None:
        return Lexicon.bundled()
    if isinstance(lexicon, Lexicon):
        return lexicon
    return Lexicon.load(lexicon)


def _read_sections(
    doc: _Document, matcher: _Matcher
) -> tuple[list[Section], list[list[_Sentence]], Decision | None]:
    decision = None
    preamble = list(doc.preamble)
    for block in preamble:
        decision = _decision(block.text, matcher.lexicon.bodies)
        if decision is not None:
            preamble.remove(block)
            break
    raw = list(doc.sections)
    if not doc.numbered:
        heading = doc.title or "Planens text"
        raw = [_RawSection(number="1", heading=heading, blocks=preamble)]
    elif preamble:
        raw.insert(0, _RawSection(number="0", heading="Inledning", blocks=preamble))
    sections: list[Section] = []
    sentences: list[list[_Sentence]] = []
    for part in raw:
        text = "\n\n".join(block.text for block in part.blocks)
        sections.append(Section(number=part.number, heading=part.heading, text=text))
        quotes = [q for block in part.blocks for q in _sentences(block)]
        sentences.append(
            [_sentence(part.number, part.heading, i, q, matcher) for i, q in enumerate(quotes)]
        )
    if decision is None:
        for quote in (s.quote for group in sentences for s in group):
            decision = _decision(quote, matcher.lexicon.bodies)
            if decision is not None:
                break
    return sections, sentences, decision


def _sentence(section: str, heading: str, index: int, quote: str, matcher: _Matcher) -> _Sentence:
    work = matcher.expand(quote)
    lower = work.lower()
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(work)]
    return _Sentence(
        section=section,
        heading=heading,
        index=index,
        quote=quote,
        work=work,
        lower=lower,
        tokens=tokens,
        hits=matcher.hits(work),
        modal=_modal(lower, tokens),
    )


def extract(
    text: str,
    *,
    source_name: str = "",
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
) -> Draft:
    r"""Read a plan's text into a draft plan, with what was read and what needs review.

    The text is split into its numbered sections ("1. Rubrik" or "§ 1 Rubrik" lines) and
    sentences; each sentence is read for a commitment and its modality, and for the
    actors, forums, cadences and other parts it names. Deterministic: the same text and
    lexicon always give the same draft.

    Args:
        text: The plan's text, as plain text or Markdown.
        source_name: Where the text came from; kept in the draft and its note.
        lexicon: Extra words: a :class:`Lexicon`, or the path of a TOML file that extends
            the bundled lexicon; ``None`` for the bundled one alone.

    Returns:
        The draft: a plan that passes :func:`actionplan.integrity`, the items read, and
        the findings to review.

    Raises:
        PlanFileError: When a lexicon file cannot be read.
        InvalidValueError: When a lexicon entry is malformed.

    Examples:
        >>> draft = extract("Plan för Exempelby\n\n1. Samverkan\n\nVi bör träffas.")
        >>> draft.plan.measures[0].modality.value
        'should'
        >>> [f.code for f in draft.findings]
        ['AP606', 'AP603', 'AP604']
    """
    matcher = _matcher(_as_lexicon(lexicon))
    doc = _document(text)
    reader = _Reader(matcher=matcher, source_name=source_name)
    sections, groups, decision = _read_sections(doc, matcher)
    reader.prepare([s for group in groups for s in group], text)
    reader.front(doc, sections, decision)
    for group in groups:
        for s in group:
            if (s.section, s.index) not in reader.consumed:
                reader.sentence(s, group)
    plan = reader.finish(doc, sections, decision)
    _check(plan)
    return Draft(
        plan=plan,
        items=tuple(reader.items),
        findings=tuple(reader.findings),
        source_name=source_name,
    )


def _check(plan: Plan) -> None:
    problems = integrity(plan)
    if problems:
        from actionplan.errors import InvalidPlanError, Problem  # noqa: PLC0415

        raise InvalidPlanError(
            [Problem(f.path or "", f.message) for f in problems], source="extracted draft"
        )


def extract_file(
    path: str | os.PathLike[str],
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
) -> Draft:
    r"""Read a plan's text file (``.txt`` or ``.md``; ``.docx`` with python-docx) into a draft.

    Raises:
        PlanFileError: When the file cannot be read or its type is not supported.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "plan.txt").write_text("Plan\n\n1. Brå\n\nBrå ska träffas.")
        >>> extract_file(folder / "plan.txt").plan.forums[0].id
        'bra'
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".docx":
        text = _docx_text(file)
    elif suffix in (".txt", ".md", ".markdown", ".text"):
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise PlanFileError(f"{file}: cannot read: {error.strerror or error}") from error
        except UnicodeDecodeError as error:
            raise PlanFileError(f"{file}: not UTF-8 text: {error}") from error
    else:
        raise PlanFileError(
            f"{file}: cannot read {suffix or 'files without a suffix'}; use .txt, .md or .docx"
        )
    return extract(text, source_name=file.name, lexicon=lexicon)


def _docx_text(file: Path) -> str:
    try:
        docx = importlib.import_module("docx")
    except ImportError as error:
        raise PlanFileError(
            f"{file}: reading .docx needs the python-docx package; save the plan as .txt"
        ) from error
    missing = importlib.import_module("docx.opc.exceptions").PackageNotFoundError
    try:
        document = docx.Document(str(file))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, missing) as error:
        raise PlanFileError(f"{file}: cannot read the Word file: {error}") from error
    return "\n\n".join(paragraph.text for paragraph in document.paragraphs)


# --- review and writing ------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else f"{text[: width - 1]}…"


_REVIEW_TEXT: Mapping[str, tuple[str, str, str, str, str]] = {
    "en": (
        "Draft plan to review",
        "Read from the plan's text rule by rule. Review each finding, fix the plan,",
        "check it with `actionplan validate`, then delete these lines.",
        "Findings",
        "Items read (confidence)",
    ),
    "sv": (
        "Utkast till plan att granska",
        "Läst ur planens text regel för regel. Granska varje fynd, rätta planen,",
        "kontrollera den med `actionplan validate` och ta sedan bort dessa rader.",
        "Fynd",
        "Inlästa delar (säkerhet)",
    ),
}


def review(draft: Draft, *, lang: Lang | None = None) -> str:
    r"""Return the review list: the findings, then every item read with its confidence.

    The text is Markdown, in *lang* (default: the plan's language); :func:`write` puts
    it as comments at the top of a TOML draft.

    Examples:
        >>> draft = extract("Plan\n\n1. Brå\n\nBrå ska träffas.")
        >>> review(draft).splitlines()[0]
        '# Utkast till plan att granska'
        >>> review(draft, lang="en").splitlines()[0]
        '# Draft plan to review'
    """
    language: Lang = lang or draft.plan.language
    title, first, second, findings, items = _REVIEW_TEXT[language]
    source = f" ({draft.source_name})" if draft.source_name else ""
    lines = [f"# {title}{source}", "", first, second, "", f"## {findings} ({len(draft.findings)})"]
    lines.append("")
    for finding in draft.findings:
        where = f" `{finding.path}`" if finding.path else ""
        severity = finding.severity.label(language)
        lines.append(f"- {severity} {finding.code}{where}: {finding.text(language)}")
        if finding.citation and finding.citation.quote:
            quote = _short(finding.citation.quote)
            lines.append(f'  § {finding.citation.section}: "{quote}"')
    lines += ["", f"## {items} ({len(draft.items)})", ""]
    for item in draft.items:
        section = f"§ {item.section}" if item.section is not None else "§ -"
        detail = f" {item.detail}" if item.detail else ""
        lines.append(f"- {item.confidence:.2f} {item.kind} `{item.id}` {section}:{detail}")
    return "\n".join(_CONTROL.sub(" ", line).rstrip() for line in lines) + "\n"


def write(
    draft: Draft, path: str | os.PathLike[str], *, lang: Lang | None = None
) -> tuple[Path, ...]:
    r"""Write the draft plan to *path* together with its review list.

    A ``.toml`` file gets the review list as comments at its top, so the reviewer sees
    the findings beside the plan; the file still loads as a plan. ``.json``, ``.yaml`` and
    ``.yml`` cannot hold comments: the review list goes to a companion file with the
    suffix ``.review.md`` beside the plan.

    Args:
        draft: The draft to write.
        path: The plan file to write; its suffix chooses the format.
        lang: Language of the review list; default the plan's language.

    Returns:
        The paths written.

    Raises:
        PlanFileError: When a file cannot be written or the suffix is unknown.

    Examples:
        >>> import pathlib, tempfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "draft.toml"
        >>> draft = extract("Plan\n\n1. Brå\n\nBrå ska träffas.")
        >>> [p.name for p in write(draft, target, lang="en")]
        ['draft.toml']
        >>> target.read_text(encoding="utf-8").startswith("# # Draft plan to review")
        True
    """
    file = Path(path)
    formats: Mapping[str, Literal["json", "toml", "yaml"]] = {
        ".toml": "toml",
        ".json": "json",
        ".yaml": "yaml",
        ".yml": "yaml",
    }
    fmt = formats.get(file.suffix.lower())
    if fmt is None:
        raise PlanFileError(f"{file}: unknown file type {file.suffix!r}; use .toml, .json or .yaml")
    body = dumps(draft.plan, format=fmt)
    notes = review(draft, lang=lang)
    if fmt != "toml":
        companion = file.with_name(f"{file.stem}.review.md")
        write_atomic(file, body.encode("utf-8"))
        write_atomic(companion, notes.encode("utf-8"))
        return (file, companion)
    header = "".join(f"# {line}".rstrip() + "\n" for line in notes.splitlines())
    text = f"{header}\n{body}"
    loads(text, format="toml", source=str(file))
    write_atomic(file, text.encode("utf-8"))
    return (file,)


# --- comparing a draft with the reviewed plan -----------------------------------------------


@frozen
class _Commitment:
    section: str
    words: frozenset[str]
    modality: Modality | None
    cadence: tuple[Any, ...] | None


def _words(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(text.lower()))


def _signature(cadence: Cadence | None) -> tuple[Any, ...] | None:
    if cadence is None or (isinstance(cadence, NotStated) and not cadence.text):
        return None
    values = attrs.asdict(cadence, recurse=False)
    kept = sorted((k, str(v)) for k, v in values.items() if k not in ("modality", "text", "anchor"))
    return (cadence.kind, *kept)


def _commitments(plan: Plan) -> list[_Commitment]:
    found: list[_Commitment] = []
    parts: list[Measure | FollowUp] = [*plan.measures, *plan.follow_ups]
    for part in parts:
        if part.source is None:
            continue
        quote = part.source.quote or part.description
        found.append(
            _Commitment(part.source.section, _words(quote), part.modality, _signature(part.cadence))
        )
    return found


def _pair(
    draft: list[_Commitment], reviewed: list[_Commitment]
) -> list[tuple[_Commitment, _Commitment]]:
    """Match commitments one to one, the closest quotes first (same section, half the words)."""
    scored: list[tuple[float, int, int]] = []
    for i, candidate in enumerate(draft):
        for j, wanted in enumerate(reviewed):
            union = candidate.words | wanted.words
            if candidate.section != wanted.section or not union:
                continue
            score = len(candidate.words & wanted.words) / len(union)
            if score >= 0.5:  # noqa: PLR2004
                scored.append((-score, i, j))
    pairs: list[tuple[_Commitment, _Commitment]] = []
    used_draft: set[int] = set()
    used_reviewed: set[int] = set()
    for _, i, j in sorted(scored):
        if i not in used_draft and j not in used_reviewed:
            used_draft.add(i)
            used_reviewed.add(j)
            pairs.append((draft[i], reviewed[j]))
    return pairs


def _counted(name: str, draft: Iterable[Any], reviewed: Iterable[Any]) -> Metric:
    mine, theirs = list(draft), list(reviewed)
    common = 0
    rest = list(theirs)
    for value in mine:
        if value in rest:
            rest.remove(value)
            common += 1
    return Metric(
        name=name,
        true_positives=common,
        false_positives=len(mine) - common,
        false_negatives=len(theirs) - common,
    )


def compare(draft: Draft | Plan, reviewed: Plan) -> tuple[Metric, ...]:
    """Return how well a draft matches the plan a person made of it after review.

    Commitments (measures and follow-ups) match when they cite the same section and
    their quotes share at least half their words; ``commitments+modality`` also asks for
    the same modality. Actors and forums are compared by kind (and actors by id),
    memberships by forum kind and actor, cadences by kind and numbers on matched owners.

    Examples:
        >>> import actionplan
        >>> seed = actionplan.example()
        >>> {m.name: m.recall for m in compare(seed, seed)}["commitments+modality"]
        1.0
    """
    plan = draft.plan if isinstance(draft, Draft) else draft
    mine, theirs = _commitments(plan), _commitments(reviewed)
    pairs = _pair(mine, theirs)
    with_modality = sum(a.modality is b.modality for a, b in pairs)
    cadence_hits = sum(a.cadence is not None and a.cadence == b.cadence for a, b in pairs)

    def forum_cadences(p: Plan) -> list[tuple[Any, ...]]:
        found = [(f.kind.value, _signature(f.cadence)) for f in p.forums]
        found += [("picture", _signature(s.refresh)) for s in p.situational_pictures]
        return [c for c in found if c[1] is not None]

    forum_metric = _counted("forum-cadences", forum_cadences(plan), forum_cadences(reviewed))
    commitment_cadences = (
        sum(c.cadence is not None for c in mine),
        sum(c.cadence is not None for c in theirs),
    )

    def seats(p: Plan) -> list[tuple[str, str]]:
        return [(f.kind.value, m.actor) for f in p.forums for m in f.members]

    return (
        Metric(
            name="commitments",
            true_positives=len(pairs),
            false_positives=len(mine) - len(pairs),
            false_negatives=len(theirs) - len(pairs),
        ),
        Metric(
            name="commitments+modality",
            true_positives=with_modality,
            false_positives=len(mine) - with_modality,
            false_negatives=len(theirs) - with_modality,
        ),
        _counted(
            "actors-by-kind", (a.kind for a in plan.actors), (a.kind for a in reviewed.actors)
        ),
        _counted("actors-by-id", (a.id for a in plan.actors), (a.id for a in reviewed.actors)),
        _counted(
            "forums-by-kind", (f.kind for f in plan.forums), (f.kind for f in reviewed.forums)
        ),
        _counted("memberships", seats(plan), seats(reviewed)),
        Metric(
            name="cadences",
            true_positives=cadence_hits + forum_metric.true_positives,
            false_positives=commitment_cadences[0] - cadence_hits + forum_metric.false_positives,
            false_negatives=commitment_cadences[1] - cadence_hits + forum_metric.false_negatives,
        ),
    )
