"""Request and response bodies of notify's HTTP API (pydantic: they become the OpenAPI)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from shared.contracts import OrgLevel

Channel = Literal["inbox", "email", "sms"]


class PreferencesIn(BaseModel):
    """How a person wants to hear from Xinbao; the inbox always receives."""

    channels: list[Channel] = Field(default=["inbox"], description="Channels besides the inbox.")
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+$", description="E-mail address.")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 \-]{4,19}$", description="Mobile number.")
    language: Literal["zh", "en"] | None = Field(default=None, description="None: the item's language.")
    quiet_hours: str | None = Field(
        default=None, examples=["22:00-07:00"], description="Local window in which non-urgent messages wait."
    )
    digest: bool = Field(default=False, description="Weekly digest instead of single e-mails/SMS.")
    timezone: str | None = Field(default=None, description="IANA zone; None: the service's zone.")
    name: str = Field(default="", description="Display name used in digests.")


class PreferencesOut(PreferencesIn):
    person_id: str


class ContactsIn(BaseModel):
    """Who hears for a unit (until intake announces people and roles)."""

    name: str = Field(default="", description="Unit name, if not known from UnitRegistered.")
    officers: list[str] = Field(default=[], description="Information officers: get reminders.")
    heads: list[str] = Field(default=[], description="Unit heads: get overdue reminders too.")
    main_leader: str | None = Field(
        default=None, description="Told of high-level adoptions and instructions."
    )
    editors: list[str] = Field(default=[], description="Editors of the office this unit runs: urgent alerts.")


class ContactsOut(ContactsIn):
    unit_id: str


class ScheduleIn(BaseModel):
    """When an office's units are reminded."""

    before_hours: list[int] = Field(default=[72, 24], description="Hours before the due time.")
    overdue: bool = Field(default=True, description="Remind at once when overdue.")
    overdue_repeat_hours: int = Field(default=0, ge=0, description="Repeat while overdue; 0 = once.")


class AgencyIn(BaseModel):
    """An agency that receives a feed of released items."""

    agency_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="Names its topic and URLs.")
    name: str = Field(min_length=1, description="Display name.")
    delivery: list[Literal["pull", "kafka", "webhook"]] = Field(
        default=["pull"], description="Ways it receives entries; the pull feed is always open."
    )
    webhook_url: HttpUrl | None = Field(default=None, description="HTTPS endpoint for signed webhooks.")


class SubscriptionIn(BaseModel):
    """Which items an agency wants; empty lists mean any."""

    levels: list[OrgLevel] = Field(default=[], description="Adoption levels, e.g. ['province'].")
    categories: list[str] = Field(default=[], description="Item categories, e.g. ['经验'].")
    units: list[str] = Field(default=[], description="Submitting units.")
    adopted_only: bool = Field(default=True, description="Only adopted items.")
    min_score: float | None = Field(default=None, ge=0, le=100, description="Minimum quality score.")


class ReleaseIn(BaseModel):
    """An office's release decision on one item. Marking an item sensitive is not one: that
    is decided in intake (``PUT /submissions/{id}/sensitivity``) and travels with the item."""

    model_config = ConfigDict(extra="forbid")

    cleared: bool | None = Field(
        default=None,
        description="True: release now (e.g. an urgent report); False: block (retracted from agencies "
        "that have it); None: the default, adopted means cleared."
    )

    @model_validator(mode="before")
    @classmethod
    def _sensitivity_is_decided_in_intake(cls, data: Any) -> Any:
        if isinstance(data, dict) and "sensitive" in data:
            raise ValueError(
                "sensitive is decided in intake: PUT /submissions/{id}/sensitivity (editors and office "
                "heads); the mark reaches notify with the item's events"
            )
        return data
