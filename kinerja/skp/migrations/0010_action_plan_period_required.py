"""Rencana aksi keep only their period: the number and its constraints go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('skp', '0009_action_plan_period_data'),
    ]

    operations = [
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
