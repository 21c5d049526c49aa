"""A citizen's answers to the survey, from the public page or the kiosk API.

`response_submit` is the one way in. It finds the point by its token (404 when it is unknown
or closed), checks every answer (a ValidationError naming each field: the nine elements, the
profile, the service, the suggestion), then applies the limits of `rules` before it writes:

- a filled honeypot field (hidden from people, filled by form-spamming scripts) is refused;
- the same answers from the same device to the same point within
  `rules.DUPLICATE_WINDOW_MINUTES` are a repeat (the `fingerprint` column);
- at most `rules.DEVICE_DAILY_LIMIT` answers a day per device and point (not for a kiosk
  tablet that the unit's staff opened), at most `rules.ADDRESS_HOURLY_LIMIT` an hour per
  address and point (`rules.KIOSK_ADDRESS_HOURLY_LIMIT` for such a kiosk).

The kiosk API finds the point first with `point_lookup`: a token that names no open point
counts against the caller's address, and past `rules.LOOKUP_FAILURES_PER_ADDRESS` an hour the
address is refused before its token is tried, so that tokens cannot be found by trying them
at machine speed (the survey page does not count its misses).

Refusals are `SubmissionRefused`, with a translated message and the HTTP status the page and
the API answer. Keys are HMACs under the secret key (as the login throttle's): neither the
counters nor the answers hold an address or a cookie. The counters and the answer are written in
one transaction with an audit event that names no one. Both counters are taken in one statement
(an upsert that adds one only below the limit), and counters too old for any window are swept
at most every `SWEEP_EVERY` per process, not on every answer: the survey is the one page a
crowd may post at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import audit
from kinerja.core.queries import commit_without_waiting_for_disk
from kinerja.surveys import rules, selectors
from kinerja.surveys.models import (
    SUGGESTION_MAX,
    AgeBand,
    Channel,
    Education,
    Occupation,
    Response,
    Sex,
    SubmissionCount,
    SurveyPoint,
)

# The time as the limits see it; tests replace it instead of sleeping.
clock = timezone.now

_KEY_SALT = "kinerja.surveys.responses.key"
# How the audit trail names whoever answered: the survey is anonymous.
PUBLIC_ACTOR = "responden SKM"
# Counters older than this are of no use to any window.
COUNTER_MEMORY = datetime.timedelta(days=2)
# How often a process sweeps the counters older than COUNTER_MEMORY.
SWEEP_EVERY = datetime.timedelta(minutes=10)
_last_sweep: datetime.datetime | None = None

PROFILE_CHOICES = {
    "age_band": AgeBand,
    "sex": Sex,
    "education": Education,
    "occupation": Occupation,
}
PROFILE_REQUIRED = {
    "age_band": gettext_lazy("Choose your age."),
    "sex": gettext_lazy("Choose your sex."),
    "education": gettext_lazy("Choose your education."),
    "occupation": gettext_lazy("Choose your occupation."),
}
CHANNELS = (Channel.QR, Channel.KIOSK, Channel.WEB)


class SubmissionRefused(Exception):
    """Answers that the limits refuse: `reason` (honeypot, duplicate, device, address), a
    translated `message` for the citizen and the HTTP `status` of the answer."""

    def __init__(self, reason: str, message: str, status: int):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status


def _key(*parts) -> str:
    text = "\x1f".join(str(part) for part in parts)
    return salted_hmac(_KEY_SALT, text, algorithm="sha256").hexdigest()


def _score(value):
    """A score 1 to 4 from an int or its digits; None when missing; False when malformed."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        score = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        score = int(value.strip())
    else:
        return False
    return score if rules.LOWEST_SCORE <= score <= rules.HIGHEST_SCORE else False


def _clean(point, answers, service, profile, suggestion) -> dict:
    errors: dict[str, list[str]] = {}
    scores = {}
    for element in rules.ELEMENTS:
        score = _score(answers.get(element))
        if score is None:
            errors[element] = [
                _("Choose an answer for “%(element)s”.") % {"element": rules.ELEMENT_NAMES[element]}
            ]
        elif score is False:
            errors[element] = [_("Choose one of the four answers.")]
        else:
            scores[element] = score
    cleaned_profile = {}
    for field, choices in PROFILE_CHOICES.items():
        value = profile.get(field)
        if value in (None, ""):
            errors[field] = [str(PROFILE_REQUIRED[field])]
        elif not isinstance(value, str) or value not in choices.values:
            errors[field] = [_("Choose one of the answers offered.")]
        else:
            cleaned_profile[field] = value
    offered = selectors.point_services(point)
    chosen = None
    if point.service_id is not None:
        chosen = point.service
        if service not in (None, "") and str(service) != str(point.service_id):
            errors["service"] = [_("Choose one of the services offered.")]
    elif offered:
        if service in (None, ""):
            errors["service"] = [_("Choose the service you used.")]
        else:
            chosen = next((s for s in offered if str(s.pk) == str(service).strip()), None)
            if chosen is None:
                errors["service"] = [_("Choose one of the services offered.")]
    if suggestion is None:
        suggestion = ""
    if not isinstance(suggestion, str) or "\x00" in suggestion:
        errors["suggestion"] = [_("Write your suggestion as plain text.")]
        suggestion = ""
    suggestion = suggestion.strip()
    if len(suggestion) > SUGGESTION_MAX:
        errors["suggestion"] = [
            _("At most %(max)s characters (you wrote %(count)s).")
            % {"max": SUGGESTION_MAX, "count": len(suggestion)}
        ]
    if errors:
        raise ValidationError(errors, code="invalid")
    return {
        "scores": scores,
        "service": chosen,
        "profile": cleaned_profile,
        "suggestion": suggestion,
    }


def _sweep(now: datetime.datetime) -> None:
    """Delete the counters no window needs any more, at most every SWEEP_EVERY per process."""
    global _last_sweep
    if _last_sweep is not None and abs(now - _last_sweep) < SWEEP_EVERY:
        return
    SubmissionCount.objects.filter(window_start__lt=now - COUNTER_MEMORY).delete()
    _last_sweep = now


def _take(windows: list[tuple[str, str, datetime.datetime]], limits: Mapping[str, int]) -> set:
    """Count one answer on each (scope, key, window start) below its scope's limit, in one
    statement: a new window opens at one, a window below the limit adds one, a full one is
    left as it is (two processes on the same window wait for each other). Answers the scopes
    counted; the caller refuses, and so rolls back, when one is missing."""
    table = connection.ops.quote_name(SubmissionCount._meta.db_table)
    count = connection.ops.quote_name("count")
    rows = ", ".join(["(%s, %s, %s, 1)"] * len(windows))
    cases = " ".join(["WHEN %s THEN %s"] * len(limits))
    params = [
        value
        for scope, key, start in windows
        for value in (scope, key, connection.ops.adapt_datetimefield_value(start))
    ]
    params += [value for scope, limit in limits.items() for value in (scope, limit)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, {connection.ops.quote_name('key')}, window_start, "
            f"{count}) VALUES {rows} ON CONFLICT (scope, {connection.ops.quote_name('key')}, "
            f"window_start) DO UPDATE SET {count} = {table}.{count} + 1 "
            f"WHERE {table}.{count} < CASE {table}.scope {cases} END RETURNING scope",
            params,
        )
        return {row[0] for row in cursor.fetchall()}


def point_lookup(token, *, address: str, now: datetime.datetime | None = None) -> SurveyPoint:
    """The open point named by `token`, for a caller at `address` (the kiosk API).

    A token naming no open point counts against the address (Http404); once the address has
    tried `rules.LOOKUP_FAILURES_PER_ADDRESS` such tokens in the hour, every look-up from it is
    refused (429) until the next hour, a good token too. Good tokens never count."""
    now = now or clock()
    hour_start = now.replace(minute=0, second=0, microsecond=0)
    key = _key("lookup", address)
    scope = SubmissionCount.Scope.LOOKUP
    tried = SubmissionCount.objects.filter(scope=scope, key=key, window_start=hour_start).first()
    if tried is not None and tried.count >= rules.LOOKUP_FAILURES_PER_ADDRESS:
        raise SubmissionRefused(
            "lookup",
            _(
                "Too many survey addresses that match no counter were tried from your network. "
                "Please try again later."
            ),
            429,
        )
    try:
        return selectors.public_point(token)
    except Http404:
        with transaction.atomic():
            _take([(scope, key, hour_start)], {scope: rules.LOOKUP_FAILURES_PER_ADDRESS})
        raise


def point_missed(*, address: str, now: datetime.datetime | None = None) -> bool:
    """Count a survey page asked for by a token that names no open point (the citizen's page:
    a good token costs nothing, so a citizen is never held up). Answers True once the address
    has already missed `rules.LOOKUP_FAILURES_PER_ADDRESS` times this hour, the kiosk API's
    misses included: the page then says so instead of only that the survey is not open."""
    now = now or clock()
    hour_start = now.replace(minute=0, second=0, microsecond=0)
    scope = SubmissionCount.Scope.LOOKUP
    with transaction.atomic():
        counted = _take(
            [(scope, _key("lookup", address), hour_start)],
            {scope: rules.LOOKUP_FAILURES_PER_ADDRESS},
        )
    return scope not in counted


def response_submit(
    *,
    token: str,
    answers: Mapping,
    service=None,
    profile: Mapping | None = None,
    suggestion: str = "",
    honeypot: str = "",
    channel: str = Channel.QR,
    device_key: str | None,
    address: str,
    trusted_kiosk: bool = False,
    queued_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    point=None,
    new_device: bool = False,
) -> Response:
    """Record one citizen's answers given at the point named by `token`.

    `answers` maps each element to its score (1 to 4, as a number or its digits); `profile`
    holds age_band, sex, education and occupation; `service` is an id among the point's
    services. `device_key` is the device's own secret (the page's signed cookie, the kiosk
    app's key), None when it has none: its address stands in. `trusted_kiosk` when the unit's
    staff opened the point's kiosk on this device; such a kiosk sends answers it kept while
    offline with `queued_at`, the moment they were given, which sets the day of service.
    `point` is the open point the caller has just read by this token (the survey page reads it
    to draw the form), so as not to read it again. `new_device` when the page has only now given
    the device its key: it cannot have sent these answers before, so no repeat is looked for.
    """
    if point is None or point.token != token:
        point = selectors.public_point(token)
    if honeypot:
        raise SubmissionRefused(
            "honeypot", _("Your answers could not be recorded. Please try again."), 400
        )
    cleaned = _clean(point, answers or {}, service, profile or {}, suggestion)
    if channel not in CHANNELS:
        channel = Channel.QR
    now = now or clock()
    day = timezone.localdate(rules.answered_at(queued_at, now, trusted_kiosk=trusted_kiosk))
    device = device_key or f"address:{address}"
    scores = cleaned["scores"]
    fingerprint = _key(
        "answer",
        point.pk,
        device,
        *(scores[e] for e in rules.ELEMENTS),
        getattr(cleaned["service"], "pk", ""),
        *(cleaned["profile"][f] for f in PROFILE_CHOICES),
        cleaned["suggestion"],
    )
    since = now - datetime.timedelta(minutes=rules.DUPLICATE_WINDOW_MINUTES)
    _sweep(now)
    with transaction.atomic():
        # Thousands of anonymous answers a day: a crash may lose the last fraction of a second
        # of them, which costs less than every answer waiting for the disk.
        commit_without_waiting_for_disk()
        if (
            not (new_device and device_key)
            and Response.objects.filter(
                fingerprint=fingerprint, point=point, submitted_at__gt=since
            ).exists()
        ):
            raise SubmissionRefused(
                "duplicate", _("These answers were already recorded a moment ago. Thank you."), 409
            )
        hour_start = now.replace(minute=0, second=0, microsecond=0)
        windows = []
        if not trusted_kiosk:
            day_start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            device_window = (SubmissionCount.Scope.DEVICE, _key("device", point.pk, device))
            windows.append((*device_window, day_start))
        address_window = (SubmissionCount.Scope.ADDRESS, _key("address", point.pk, address))
        windows.append((*address_window, hour_start))
        limits = {
            SubmissionCount.Scope.DEVICE: rules.DEVICE_DAILY_LIMIT,
            SubmissionCount.Scope.ADDRESS: (
                rules.KIOSK_ADDRESS_HOURLY_LIMIT if trusted_kiosk else rules.ADDRESS_HOURLY_LIMIT
            ),
        }
        counted = _take(windows, limits)
        if not trusted_kiosk and SubmissionCount.Scope.DEVICE not in counted:
            raise SubmissionRefused(
                "device",
                _(
                    "This device has already sent as many answers for this counter as "
                    "allowed today. Thank you for taking part."
                ),
                429,
            )
        if SubmissionCount.Scope.ADDRESS not in counted:
            raise SubmissionRefused(
                "address",
                _(
                    "Too many answers have come from your network to this counter in the last "
                    "hour. Please try again later."
                ),
                429,
            )
        response = Response(
            agency_id=point.unit.agency_id,
            unit_id=point.unit_id,
            service=cleaned["service"],
            point=point,
            channel=channel,
            submitted_at=now,
            day=day,
            suggestion=cleaned["suggestion"],
            fingerprint=fingerprint,
            **scores,
            **cleaned["profile"],
        )
        response.save()
        audit.record(
            actor=PUBLIC_ACTOR,
            action="surveys.response.submitted",
            obj=response,
            after={"point": point.pk, "service": response.service_id, "channel": channel},
            agency=point.unit.agency,
        )
    return response
