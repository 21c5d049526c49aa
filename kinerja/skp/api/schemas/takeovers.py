"""Shapes of the RHK taken over by the leader during the year (PermenPANRB 6/2022 Ps 20)."""

import datetime
import uuid

from ninja import Field, Schema

from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn
from kinerja.api.types import Day
from kinerja.skp.models import RhkTakeover


class RhkTakeoverOut(Schema):
    """An RHK the rater took over, with the note the evaluation reads."""

    id: int = Field(description="Id of the takeover.")
    skp_id: int = Field(description="The plan version in force when it was taken over.")
    year: int = Field(description="The plan's year.")
    rhk_key: uuid.UUID = Field(description="The RHK's stable key, shared by every plan version.")
    rhk_text: str = Field(description="The RHK as it read when it was taken over.")
    taken_over_on: datetime.date = Field(description="The day the leader took it over.")
    taken_by_label: str = Field(description="Name and post of the leader who took it over.")
    note: str = Field(description="Why the employee could not finish it.")
    in_force: bool = Field(description="False once withdrawn.")
    withdrawn_at: datetime.datetime | None = Field(
        description="When it was withdrawn; null while in force."
    )
    withdraw_reason: str = Field(description="Why it was withdrawn; empty while in force.")

    @staticmethod
    def resolve_in_force(obj) -> bool:
        return obj.withdrawn_at is None


class RhkTakeoverIn(BodyIn):
    note: model_text(RhkTakeover, "note") = Field(
        description="Why the employee could not finish the RHK (required)."
    )
    taken_over_on: Day | None = Field(
        default=None, description="The day of the takeover; today when left out."
    )


class RhkTakeoverWithdrawIn(BodyIn):
    reason: model_text(RhkTakeover, "withdraw_reason") = Field(
        description="Why the takeover is withdrawn (required)."
    )
