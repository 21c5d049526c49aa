"""The citizen's pages: the survey of a counter (`/survei/<token>/`) and the thanks.

No login, no JavaScript, no staff layout. The page sets a signed random device cookie on the
first visit (the key of the per-device limit); the answers go through
`services.response_submit`, which checks them and applies the limits. Every refusal
re-renders the page with what was typed and a clear message; success redirects to the thanks
(post/redirect/get). `?kiosk=1` shows the kiosk variant: the thanks return to a fresh form.

On a kiosk the page also loads `surveys/kiosk.js` and the service worker `/survei/kiosk-sw.js`,
which keep the page usable without a network: answers given offline wait on the tablet and are
sent, with the moment they were given (`answered_at`), when the network returns.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.core.http import client_address
from kinerja.surveys import rules, selectors, services
from kinerja.surveys.forms import HONEYPOT, SurveyForm
from kinerja.surveys.models import Channel
from kinerja.surveys.services import SubmissionRefused
from kinerja.surveys.views.setup import KIOSK_COOKIE, KIOSK_SALT

DEVICE_COOKIE = "kinerja_skm_device"
DEVICE_SALT = "kinerja.surveys.device"
DEVICE_COOKIE_DAYS = 365
KIOSK_RETURN_SECONDS = 8


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check, answering with the reason instead of the 403 page, so that the
    survey can show its own message and keep what the citizen typed."""

    def _reject(self, request, reason):
        return reason


def _csrf_failure(request) -> str | None:
    return _CsrfCheck(lambda r: None).process_view(request, lambda r: None, (), {})


def _closed(request):
    """A token that names no open counter: said plainly, or, past the address's misses of the
    hour (a script trying tokens), refused with 429."""
    refused = services.point_missed(address=client_address(request))
    return render(
        request,
        "surveys/public/closed.html",
        {"refused": refused},
        status=429 if refused else 404,
    )


def _device(request) -> tuple[str | None, bool]:
    """The device's key from its signed cookie, or a new one (True: to be set)."""
    known = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)
    if known:
        return known, False
    return secrets.token_urlsafe(16), True


def _with_device(response, key: str, new: bool):
    if new:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            key,
            salt=DEVICE_SALT,
            max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _trusted_kiosk(request, point) -> bool:
    """The unit's staff opened this point's kiosk on this device (setup.point_kiosk_view)."""
    return request.get_signed_cookie(KIOSK_COOKIE, default=None, salt=KIOSK_SALT) == point.token


def _queued_at(raw: str):
    """The moment a kiosk kept answers while offline (ISO 8601 with its offset), or None."""
    try:
        moment = parse_datetime(raw[:40]) if raw else None
    except ValueError:
        return None
    return moment if moment is not None and timezone.is_aware(moment) else None


def _page(request, point, form, *, kiosk, problem="", status=200):
    get_token(request)  # the form's CSRF cookie
    context = {
        "point": point,
        "unit": point.unit,
        "agency": point.unit.agency,
        "form": form,
        "kiosk": kiosk,
        "offline_kiosk": kiosk and _trusted_kiosk(request, point),
        "problem": problem,
        "honeypot": HONEYPOT,
        "return_seconds": KIOSK_RETURN_SECONDS,
        "kiosk_scope": _kiosk_scope(),
    }
    return render(request, "surveys/public/survey.html", context, status=status)


def _kiosk_scope() -> str:
    """Where the kiosk's service worker reaches: every counter's page under /survei/."""
    return reverse("surveys:kiosk_worker").rsplit("/", 1)[0] + "/"


@csrf_exempt  # checked below, so that a stale form keeps its answers
def survey_view(request, token: str):
    try:
        point = selectors.public_point(token)
    except Http404:
        return _closed(request)
    kiosk = request.GET.get("kiosk") == "1"
    services_list = selectors.point_services(point)
    fixed = point.service if point.service_id else None
    device_key, new_device = _device(request)
    if request.method != "POST":
        form = SurveyForm(services=services_list, fixed_service=fixed)
        return _with_device(_page(request, point, form, kiosk=kiosk), device_key, new_device)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > rules.MAX_BODY_BYTES:
        form = SurveyForm(services=services_list, fixed_service=fixed)
        problem = _("The form sent was too large. Please shorten your suggestion and try again.")
        return _page(request, point, form, kiosk=kiosk, problem=problem, status=413)
    if _csrf_failure(request) is not None:
        form = SurveyForm(request.POST, services=services_list, fixed_service=fixed)
        form.is_valid()  # shows what was typed as it was typed
        problem = _(
            "The form had expired, so nothing was recorded yet. Your answers are kept below: "
            "please send them again."
        )
        response = _page(request, point, form, kiosk=kiosk, problem=problem, status=403)
        return _with_device(response, device_key, new_device)
    # The service checks every answer as the form would: a complete answer is recorded without
    # building the form, which is drawn only to show what was wrong.
    sent = request.POST
    trusted = kiosk and _trusted_kiosk(request, point)
    problem, status, refused = "", 400, None
    try:
        services.response_submit(
            token=point.token,
            point=point,
            answers={element: sent.get(element, "") for element in rules.ELEMENTS},
            service=fixed.pk if fixed is not None else (sent.get("service") or None),
            profile={field: sent.get(field, "") for field in services.PROFILE_CHOICES},
            suggestion=sent.get("suggestion", ""),
            honeypot=sent.get(HONEYPOT, "").strip(),
            channel=Channel.KIOSK if kiosk else Channel.QR,
            device_key=device_key,
            address=client_address(request),
            trusted_kiosk=trusted,
            queued_at=_queued_at(sent.get("answered_at", "")),
            new_device=new_device,
        )
    except SubmissionRefused as refusal:
        problem, status = refusal.message, refusal.status
    except Http404:
        return _closed(request)
    except SERVICE_ERRORS as error:
        refused = error
    else:
        target = reverse("surveys:thanks", args=[point.token])
        response = redirect(target + ("?kiosk=1" if kiosk else ""))
        return _with_device(response, device_key, new_device)
    form = SurveyForm(sent, services=services_list, fixed_service=fixed)
    if form.is_valid() and refused is not None:
        copy_errors(form, refused)
    if not problem:
        problem = _("Some answers are missing or not valid: see the messages below.")
    response = _page(request, point, form, kiosk=kiosk, problem=problem, status=status)
    return _with_device(response, device_key, new_device)


def thanks_view(request, token: str):
    try:
        point = selectors.public_point(token)
    except Http404:
        return _closed(request)
    kiosk = request.GET.get("kiosk") == "1"
    context = {
        "point": point,
        "unit": point.unit,
        "kiosk": kiosk,
        "return_seconds": KIOSK_RETURN_SECONDS,
        "again_url": reverse("surveys:public", args=[point.token]) + "?kiosk=1",
    }
    return render(request, "surveys/public/thanks.html", context)


@require_GET
@cache_control(no_cache=True)
def kiosk_worker_view(request):
    """The kiosk's service worker. Served from /survei/ so that it may keep the kiosk pages of
    every counter (its scope), with the version of the page's assets in its cache name."""
    context = {"scope": _kiosk_scope()}
    script = render_to_string("surveys/public/kiosk-sw.js", context, request=request)
    return HttpResponse(script, content_type="text/javascript; charset=utf-8")
