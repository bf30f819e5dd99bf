"""Errors of the intake domain; the API maps them to HTTP statuses.

    IntakeError
    ├── NotFound            (404) a unit, person or item does not exist
    ├── Forbidden           (403) the user may not do this, or not here
    ├── InvalidInput        (422) the request names something inconsistent
    ├── RowsRejected        (422) rows of an imported table are wrong; nothing was imported
    ├── TooLarge            (413) an uploaded file is, or would unpack to, more than allowed
    ├── IllegalTransition   (409) the item's state does not allow the action
    └── LoginRefused        (401) wrong id or password (throttling: login_throttle, 429)
"""


class IntakeError(Exception):
    """Base of intake's domain errors.

    The message is English, for the API and the logs. ``code`` names the rule that refused
    (e.g. ``too_long``) and ``params`` its figures, so the pages can say the same in the
    reader's language (``web/strings.py``: ``why.<code>``).
    """

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class NotFound(IntakeError):
    """Something named in the request does not exist."""


class Forbidden(IntakeError):
    """The authenticated user lacks the role, or acts outside their unit or office."""


class InvalidInput(IntakeError):
    """The request is well-formed but inconsistent (e.g. an unknown parent unit)."""

    def __init__(self, field: str, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(f"{field}: {message}", code=code, **params)
        self.field = field
        self.message = message


class RowsRejected(IntakeError):
    """Some rows of an imported table are wrong: every problem, row by row."""

    def __init__(self, errors: list[dict[str, object]]) -> None:
        super().__init__(
            f"{len(errors)} problem(s) in the table; nothing was imported",
            code="rows_rejected", n=len(errors),
        )
        self.errors = errors


class TooLarge(IntakeError):
    """An uploaded file is larger, or unpacks to more, than the limits allow; nothing was kept."""


class IllegalTransition(IntakeError):
    """The workflow does not allow this action in the item's current state."""

    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"cannot {action} an item that is {state}", code="illegal", state=state)
        self.action = action
        self.state = state


class LoginRefused(IntakeError):
    """The id and password do not match."""
