"""One type for every "what is wrong": validation, coverage and compliance all give findings.

A :class:`Finding` is data, not an exception: a plan with findings still loads, so an
analysis can report all of them. Each finding has a stable code registered in
:data:`CODES`, with its severity, meaning and fix, so tools can filter and document them.

Examples:
    >>> finding = Finding(
    ...     code="AP201",
    ...     severity=Severity.WARNING,
    ...     message="forum 'samverkansgruppen' has no members",
    ...     message_sv="forumet 'samverkansgruppen' saknar medlemmar",
    ...     path="forums[3].members",
    ... )
    >>> finding.to_dict()["severity"]
    'warning'
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from attrs import frozen

from actionplan.model import Lang, Plan, Source

__all__ = ["CODES", "Citation", "CodeInfo", "Finding", "Severity", "cite"]


class Severity(Enum):
    """How serious a finding is; ordered, so ``severity >= Severity.WARNING`` works."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def label(self, lang: Lang = "en") -> str:
        """Return the severity's name in English or Swedish."""
        if lang == "sv":
            return {"info": "information", "warning": "varning", "error": "fel"}[self.value]
        return self.value


@frozen(kw_only=True)
class Citation:
    """The plan's own words a finding rests on: section number, heading and sentence."""

    section: str
    heading: str | None = None
    quote: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """Return the citation as a JSON-ready mapping."""
        return {"section": self.section, "heading": self.heading, "quote": self.quote}


@frozen(kw_only=True)
class Finding:
    """Something worth a reader's attention in a plan, with where it is and what it cites.

    Attributes:
        code: Stable code, documented in :data:`CODES` (``AP201``).
        severity: Error, warning or information.
        message: What is wrong, in English.
        message_sv: The same in Swedish.
        path: Where in the plan file, as ``forums[3].members``, if it is one place.
        subject: The id of the part it is about, if any.
        citation: The plan text it cites, if the part has a source.
    """

    code: str
    severity: Severity
    message: str
    message_sv: str
    path: str | None = None
    subject: str | None = None
    citation: Citation | None = None

    def text(self, lang: Lang = "en") -> str:
        """Return the message in *lang*."""
        return self.message_sv if lang == "sv" else self.message

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """Return the documented JSON form: code, severity, message, path, citation."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.text(lang),
            "path": self.path,
            "citation": None if self.citation is None else self.citation.to_dict(),
        }

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        return f"{self.severity.value} {self.code}{where} {self.message}"


@frozen(kw_only=True)
class CodeInfo:
    """What a finding code means and how to fix what it reports.

    Attributes:
        code: The stable code, ``AP`` and three digits.
        name: A short kebab-case name for people and configuration files.
        severity: The severity findings with this code carry; a rule may lower it for a
            part the plan marks as optional (see ``meaning``).
        meaning: What the finding says about the plan.
        fix: How to change the plan so the finding goes away.
    """

    code: str
    name: str
    severity: Severity
    meaning: str
    fix: str


def _info(code: str, name: str, severity: Severity, meaning: str, fix: str) -> CodeInfo:
    return CodeInfo(code=code, name=name, severity=severity, meaning=meaning, fix=fix)


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        _info(
            "AP101",
            "duplicate-id",
            _E,
            "Two parts of the same list share an id, so references to it are ambiguous.",
            "Give each actor, forum, measure and other part its own id.",
        ),
        _info(
            "AP102",
            "unknown-reference",
            _E,
            "A reference names an actor, forum, milieu, resource or municipality "
            "that the plan does not define.",
            "Correct the spelling (the message suggests the nearest id) or define the part.",
        ),
        _info(
            "AP103",
            "unknown-section",
            _E,
            "A source cites a section number the plan's sections do not have.",
            "Cite an existing section, or add the section with its heading and text.",
        ),
        _info(
            "AP104",
            "duplicate-section",
            _E,
            "Two sections share a number.",
            "Number each section once, as the plan does.",
        ),
        _info(
            "AP201",
            "forum-without-members",
            _W,
            "A forum has no members: the plan names it but never says who is in it.",
            "List the actors that sit in the forum, with their roles.",
        ),
        _info(
            "AP202",
            "forum-without-cadence",
            _W,
            "A forum has no measurable cadence: the plan says nothing about how often it "
            "meets, or only vague words such as 'kontinuerligt', which the message quotes.",
            "State how often it meets, e.g. at least four times a year, or 'as needed'.",
        ),
        _info(
            "AP203",
            "shall-measure-without-responsible",
            _W,
            "A measure the plan says shall (ska) be done names nobody responsible for it. "
            "Completed and discontinued measures are left out.",
            "Name the actor responsible for the measure.",
        ),
        _info(
            "AP204",
            "invitation-open",
            _W,
            "An actor or a municipality was asked to join and has not answered yet.",
            "Follow the question up and record the answer in the invitation's status.",
        ),
        _info(
            "AP205",
            "invitation-declined",
            _I,
            "An invitation was declined, for good or for now; the plan lives without that partner.",
            "Nothing to fix; ask again when the time is right and record the new answer.",
        ),
        _info(
            "AP206",
            "actor-without-part",
            _W,
            "An actor has no part in the plan: no seat in a forum, no measure to lead or take "
            "part in, no contribution to a situational picture, no follow-up to answer for. "
            "Reported as information when the plan only says the actor may (kan) take part.",
            "Give the actor a seat in a forum or a part in a measure, or remove it.",
        ),
        _info(
            "AP207",
            "measure-without-level",
            _I,
            "A measure names no prevention level, so coverage by level cannot count it.",
            "Add the levels it works on, in the words of the plan's scheme.",
        ),
        _info(
            "AP208",
            "mixed-prevention-schemes",
            _W,
            "A measure uses prevention levels from another scheme than most of the plan's "
            "measures; levels of different schemes are not synonyms.",
            "Use one scheme throughout, or compare the schemes only through an explicit "
            "crosswalk that says where the correspondence is approximate.",
        ),
        _info(
            "AP209",
            "situational-picture-without-milieus",
            _W,
            "A situational picture names no milieu it must cover.",
            "List the milieus the picture covers, e.g. the three violent extremist milieus.",
        ),
        _info(
            "AP210",
            "situational-picture-stale",
            _W,
            "A situational picture was last updated longer ago than its refresh cadence "
            "allows on the day of the check. Only checked when a day is given.",
            "Update the picture and record the date in last_updated.",
        ),
        _info(
            "AP211",
            "situational-picture-without-producer",
            _W,
            "A situational picture names no forum that produces it, so nobody keeps it up to date.",
            "Name the forum that produces it, e.g. the crime-prevention council.",
        ),
        _info(
            "AP212",
            "plan-without-sections",
            _I,
            "The plan holds none of its own sections, so sources cannot be checked and "
            "findings cannot cite the plan's headings.",
            "Add the plan's numbered sections with their headings and text.",
        ),
        _info(
            "AP213",
            "part-without-source",
            _I,
            "A forum or a measure has no source, so findings about it cannot quote the plan.",
            "Add the section, and the sentence, of the plan that establishes it.",
        ),
        _info(
            "AP214",
            "plan-past-revision",
            _W,
            "The plan was to be revised by a date that has passed on the day of the check. "
            "Only checked when a day is given.",
            "Revise the plan, or record the new revision date in its validity.",
        ),
        _info(
            "AP301",
            "cadence-not-schedulable",
            Severity.INFO,
            "No dates can be scheduled: the forum meets only as needed, or the cadence counts "
            "from an anchor date (the last update, the first meeting) the plan does not give.",
            "State a cadence if the forum should meet regularly; give the anchor date "
            "('anchor' on the cadence, or the situational picture's 'last_updated').",
        ),
        _info(
            "AP302",
            "forum-without-cadence-not-scheduled",
            Severity.INFO,
            "A forum states no cadence, so the calendar holds no meetings of it; "
            "none are invented.",
            "State how often the forum meets, e.g. at least twice a year.",
        ),
        _info(
            "AP303",
            "period-cannot-hold-meetings",
            Severity.WARNING,
            "A part of a period has no working day outside holidays and blackouts, so the "
            "period gets fewer meetings than its cadence asks for.",
            "Shorten the blackouts, allow more weekdays, or change the cadence.",
        ),
        _info(
            "AP304",
            "exact-date-on-holiday",
            Severity.INFO,
            "An exact rule or an explicit date of the plan falls on a public or de facto "
            "holiday; exact dates are kept as the plan gives them.",
            "Check that the meeting really is meant to be held on that day.",
        ),
        _info(
            "AP305",
            "rule-skips-short-months",
            Severity.INFO,
            "A monthly rule asks for day 29, 30 or 31, which some months lack; RFC 5545 "
            "skips those months instead of moving to the month's last day.",
            "Write BYMONTHDAY=-1 for the last day of every month.",
        ),
        _info(
            "AP306",
            "period-partly-outside-window",
            Severity.INFO,
            "The window covers only part of a period, and some of the period's meetings "
            "fall outside the window.",
            "Widen the window to whole periods to see all of their meetings.",
        ),
        _info(
            "AP401",
            "forum-met-too-rarely",
            Severity.ERROR,
            "A forum met, or a part was done, less often than its cadence asks: too few "
            "meetings in a period, a longer gap than the maximum interval, or a deadline "
            "passed with nothing recorded. Reported as a warning unless the cadence, or "
            "else the part, is a shall (ska).",
            "Hold the missing meetings, record them if they were held, or change the cadence.",
        ),
        _info(
            "AP402",
            "held-meeting-of-unknown-forum",
            Severity.WARNING,
            "Held meetings name a forum the plan does not define.",
            "Correct the forum's id in the list of held meetings, or map its name to an id.",
        ),
        _info(
            "AP403",
            "planned-date-not-met",
            Severity.INFO,
            "A forum held no meeting on a date the plan lists for it.",
            "Record the meeting if it was held, or note why it moved.",
        ),
        _info(
            "AP501",
            "actor-kind-missing",
            _W,
            "The profile asks for an actor of a kind (the police, social services, civil "
            "society) that the plan does not name.",
            "Name an actor of that kind and give it a part, or explain why it has none.",
        ),
        _info(
            "AP502",
            "forum-kind-missing",
            _W,
            "The profile asks for a forum of a kind (a crime-prevention council, a "
            "collaboration group) that the plan does not have.",
            "Add the forum, with its members and how often it meets.",
        ),
        _info(
            "AP503",
            "resource-kind-missing",
            _W,
            "The profile asks for a resource of a kind (a helpline, a training) that the "
            "plan does not point to.",
            "Add the resource and a measure that uses or spreads it.",
        ),
        _info(
            "AP504",
            "situational-picture-missing",
            _W,
            "The plan has no local situational picture (lägesbild).",
            "Add the situational picture: who produces it, what it covers, how often it "
            "is updated.",
        ),
        _info(
            "AP505",
            "milieu-not-covered",
            _W,
            "A milieu the plan names is covered by no situational picture, or a picture "
            "names no milieu at all.",
            "List the milieus each situational picture covers.",
        ),
        _info(
            "AP506",
            "situational-picture-outdated",
            _W,
            "A situational picture was last updated longer ago than its refresh cadence "
            "allows on the day of the check. Only checked when a day is given.",
            "Update the picture and record the date in last_updated.",
        ),
        _info(
            "AP507",
            "situational-picture-freshness-unknown",
            _I,
            "Whether a situational picture is up to date cannot be told: the plan records "
            "no date of its last update, or no measurable refresh cadence. Only checked "
            "when a day is given; always information.",
            "Record when the picture was last updated and how often it is to be updated.",
        ),
        _info(
            "AP508",
            "measures-missing",
            _W,
            "The plan has no measure (of the modalities the requirement counts): there is "
            "no action plan.",
            "Add the measures the plan commits to, with who is responsible.",
        ),
        _info(
            "AP509",
            "required-level-without-measure",
            _W,
            "The profile asks for work on a prevention level that no measure of the plan "
            "reaches, not even through the crosswalk between level schemes.",
            "Add a measure on that level, in the words of the plan's own scheme.",
        ),
        _info(
            "AP510",
            "level-reached-only-approximately",
            _I,
            "A prevention level the profile asks for is reached only through an approximate "
            "correspondence of the crosswalk (the plan uses another scheme); always "
            "information.",
            "Check that the measures named really work on that level; nothing needs to "
            "change if they do.",
        ),
        _info(
            "AP511",
            "topic-without-measure",
            _W,
            "No measure's description or target group mentions any of the keywords of a "
            "topic the profile asks for (support to relatives, to leavers, training).",
            "Add a measure on the topic, or word the existing one so that it says so.",
        ),
        _info(
            "AP512",
            "follow-up-missing",
            _W,
            "The plan says nothing about how the work is followed up.",
            "Add a follow-up: who, how, how often, in which cycle.",
        ),
        _info(
            "AP513",
            "coordinator-missing",
            _W,
            "No actor of a coordinating kind (municipal security function or municipal "
            "management, unless the requirement names other kinds) answers for a measure "
            "or a follow-up, or chairs or convenes a forum: the plan names no coordinator.",
            "Name the coordinating actor responsible for the work, e.g. as the convener "
            "of the crime-prevention council or the one responsible for the follow-up.",
        ),
        _info(
            "AP514",
            "actor-in-no-forum",
            _W,
            "An actor the plan gives a part (shall, or the modalities the requirement "
            "lists; an actor without a modality counts as shall) has a seat in no forum.",
            "Give the actor a seat in the forum it is to work in.",
        ),
        _info(
            "AP515",
            "stated-level-without-measure",
            _W,
            "The plan's measures use a scheme of prevention levels, but one level of that "
            "scheme has no measure.",
            "Add a measure on the missing level, or say why the plan does not work on it.",
        ),
        _info(
            "AP516",
            "forum-cadence-missing",
            _W,
            "A forum has no cadence: the plan does not say how often it meets, or only in "
            "vague words, which the message quotes.",
            "State how often it meets, e.g. at least twice a year, or 'as needed'.",
        ),
        _info(
            "AP517",
            "forum-members-missing",
            _W,
            "A forum has no members: the plan uses it (measures may refer to it) but never "
            "says who sits in it.",
            "List the actors that sit in the forum, with their roles.",
        ),
        _info(
            "AP518",
            "responsible-missing",
            _W,
            "A measure the plan says shall (ska) be done, not yet completed or "
            "discontinued, names nobody responsible.",
            "Name the actor responsible for the measure.",
        ),
        _info(
            "AP519",
            "invitation-unanswered",
            _W,
            "An actor or a municipality was invited and has not answered: the question is "
            "left open.",
            "Follow the invitation up and record the answer in its status.",
        ),
        _info(
            "AP520",
            "invitation-declined-for-now",
            _I,
            "An invitation was declined for now, so the question stays open; always information.",
            "Nothing to fix now; ask again when the time is right and record the answer.",
        ),
        _info(
            "AP521",
            "actor-kind-on-no-level",
            _W,
            "An actor kind the profile expects on the prevention levels takes part in no "
            "measure on any of them: its row of the actor-kind by level matrix is empty.",
            "Give an actor of that kind a part in a measure on the levels it works on.",
        ),
        _info(
            "AP522",
            "level-without-expected-actors",
            _W,
            "No actor of the kinds the profile expects takes part in a measure on a "
            "prevention level: its column of the actor-kind by level matrix is empty.",
            "Add a measure on that level with one of the expected actors taking part.",
        ),
        _info(
            "AP523",
            "overlapping-measures",
            _I,
            "Two measures have the same actors (responsible and participants together), "
            "the same target groups and a prevention level in common: they may do the same "
            "for the same target group.",
            "Merge the measures, or say in their descriptions how they differ.",
        ),
        _info(
            "AP530",
            "plan-file-unreadable",
            _E,
            "A file in a folder of plans could not be read as a plan; the other files were read.",
            "Fix the problems the message lists, e.g. with 'actionplan validate FILE'.",
        ),
        CodeInfo(
            code="AP601",
            name="no-numbered-sections",
            severity=Severity.WARNING,
            meaning="The text has no numbered section headings ('1. Rubrik'), so the whole "
            "text became one section and sources cite only that.",
            fix="Split the plan's sections by hand in the draft, or number the headings in "
            "the text and read it again.",
        ),
        CodeInfo(
            code="AP602",
            name="no-title",
            severity=Severity.WARNING,
            meaning="No title line was found before the first section; the draft uses a "
            "placeholder title.",
            fix="Write the plan's title in 'title'.",
        ),
        CodeInfo(
            code="AP603",
            name="no-decision",
            severity=Severity.INFO,
            meaning="No adopting decision ('Antagen av kommunfullmäktige 2016-04-25, § 74') "
            "was found.",
            fix="Add a [decision] table with body, date and paragraph.",
        ),
        CodeInfo(
            code="AP604",
            name="no-municipality",
            severity=Severity.WARNING,
            meaning="The text names none of the plan's municipalities, so the draft has none.",
            fix="Add each municipality the plan belongs to, with its four-digit code.",
        ),
        CodeInfo(
            code="AP605",
            name="unknown-actor",
            severity=Severity.WARNING,
            meaning="An actor is named (in a list of members or with an organisation's "
            "ending such as '-nämnden') that the lexicon does not know; the draft keeps "
            "it with kind 'other'.",
            fix="Set its kind and name, or add it to a lexicon file passed to extract().",
        ),
        CodeInfo(
            code="AP606",
            name="commitment-without-actor",
            severity=Severity.WARNING,
            meaning="A commitment names no responsible actor: its subject is 'vi', a forum, "
            "or the sentence is passive. A 'shall' gives a warning, others information.",
            fix="Set 'responsible' to the actors who answer for it, or 'responsible_text' "
            "for a generic owner.",
        ),
        CodeInfo(
            code="AP607",
            name="vague-cadence",
            severity=Severity.INFO,
            meaning="A cadence is stated only in words nobody can measure ('kontinuerligt', "
            "'regelbundet'); the draft keeps them as not-stated.",
            fix="State how often, e.g. at least four times a year, if the plan means it.",
        ),
        CodeInfo(
            code="AP608",
            name="cadence-without-anchor",
            severity=Severity.INFO,
            meaning="A cadence counts from a start the text does not give ('varannan "
            "vecka', 'minst vartannat år'), so no date can be scheduled yet.",
            fix="Add the first (or last) date as the cadence's 'anchor'.",
        ),
        CodeInfo(
            code="AP609",
            name="unreadable-cadence",
            severity=Severity.WARNING,
            meaning="A phrase reads like a cadence but fits none of the cadence kinds; the "
            "draft keeps its words as not-stated.",
            fix="Encode the cadence by hand with the kind that fits.",
        ),
        CodeInfo(
            code="AP610",
            name="cadence-without-owner",
            severity=Severity.WARNING,
            meaning="A sentence states a cadence but names no forum and makes no "
            "commitment it could belong to.",
            fix="Attach the cadence to the forum, measure or follow-up it belongs to.",
        ),
        CodeInfo(
            code="AP611",
            name="uncertain-commitment",
            severity=Severity.INFO,
            meaning="A sentence was read as a commitment from a weak signal ('skulle kunna', "
            "'är viktigt', 'behöver'); its modality is a guess.",
            fix="Check that the plan means a commitment and that the modality is right; "
            "delete the measure otherwise.",
        ),
        CodeInfo(
            code="AP612",
            name="generic-actor",
            severity=Severity.INFO,
            meaning="A general word ('skola') was read as the plan's specific actors of that "
            "kind, or as a general actor when the text names none.",
            fix="Check the actors listed; replace them with the ones the plan means.",
        ),
        CodeInfo(
            code="AP613",
            name="members-without-forum",
            severity=Severity.WARNING,
            meaning="A sentence lists members ('Där ingår ...') but no forum was named before it.",
            fix="Add the memberships to the forum they belong to.",
        ),
        CodeInfo(
            code="AP614",
            name="unknown-municipality",
            severity=Severity.WARNING,
            meaning="A municipality is named that the lexicon's municipality table does not "
            "know, so it has no code and is left out of the draft.",
            fix="Add it with its four-digit code, in the plan or in a lexicon file.",
        ),
        CodeInfo(
            code="AP615",
            name="shared-plan",
            severity=Severity.INFO,
            meaning="The text speaks of 'respektive kommun': the plan serves several "
            "municipalities, each with its own bodies.",
            fix="List every municipality the plan serves and check which forums each has.",
        ),
        CodeInfo(
            code="AP616",
            name="contact-without-resource",
            severity=Severity.INFO,
            meaning="A phone number or web address appears with no resource to attach it "
            "to; the draft makes a resource of it.",
            fix="Name the resource and set its kind, or move the contact where it belongs.",
        ),
    )
}
"""Every finding code actionplan produces, by code."""


def cite(plan: Plan, source: Source | None) -> Citation | None:
    """Return the citation for *source* in *plan*, with the section's heading if known.

    Examples:
        >>> import actionplan
        >>> plan = actionplan.example()
        >>> cite(plan, plan.forum("bra").source).section
        '1'
    """
    if source is None:
        return None
    heading = next((s.heading for s in plan.sections if s.number == source.section), None)
    return Citation(section=source.section, heading=heading, quote=source.quote)
