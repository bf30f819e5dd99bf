"""The one exception of the local stack: ``StackError``, whose message says what to do."""


class StackError(RuntimeError):
    """Something the local stack needs is missing, busy or did not come up.

    The message is written for a person: what failed, why, and the command that fixes it.
    """
