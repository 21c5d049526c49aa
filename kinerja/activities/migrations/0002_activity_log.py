import django.db.models.deletion
import kinerja.core.fields
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from kinerja.activities import partitions


def partition_by_month(apps, schema_editor):
    """PostgreSQL: recreate the activity table partitioned by month, with the months of this
    year and the next (SQLite keeps the plain table)."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    partitions.partition_table(connection)
    year = timezone.localdate().year
    for each in (year, year + 1):
        partitions.create_month_partitions(connection, each)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("iku", "0005_target_shape_and_period_coverage"),
        ("org", "0003_dated_range_constraints"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityCatalogueItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="activity")),
                (
                    "standard_minutes",
                    models.PositiveSmallIntegerField(verbose_name="standard minutes"),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="in use")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "catalogue activity",
                "verbose_name_plural": "activity catalogue",
                "ordering": ["name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Activity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="date")),
                ("start_time", models.TimeField(blank=True, null=True, verbose_name="from")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="to")),
                ("minutes", models.PositiveSmallIntegerField(verbose_name="minutes")),
                (
                    "description",
                    kinerja.core.fields.LimitedTextField(
                        max_length=2000, verbose_name="what was done"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("rhk_key", models.UUIDField(blank=True, null=True, verbose_name="RHK")),
                (
                    "evidence",
                    models.FileField(
                        blank=True, upload_to="activities/%Y/%m/", verbose_name="photo or file"
                    ),
                ),
                (
                    "evidence_name",
                    models.CharField(blank=True, max_length=255, verbose_name="file name"),
                ),
                ("evidence_type", models.CharField(blank=True, max_length=100)),
                ("evidence_sha256", models.CharField(blank=True, max_length=64)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Awaiting verification"),
                            ("verified", "Verified"),
                            ("returned", "Returned for correction"),
                        ],
                        default="submitted",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("digest", models.CharField(max_length=64)),
                (
                    "is_repeat",
                    models.BooleanField(default=False, verbose_name="repeated from an earlier day"),
                ),
                ("filed_at", models.DateTimeField(verbose_name="filed")),
                (
                    "filing_delay_days",
                    models.PositiveSmallIntegerField(
                        verbose_name="days between the day and filing"
                    ),
                ),
                (
                    "verified_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="verified"),
                ),
                (
                    "returned_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="returned"),
                ),
                (
                    "return_comment",
                    kinerja.core.fields.LimitedTextField(
                        blank=True, max_length=1000, verbose_name="reason for returning"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "action_period",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="iku.period",
                        verbose_name="rencana aksi of the period",
                    ),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.agency",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.employee",
                        verbose_name="employee",
                    ),
                ),
                (
                    "verified_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "catalogue_item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="activities.activitycatalogueitem",
                        verbose_name="catalogue activity",
                    ),
                ),
            ],
            options={
                "verbose_name": "daily activity",
                "verbose_name_plural": "daily activities",
                "ordering": ["date", "start_time", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="activitycatalogueitem",
            constraint=models.UniqueConstraint(
                fields=("agency", "name"), name="activity_catalogue_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="activitycatalogueitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("standard_minutes__gte", 1), ("standard_minutes__lte", 1440)),
                name="activity_catalogue_minutes_in_a_day",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["employee", "date"], name="activity_employee_date"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["agency", "status", "date"], name="activity_agency_status"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["agency", "digest"], name="activity_agency_digest"),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(("minutes__gte", 1), ("minutes__lte", 1440)),
                name="activity_minutes_in_a_day",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("start_time__isnull", True),
                    ("end_time__isnull", True),
                    ("start_time__lt", models.F("end_time")),
                    _connector="OR",
                ),
                name="activity_start_before_end",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "verified"), _negated=True),
                    ("verified_at__isnull", False),
                    _connector="OR",
                ),
                name="activity_verified_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "returned"), _negated=True),
                    models.Q(("return_comment", ""), _negated=True),
                    _connector="OR",
                ),
                name="activity_returned_has_comment",
            ),
        ),
        migrations.RunPython(partition_by_month, migrations.RunPython.noop),
    ]
