"""A functional official's angka kredit through the API, as on the angka kredit page.

Read by whoever reads the page (`selectors.get_credit_employee`): the employee, BKPSDM,
pimpinan and auditors of the agency, the admins of the units the employee works in, and those
who read the employee's evaluations. Anyone else gets the 404 of an id that does not exist.
"""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema

from kinerja.api.schemas import responses
from kinerja.api.types import Id
from kinerja.appraisals import selectors
from kinerja.appraisals.models import EvaluationPredikat
from kinerja.org.models import Jenjang

router = Router()


class AppraisalCreditMonthsOut(Schema):
    jenjang: Jenjang = Field(description="The jenjang held.")
    months: int = Field(description="Months of the year counted at it (held on their last day).")


class AppraisalCreditYearOut(Schema):
    year: int = Field(description="The year.")
    predikat: EvaluationPredikat | None = Field(
        description="The annual predikat (null: the annual evaluation is not decided yet)."
    )
    months: list[AppraisalCreditMonthsOut] = Field(description="Months at each jenjang.")
    credit: Decimal | None = Field(
        description="Angka kredit earned in the year (null: no annual predikat yet)."
    )

    @staticmethod
    def resolve_predikat(obj):
        return obj.predikat or None

    @staticmethod
    def resolve_months(obj):
        return [{"jenjang": j, "months": n} for j, n in obj.months.items()]


class AppraisalCreditThresholdOut(Schema):
    toward: Literal["rank", "jenjang"] = Field(
        description="rank: the next pangkat; jenjang: the next jenjang."
    )
    needed: int = Field(description="Angka kredit needed at the jenjang held now.")
    missing: Decimal = Field(description="Still missing after the total (0: reached).")


class AppraisalCreditOut(Schema):
    employee: int = Field(alias="employee.pk", description="Id of the employee.")
    employee_name: str = Field(alias="employee.full_name", description="Name with titles.")
    jenjang: Jenjang | None = Field(
        description="The jenjang held now (null: no functional post held today)."
    )
    since: datetime.date | None = Field(
        description="First day of the unbroken run at the jenjang held now."
    )
    total: Decimal = Field(description="Angka kredit earned at the jenjang held now.")
    thresholds: list[AppraisalCreditThresholdOut] = Field(
        description="What the next rank and the next jenjang need, and what is still missing."
    )
    years: list[AppraisalCreditYearOut] = Field(
        description="Each year with months in a functional post, newest first."
    )

    @staticmethod
    def resolve_jenjang(obj):
        return obj.jenjang or None

    @staticmethod
    def resolve_thresholds(obj):
        return [
            {"toward": toward, "needed": needed, "missing": missing}
            for toward, needed, missing in obj.thresholds
        ]


@router.get(
    "/appraisals/employees/{employee_id}/credit",
    response=responses(AppraisalCreditOut, 404),
    operation_id="appraisals_credit_detail",
    summary="A functional official's angka kredit per year and toward the next rank and jenjang",
)
def credit_detail(request, employee_id: Id):
    """Per year the months at each jenjang, the annual predikat and the credit (PermenPANRB
    1/2023), and the total at the jenjang held now against the next thresholds."""
    viewer = request.viewer
    return selectors.credit_page(viewer, selectors.get_credit_employee(viewer, employee_id))
