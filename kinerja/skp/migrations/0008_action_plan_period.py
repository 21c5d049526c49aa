"""Rencana aksi name one of the evaluation periods of the plan's year instead of a number.

Each action plan's number becomes the month or quarter of that number in the year of its plan,
as the editor showed it: a year that was not configured was shown in quarters, so such a year
is opened here as a quarterly year with its periods. A number the year does not have (a month
past 4 in a quarterly year) was never shown in the editor and is dropped.
"""

import calendar
import datetime

import django.db.models.deletion
from django.db import migrations, models


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
        ('skp', '0007_dated_range_constraint'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionplan',
            name='period',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='iku.period', verbose_name='period'),
        ),
        migrations.AlterField(
            model_name='actionplan',
            name='period_number',
            field=models.PositiveSmallIntegerField(null=True, verbose_name='period'),
        ),
        migrations.RunPython(numbers_to_periods, periods_to_numbers, elidable=False),
        migrations.RemoveConstraint(
            model_name='actionplan',
            name='skp_action_period',
        ),
        migrations.RemoveConstraint(
            model_name='actionplan',
            name='skp_action_period_range',
        ),
        migrations.AlterModelOptions(
            name='actionplan',
            options={'ordering': ['rhk_id', 'period__start_date']},
        ),
        migrations.RemoveField(
            model_name='actionplan',
            name='period_number',
        ),
        migrations.AlterField(
            model_name='actionplan',
            name='period',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='iku.period', verbose_name='period'),
        ),
        migrations.AddConstraint(
            model_name='actionplan',
            constraint=models.UniqueConstraint(fields=('rhk', 'period'), name='skp_action_period'),
        ),
    ]
