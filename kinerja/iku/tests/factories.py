"""Small builders of organisation-performance data, through the services."""

import datetime

from kinerja.accounts.viewer import build_viewer
from kinerja.iku.models import GoalLevel
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import tree as tree_services

TODAY = datetime.date(2025, 3, 3)


def viewer(personas, key, today=TODAY):
    return build_viewer(personas.users[key], today=today)


def performance_year(agency, year=2025, evaluation_period="quarterly", **settings):
    return calendar_services.performance_year_create(
        actor=None, agency=agency, year=year, evaluation_period=evaluation_period, **settings
    )


def goal(personas, unit_key="dinkes", level=GoalLevel.SASARAN_STRATEGIS, parent=None, **extra):
    unit = personas.units[unit_key]
    extra.setdefault("statement", f"Sasaran {unit.code}")
    return tree_services.goal_create(
        actor=None,
        agency=personas.agency,
        level=level,
        owner_unit=unit,
        plan_start_year=extra.pop("plan_start_year", 2025),
        plan_end_year=extra.pop("plan_end_year", 2029),
        parent=parent,
        **extra,
    )


def indicator(goal, name="Cakupan layanan", polarity="higher", consolidation="sum", **extra):
    extra.setdefault("unit_of_measure", "%")
    return tree_services.indicator_create(
        actor=None, goal=goal, name=name, polarity=polarity, consolidation=consolidation, **extra
    )
