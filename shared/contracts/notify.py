"""Events produced by the notify service (topic ``notify.notification.v1``)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field

from shared.contracts.envelope import Event


class NotificationDelivered(Event):
    """A message reached a person or unit through a channel."""

    key_field: ClassVar[str] = "recipient_id"
    type: Literal["NotificationDelivered"] = "NotificationDelivered"
    notification_id: str = Field(description="Id of the notification.")
    recipient_id: str = Field(description="Person or unit that received it.")
    channel: Literal["inbox", "email", "sms"] = Field(description="Channel used.")
    kind: str = Field(description="What it is about, e.g. 'score', 'points', 'returned'.")
    submission_id: str | None = Field(default=None, description="Item concerned, if any.")
    subject: str = Field(description="Subject line.")


class NotificationFailed(Event):
    """A delivery attempt failed; it will be retried or dead-lettered."""

    key_field: ClassVar[str] = "recipient_id"
    type: Literal["NotificationFailed"] = "NotificationFailed"
    notification_id: str = Field(description="Id of the notification.")
    recipient_id: str = Field(description="Intended recipient.")
    channel: Literal["inbox", "email", "sms"] = Field(description="Channel tried.")
    attempt: int = Field(ge=1, description="Attempt number that failed.")
    error: str = Field(description="What went wrong.")
    final: bool = Field(description="True when no retry follows (dead-lettered).")


class BulletinPublished(Event):
    """An office's periodic bulletin (通报) was generated and archived."""

    key_field: ClassVar[str] = "office_id"
    type: Literal["BulletinPublished"] = "BulletinPublished"
    bulletin_id: str = Field(description="Id of the bulletin.")
    office_id: str = Field(description="Issuing office.")
    period: str = Field(description="Period covered.")
    number: str = Field(description="Bulletin number, e.g. '2026年第11期'.")
    formats: list[Literal["html", "docx", "pdf"]] = Field(description="Formats available.")


class FeedItemPublished(Event):
    """An item entered an agency's feed (it matched one of the agency's subscriptions).

    Published on the agency's own topic (``topics.agency_feed_topic``) and as webhook bodies.
    """

    key_field: ClassVar[str] = "submission_id"
    type: Literal["FeedItemPublished"] = "FeedItemPublished"
    agency_id: str = Field(description="Agency whose feed the item entered.")
    seq: int = Field(ge=1, description="Position in that agency's feed; grows by one per entry.")
    submission_id: str = Field(description="Id of the information item.")
    item: dict[str, Any] = Field(description="The item as a JSON Feed 1.1 item (with '_xinbao' facts).")


class FeedItemRetracted(Event):
    """An item the agency received must no longer be used: it was withdrawn by its unit or
    withheld by its office. The agency deletes its copy; nothing more of the item follows.

    Published on the agency's own topic, in its pull feed (an entry of its own, after the
    one it retracts) and as a signed webhook body.
    """

    key_field: ClassVar[str] = "submission_id"
    type: Literal["FeedItemRetracted"] = "FeedItemRetracted"
    agency_id: str = Field(description="Agency whose feed carried the item.")
    seq: int = Field(ge=1, description="Position of the retraction in that agency's feed.")
    retracts_seq: int = Field(ge=1, description="Position of the entry it retracts.")
    submission_id: str = Field(description="Id of the information item.")
    reason: Literal["withdrawn", "withheld"] = Field(
        description="'withdrawn' by its unit, or 'withheld' by its office (the why stays inside)."
    )
    item: dict[str, Any] = Field(description="The retraction as a JSON Feed 1.1 item ('_xinbao.retracted').")


AgencyFeedEvent = Annotated[FeedItemPublished | FeedItemRetracted, Field(discriminator="type")]
"""Any event on an agency's feed topic."""

NotificationEvent = Annotated[
    NotificationDelivered | NotificationFailed | BulletinPublished, Field(discriminator="type")
]
"""Any event on ``notify.notification.v1``."""
