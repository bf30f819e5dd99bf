"""Where an item stands as each level sees it: one read model for every page and count.

An item moves up the tree (unit → county → city …), and its ``state`` is its state at the
office it is with now. The offices it passed see what they did with it: adopted here, or
passed on (forwarded) without adopting; the unit that wrote it sees what its own office
(the one it reports to) did. Before it leaves, the unit sees 待审签 (waiting for the head's
sign-off, also a returned item's revision waiting) or 退回修改 (the head sent it back).

``standings`` is stored with the item, keyed by unit id, so a list filtered by standing and
its count come from the same query (``standing.<unit>: <state>``).
"""

from __future__ import annotations

from services.intake.domain.model import Item, ItemState

AWAITING_SIGN_OFF = "awaiting_sign_off"
RETURNED_TO_AUTHOR = "returned_to_author"


def state_at(item: Item, unit_id: str | None) -> str:
    """The item's state as ``unit_id`` sees it (the item's own state for anyone else)."""
    if item.state == ItemState.WITHDRAWN:
        return ItemState.WITHDRAWN.value
    if item.state == ItemState.DRAFT:
        return RETURNED_TO_AUTHOR if item.author_return else AWAITING_SIGN_OFF
    if unit_id == item.unit_id and item.state == ItemState.RETURNED and item.pending_revision:
        return AWAITING_SIGN_OFF
    office = _office_seen_from(item, unit_id)
    if office == item.office_id:
        return item.state.value
    adopted_here = any(a.get("office_id") == office for a in item.adoptions)
    return ItemState.ADOPTED.value if adopted_here else ItemState.FORWARDED.value


def standings(item: Item) -> dict[str, str]:
    """The state at the unit that wrote the item and at every office it reached."""
    return {unit_id: state_at(item, unit_id) for unit_id in [item.unit_id, *item.offices_reached]}


def moved_on(item: Item, unit_id: str | None) -> bool:
    """Whether the item has gone on from what ``unit_id`` sees to an office above it."""
    if item.state in (ItemState.DRAFT, ItemState.WITHDRAWN):
        return False
    return _office_seen_from(item, unit_id) != item.office_id


def _office_seen_from(item: Item, unit_id: str | None) -> str:
    """The office whose dealings ``unit_id`` sees: itself when the item reached it, else the
    first office it reached (the one the writing unit reports to). The item has left its unit."""
    reached = item.offices_reached
    return unit_id if unit_id in reached else reached[0]
