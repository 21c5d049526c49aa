"""Rencana aksi name one of the evaluation periods of the plan's year instead of a number.

Three migrations: this one adds the period, 0009 fills it from the number, 0010 drops the
number. They are separate because PostgreSQL refuses to alter a table in the transaction that
updated its rows.
"""

import django.db.models.deletion
from django.db import migrations, models


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
    ]
