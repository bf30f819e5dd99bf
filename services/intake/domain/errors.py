"""Errors of the intake domain; the API maps them to HTTP statuses.

    IntakeError
    ├── NotFound            (404) a unit, person or item does not exist
    ├── InvalidInput        (422) the request names something inconsistent
    └── IllegalTransition   (409) the item's state does not allow the action
"""


class IntakeError(Exception):
    """Base of intake's domain errors."""


class NotFound(IntakeError):
    """Something named in the request does not exist."""


class InvalidInput(IntakeError):
    """The request is well-formed but inconsistent (e.g. an author outside the unit)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class IllegalTransition(IntakeError):
    """The workflow does not allow this action in the item's current state."""

    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"cannot {action} an item that is {state}")
        self.action = action
        self.state = state
