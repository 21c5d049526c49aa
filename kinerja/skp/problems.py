"""What stops an SKP from being submitted, read from the database and put into words."""

from __future__ import annotations

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kinerja.skp import rules
from kinerja.skp.models import Perspective, Rhk, RhkIndicator, RhkSource, Skp


def _indicator_facts(row: RhkIndicator) -> rules.IndicatorFacts:
    return rules.IndicatorFacts(
        text=row.text,
        aspect=row.aspect,
        target_text=row.target_text,
        target_value=row.target_value,
        unit_of_measure=row.unit_of_measure,
    )


def plan_facts(skp: Skp, rhks: list[Rhk] | None = None) -> list[rules.RhkFacts]:
    """The plan's RHK and indicators as the rules read them. `rhks`: the plan's RHK as
    `selectors.skp_content` loaded them (in order, with their indicators), when a page has
    them already; else they are read here."""
    if rhks is not None:
        return [
            _rhk_facts(rhk, [_indicator_facts(row) for row in rhk.indicators.all()]) for rhk in rhks
        ]
    indicators: dict[int, list] = {}
    for row in RhkIndicator.objects.filter(rhk__skp=skp).order_by("order", "pk"):
        indicators.setdefault(row.rhk_id, []).append(_indicator_facts(row))
    return [
        _rhk_facts(rhk, indicators.get(rhk.pk, ()))
        for rhk in Rhk.objects.filter(skp=skp).order_by("kind", "order", "pk")
    ]


def _rhk_facts(rhk: Rhk, indicators) -> rules.RhkFacts:
    return rules.RhkFacts(
        key=str(rhk.pk),
        text=rhk.text,
        kind=rhk.kind,
        perspective=rhk.perspective,
        intervenes=rhk.intervenes,
        indicators=tuple(indicators),
        iku_indicator_id=rhk.iku_indicator_id,
        acting=rhk.source == RhkSource.ACTING,
    )


def plan_problems_of(skp: Skp, facts: list[rules.RhkFacts] | None = None) -> list[rules.Problem]:
    from kinerja.skp.services.plan import pk_indicator_ids

    if facts is None:
        facts = plan_facts(skp)
    return rules.plan_problems(
        skp.form, skp.approach, facts, pk_indicator_ids=pk_indicator_ids(skp)
    )


MESSAGES = {
    "no_utama": lambda: _("Add at least one main (utama) RHK."),
    "rhk_text_missing": lambda: _("An RHK has no text."),
    "rhk_without_indicator": lambda: _("RHK “%(rhk)s” has no indicator."),
    "perspective_missing": lambda: _("RHK “%(rhk)s” needs a perspective."),
    "intervention_missing": lambda: _(
        "RHK “%(rhk)s” must name the leader's RHK or the organisation indicator it intervenes."
    ),
    "indicator_text_missing": lambda: _("An indicator of RHK “%(rhk)s” has no text."),
    "aspect_missing": lambda: _("An indicator of RHK “%(rhk)s” needs an aspect."),
    "quantitative_target_missing": lambda: _(
        "An indicator of RHK “%(rhk)s” needs a target value and a unit of measure "
        "(quantitative approach)."
    ),
    "target_missing": lambda: _("An indicator of RHK “%(rhk)s” needs a target."),
    "budget_perspective_missing": lambda: _(
        "A JPT SKP must include at least one RHK in the budget (anggaran) perspective."
    ),
    "pk_target_missing": lambda: _(
        "The Perjanjian Kinerja indicator “%(indicator)s” must be a main RHK."
    ),
}


def problem_messages(
    skp: Skp, problems: list[rules.Problem], rhks: list[Rhk] | None = None
) -> list[str]:
    from kinerja.iku.models import Indicator

    if not problems:
        return []
    if rhks is not None:
        texts = {rhk.pk: rhk.text for rhk in rhks}
    else:
        texts = dict(Rhk.objects.filter(skp=skp).values_list("pk", "text"))
    pk_ids = [int(p.detail) for p in problems if p.code == "pk_target_missing"]
    names = dict(Indicator.objects.filter(pk__in=pk_ids).values_list("pk", "name"))
    messages = []
    for problem in problems:
        rhk_text = texts.get(int(problem.rhk_key), "") if problem.rhk_key else ""
        params = {
            "rhk": Truncator(rhk_text).chars(60),
            "indicator": names.get(int(problem.detail), "") if problem.detail else "",
        }
        messages.append(MESSAGES[problem.code]() % params)
    return messages


def plan_warnings(skp: Skp, facts: list[rules.RhkFacts] | None = None) -> list[str]:
    """Advice that does not block submission."""
    warnings = []
    if facts is None:
        facts = plan_facts(skp)
    if skp.form == rules.FORM_JPT:
        labels = dict(Perspective.choices)
        for code in rules.missing_perspectives(facts):
            if code != rules.BUDGET_PERSPECTIVE:
                warnings.append(
                    _("No RHK covers the perspective %(perspective)s yet.")
                    % {"perspective": labels[code]}
                )
    else:
        for rhk in facts:
            for indicator in rhk.indicators:
                words = rules.absolute_target_words(indicator.target_text)
                if words:
                    warnings.append(
                        _(
                            "The target of RHK “%(rhk)s” uses absolute words (%(words)s); "
                            "use them only for results involving lives, security or large losses."
                        )
                        % {"rhk": Truncator(rhk.text).chars(60), "words": ", ".join(words)}
                    )
    return warnings
