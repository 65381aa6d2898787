"""Did the forums meet as often as the plan says? Held meetings compared with cadences.

Pure Python: the meetings that were really held come in as :class:`HeldMeeting` values,
read from an .ics file by :func:`actionplan.ical.read_held` or from a CSV/JSON list by
:func:`read_held_table`, and are compared per period with each forum's cadence.
"""

from __future__ import annotations

from datetime import date

from attrs import frozen

__all__ = ["HeldMeeting"]


@frozen(kw_only=True)
class HeldMeeting:
    """A meeting that took place, matched to a forum of the plan.

    Attributes:
        forum: Id of the forum it was a meeting of.
        day: The day it was held (local date).
        summary: Its title as the calendar had it, for reports.
        uid: Its iCalendar UID, when it came from a calendar.
    """

    forum: str
    day: date
    summary: str | None = None
    uid: str | None = None
