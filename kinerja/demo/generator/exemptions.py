"""Demo employees not subject to SKP planning (Lampiran PermenPANRB 6/2022, p.65-66).

People on whom nobody's plan depends (no one's rater) and who are not demo logins: a few since
before this year, without a plan of this year, and a couple since last month, whose set plan
stays as it was.
"""

from __future__ import annotations

import datetime

# Per 5,000 employees: two on pre-retirement leave, one on unpaid leave, one temporarily
# dismissed, all since before this year (so without a plan of this year).
EXEMPT_PER_5000 = ("mpp", "mpp", "cltn", "temporary_dismissal")


def _exempt_count(people, without_plan: bool) -> int:
    if not without_plan:
        return 0
    return max(len(EXEMPT_PER_5000), round(len(people) * len(EXEMPT_PER_5000) / 5000))


def _candidates(people, anchors) -> list:
    """People nobody plans under (no one's rater) and who are not demo logins."""
    raters = {id(p.rater) for p in people if p.rater is not None}
    logins = set(anchors.protected) | set(anchors.posts.values())
    return [
        p for p in people if id(p) not in raters and p.post not in logins and p.rater is not None
    ]


def exempt_people(people, anchors, rng, *, without_plan: bool) -> dict:
    """id(person) -> reason, for people who have no plan this year. The oldest go on MPP."""
    count = _exempt_count(people, without_plan)
    if not count:
        return {}
    pool = _candidates(people, anchors)
    reasons = [EXEMPT_PER_5000[n % len(EXEMPT_PER_5000)] for n in range(count)]
    by_age = sorted(pool, key=lambda p: (p.member.obj.birth_date, p.member.obj.pk))
    chosen = {}
    for person in by_age[: reasons.count("mpp")]:
        chosen[id(person)] = "mpp"
    rest = [p for p in pool if id(p) not in chosen]
    others = [r for r in reasons if r != "mpp"]
    for person, reason in zip(rng.sample(rest, min(len(others), len(rest))), others, strict=False):
        chosen[id(person)] = reason
    return chosen


def record(exempt, people, anchors, rng, today) -> int:
    """Record the exemptions of `exempt_people`, and two that began after this year's plans
    were set (those plans close the day before)."""
    from kinerja.skp.services import exemption_record

    year = today.year
    starts = {
        "mpp": (datetime.date(year - 1, 12, 1), datetime.date(year, 11, 30)),
        "cltn": (datetime.date(year - 1, 7, 1), datetime.date(year + 2, 6, 30)),
        "temporary_dismissal": (datetime.date(year - 1, 11, 15), None),
    }
    by_id = {id(p): p for p in people}
    rows = [(by_id[key], reason, *starts[reason]) for key, reason in exempt.items()]
    if today.month >= 3:
        # Exempt after this year's plan was set: the plan closes, no new one is started.
        kept = [p for p in _candidates(people, anchors) if id(p) not in exempt]
        start = datetime.date(year, today.month - 1, 1)
        for person, reason in zip(
            rng.sample(kept, min(2, len(kept))),
            ("temporary_dismissal", "non_structural"),
            strict=False,
        ):
            rows.append((person, reason, start, None))
    for number, (person, reason, start, end) in enumerate(rows, start=1):
        exemption_record(
            actor=None,
            employee=person.member.obj,
            reason=reason,
            start_date=start,
            end_date=end,
            decree_number=f"800.1.6/{number:03d}/BKPSDM/{start.year}",
        )
    return len(rows)
