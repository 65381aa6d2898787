"""actionplan: typed models of municipal local action plans.

Load a plan, validate it, change it with :func:`attrs.evolve`, save it without loss.
Calendars (:mod:`actionplan.ical`), networks (:mod:`actionplan.network`) and pictures
are separate modules, imported by name, so ``import actionplan`` stays light.

Examples:
    >>> import actionplan
    >>> plan = actionplan.example()
    >>> [f.code for f in actionplan.validate(plan) if f.severity is actionplan.Severity.ERROR]
    []
"""

from importlib.metadata import version as _version

from actionplan._schema import json_schema
from actionplan.errors import (
    ActionPlanError,
    InvalidPlanError,
    InvalidValueError,
    LimitExceededError,
    PlanFileError,
    Problem,
    PublishError,
)
from actionplan.findings import CODES, Citation, Finding, Severity
from actionplan.model import (
    Actor,
    ActorKind,
    AsNeeded,
    Cadence,
    Classification,
    Contact,
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
    Rule,
    Season,
    Seasonal,
    Section,
    SituationalPicture,
    Source,
    Validity,
)
from actionplan.redaction import redact
from actionplan.serialization import (
    FORMAT_VERSION,
    dump,
    dumps,
    example,
    from_dict,
    load,
    loads,
    to_dict,
)
from actionplan.validation import integrity, validate

__version__ = _version("actionplan")

__all__ = [
    "CODES",
    "FORMAT_VERSION",
    "ActionPlanError",
    "Actor",
    "ActorKind",
    "AsNeeded",
    "Cadence",
    "Citation",
    "Classification",
    "Contact",
    "Contribution",
    "Dates",
    "Decision",
    "ElectoralCycle",
    "EveryNth",
    "Finding",
    "FollowUp",
    "Forum",
    "ForumKind",
    "InvalidPlanError",
    "InvalidValueError",
    "Invitation",
    "InvitationStatus",
    "LimitExceededError",
    "MaxInterval",
    "Measure",
    "MeasureStatus",
    "Membership",
    "Milieu",
    "Modality",
    "MonthDeadline",
    "Municipality",
    "NotStated",
    "PerPeriod",
    "Period",
    "Perspective",
    "Plan",
    "PlanFileError",
    "PreventionLevel",
    "PreventionScheme",
    "Problem",
    "PublishError",
    "Resource",
    "ResourceKind",
    "Role",
    "Rule",
    "Season",
    "Seasonal",
    "Section",
    "Severity",
    "SituationalPicture",
    "Source",
    "Validity",
    "__version__",
    "dump",
    "dumps",
    "example",
    "from_dict",
    "integrity",
    "json_schema",
    "load",
    "loads",
    "redact",
    "to_dict",
    "validate",
]
