"""Every exception actionplan raises.

This module imports nothing else from the package, so any module can raise without
import loops. One root, :class:`ActionPlanError`; errors about a bad value are also
:class:`ValueError`, so generic ``except ValueError`` handling keeps working.
"""

from __future__ import annotations

__all__ = [
    "ActionPlanError",
    "InvalidPlanError",
    "InvalidValueError",
    "LimitExceededError",
    "PlanFileError",
    "Problem",
    "PublishError",
]


class ActionPlanError(Exception):
    """Root of every error raised by actionplan: catch this to catch them all."""


class Problem:
    """One thing wrong with a plan file: where, what, and how to fix it.

    Attributes:
        path: Where the problem is, as a dotted path (``measures[3].responsible``);
            empty for the file as a whole.
        message: What is wrong, in one sentence.
        hint: What to change, or ``None`` when the message already says it.
        value: The offending value, when there is one to show.
    """

    __slots__ = ("hint", "message", "path", "value")

    def __init__(
        self, path: str, message: str, *, hint: str | None = None, value: object = None
    ) -> None:
        self.path = path
        self.message = message
        self.hint = hint
        self.value = value

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, message={self.message!r}, hint={self.hint!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message, self.hint) == (other.path, other.message, other.hint)

    def __hash__(self) -> int:
        return hash((self.path, self.message, self.hint))


class InvalidValueError(ActionPlanError, ValueError):
    """A single value cannot be part of a plan (a negative count, a malformed id).

    Raised when a model object is constructed; carries the field, the value and a hint.

    Attributes:
        field: The attribute that was given the bad value.
        value: The bad value.
        hint: What a valid value looks like.
    """

    def __init__(self, field: str, value: object, message: str, hint: str | None = None) -> None:
        self.field = field
        self.value = value
        self.hint = hint
        self.message = message
        text = f"{field}: {message}" + (f" ({hint})" if hint else "")
        super().__init__(text)


class LimitExceededError(InvalidValueError):
    """A request would exceed a documented limit, so it is refused before any work is done.

    A window of centuries or a rule that expands to millions of occurrences gets this error
    at once, never a long hang.
    """


class InvalidPlanError(ActionPlanError, ValueError):
    """A plan cannot be read or built: holds *every* problem found, each with its path.

    Attributes:
        problems: Each problem with its path, message and hint.
        source: The file or description of what was read, if known.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], source: str = "") -> None:
        self.problems = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source}: " if source else ""
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun} in plan"]
        lines.extend(f"  - {problem}" for problem in self.problems)
        super().__init__("\n".join(lines))


class PlanFileError(ActionPlanError, OSError):
    """A plan file cannot be opened, is too large, or has an unknown format."""


class PublishError(ActionPlanError):
    """A calendar could not be published to a CalDAV server.

    Attributes:
        url: The address that failed, without credentials.
        status: The HTTP status, when the server answered.
        reason: What went wrong.
    """

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        self.url = url
        self.status = status
        self.reason = reason
        code = f"HTTP {status}: " if status is not None else ""
        super().__init__(f"could not publish to {url}: {code}{reason}")
