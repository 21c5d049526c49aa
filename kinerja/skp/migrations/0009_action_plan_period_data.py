"""Each rencana aksi's number becomes the month or quarter of that number in the year of its plan.

As the editor showed it: a year that was not configured was shown in quarters, so such a year
is opened here as a quarterly year with its periods. A number the year does not have (a month
past 4 in a quarterly year) was never shown in the editor and is dropped.
"""

import calendar
import datetime

from django.db import migrations


def _quarterly_year(PerformanceYear, Period, agency_id, year):
    py = PerformanceYear.objects.create(agency_id=agency_id, year=year, evaluation_period="quarterly")
    rows = []
    for number in range(1, 5):
        last_month = 3 * number
        rows.append(
            Period(
                performance_year=py,
                kind="quarter",
                number=number,
                start_date=datetime.date(year, last_month - 2, 1),
                end_date=datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
            )
        )
    rows.append(
        Period(
            performance_year=py,
            kind="year",
            number=1,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 31),
        )
    )
    Period.objects.bulk_create(rows)
    return py


def numbers_to_periods(apps, schema_editor):
    ActionPlan = apps.get_model("skp", "ActionPlan")
    PerformanceYear = apps.get_model("iku", "PerformanceYear")
    Period = apps.get_model("iku", "Period")
    years = {}
    plans = ActionPlan.objects.values_list("pk", "period_number", "rhk__skp__agency_id", "rhk__skp__year")
    dropped = []
    for pk, number, agency_id, year in plans.iterator():
        key = (agency_id, year)
        if key not in years:
            py = PerformanceYear.objects.filter(agency_id=agency_id, year=year).first()
            if py is None:
                py = _quarterly_year(PerformanceYear, Period, agency_id, year)
            kind = "month" if py.evaluation_period == "monthly" else "quarter"
            years[key] = dict(
                Period.objects.filter(performance_year=py, kind=kind).values_list("number", "pk")
            )
        period_id = years[key].get(number)
        if period_id is None:
            dropped.append(pk)
        else:
            ActionPlan.objects.filter(pk=pk).update(period_id=period_id)
    ActionPlan.objects.filter(pk__in=dropped).delete()


def periods_to_numbers(apps, schema_editor):
    ActionPlan = apps.get_model("skp", "ActionPlan")
    for pk, number in ActionPlan.objects.values_list("pk", "period__number").iterator():
        ActionPlan.objects.filter(pk=pk).update(period_number=number)


class Migration(migrations.Migration):

    dependencies = [
        ('iku', '0004_text_max_length'),
        ('skp', '0008_action_plan_period'),
    ]

    operations = [
        migrations.RunPython(numbers_to_periods, periods_to_numbers, elidable=False),
    ]
