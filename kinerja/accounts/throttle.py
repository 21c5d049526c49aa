"""Slowing down password guessing without letting anyone lock a colleague out of work.

A failed login is counted on several keys at once, each with its own allowance
(`rules.login_delay`: free failures, then a delay that doubles up to a ceiling):

- the account together with the client address (`LOGIN_FAILURE_LIMIT`): one guesser at one
  address is slowed down quickly, and only there;
- the client address (`LOGIN_ADDRESS_FAILURE_LIMIT`): one address trying many accounts;
- the account from any address (`LOGIN_ACCOUNT_FAILURE_LIMIT`, higher): many addresses trying
  one account.

The account is the resolved one: a NIP in any spelling and the username of the same user are one
account, and a login that names nobody is normalised the same way, so that a guesser gains
nothing by varying the spelling and learns nothing about which accounts exist.

A browser in which the account has logged in before carries a signed "known browser" cookie
(the device cookies of OWASP's "Slow Down Online Guessing Attacks with Device Cookies"). From
such a browser the account's failures are counted for that browser alone: neither a colleague
guessing from the same office network nor an attack from many addresses delays the owner at
their own computer. A refused attempt is not counted, so waiting is never lengthened by trying.

Keys are HMACs under the secret key: the table holds neither NIPs nor addresses. Log lines name
only a key's first characters.
"""

from __future__ import annotations

import datetime
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kinerja.accounts import rules
from kinerja.accounts.backends import nip_of_login, user_for_login
from kinerja.accounts.models import LoginFailureCounter
from kinerja.core.http import client_address

logger = logging.getLogger(__name__)

Scope = LoginFailureCounter.Scope

DEVICE_COOKIE = "kinerja_browser"
DEVICE_COOKIE_DAYS = 180
# A shared office computer may serve several colleagues; more accounts than this are forgotten.
DEVICE_ACCOUNTS = 10
_DEVICE_SALT = "kinerja.accounts.throttle.device"
_KEY_SALT = "kinerja.accounts.throttle.key"

# The time as the throttle sees it; tests replace it instead of sleeping.
clock = timezone.now


def _key(*parts: str) -> str:
    return salted_hmac(_KEY_SALT, "\x1f".join(parts), algorithm="sha256").hexdigest()


def account_identity(login: str) -> str:
    """What the typed login counts as: the user it resolves to, else its normalised spelling."""
    user = user_for_login(login)
    if user is not None:
        return f"user:{user.pk}"
    nip = nip_of_login(login)
    if nip is not None:
        return f"nip:{nip}"
    return f"login:{login.strip().casefold()}"


class LoginAttempt:
    """One login attempt: whom it is for, where it comes from. Its repr shows neither."""

    def __init__(self, *, identity: str, address: str, device: str | None):
        self.identity = identity
        self.address = address
        self.device = device

    def __repr__(self):
        return f"<LoginAttempt known_browser={self.device is not None}>"

    @property
    def account_key(self) -> str:
        return _key(Scope.ACCOUNT, self.identity)

    @property
    def path_key(self) -> tuple[str, str]:
        """The narrowest counter: this account from this browser, or else from this address."""
        if self.device is not None:
            return Scope.ACCOUNT_DEVICE, _key(Scope.ACCOUNT_DEVICE, self.identity, self.device)
        return Scope.ACCOUNT_ADDRESS, _key(Scope.ACCOUNT_ADDRESS, self.identity, self.address)

    def counted_on(self) -> list[tuple[str, str]]:
        if self.device is not None:
            return [self.path_key]
        return [
            self.path_key,
            (Scope.ADDRESS, _key(Scope.ADDRESS, self.address)),
            (Scope.ACCOUNT, self.account_key),
        ]


def login_attempt(request, login: str) -> LoginAttempt:
    identity = account_identity(login)
    device = None
    known = _read_device_cookie(request)
    if known is not None and _account_tag(identity) in known["accounts"]:
        device = known["device"]
    address = client_address(request) if request is not None else "unknown"
    return LoginAttempt(identity=identity, address=address, device=device)


def _limits(scope: str) -> int:
    return {
        Scope.ACCOUNT_ADDRESS: settings.LOGIN_FAILURE_LIMIT,
        Scope.ACCOUNT_DEVICE: settings.LOGIN_FAILURE_LIMIT,
        Scope.ADDRESS: settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        Scope.ACCOUNT: settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
    }[scope]


def _matching(keys: list[tuple[str, str]]) -> Q:
    condition = Q(pk__in=[])
    for scope, key in keys:
        condition |= Q(scope=scope, key=key)
    return condition


def blocked_until(attempt: LoginAttempt) -> datetime.datetime | None:
    """The end of the wait this attempt must respect, or None when it may be checked now."""
    row = (
        LoginFailureCounter.objects.filter(
            _matching(attempt.counted_on()), blocked_until__gt=clock()
        )
        .order_by("-blocked_until")
        .first()
    )
    return row.blocked_until if row else None


@transaction.atomic
def record_failure(attempt: LoginAttempt) -> None:
    now = clock()
    forget_before = now - datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
    LoginFailureCounter.objects.filter(
        Q(blocked_until__isnull=True) | Q(blocked_until__lte=now),
        last_failure_at__lt=forget_before,
    ).delete()
    for scope, key in attempt.counted_on():
        row, _created = LoginFailureCounter.objects.select_for_update().get_or_create(
            scope=scope, key=key, defaults={"last_failure_at": now}
        )
        if row.last_failure_at < forget_before:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        delay = rules.login_delay(
            row.failures,
            limit=_limits(scope),
            first_delay=settings.LOGIN_FIRST_DELAY_SECONDS,
            longest=settings.LOGIN_LONGEST_DELAY_SECONDS,
        )
        row.blocked_until = now + datetime.timedelta(seconds=delay) if delay else None
        row.save()
        if delay:
            logger.warning(
                "Logins delayed %ss on %s key %s… after %s failures",
                delay,
                scope,
                key[:8],
                row.failures,
            )


def record_success(attempt: LoginAttempt) -> None:
    """The account's own counters start again; the address keeps its count.

    Logging in to one's own account must not wipe the count of an address that has been trying
    other people's accounts.
    """
    LoginFailureCounter.objects.filter(
        _matching([attempt.path_key, (Scope.ACCOUNT, attempt.account_key)])
    ).delete()


# --- the known-browser cookie ------------------------------------------------------------------


def _account_tag(identity: str) -> str:
    return _key("browser-account", identity)[:20]


def _read_device_cookie(request) -> dict | None:
    raw = request.COOKIES.get(DEVICE_COOKIE) if request is not None else None
    if not raw:
        return None
    try:
        data = signing.loads(
            raw, salt=_DEVICE_SALT, max_age=datetime.timedelta(days=DEVICE_COOKIE_DAYS)
        )
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("device"), str)
        or not isinstance(data.get("accounts"), list)
    ):
        return None
    return data


def remember_browser(request, response, attempt: LoginAttempt) -> None:
    """After a successful login, mark this browser as known for the account."""
    known = _read_device_cookie(request) or {"device": secrets.token_urlsafe(16), "accounts": []}
    tag = _account_tag(attempt.identity)
    accounts = [tag, *(a for a in known["accounts"] if a != tag)][:DEVICE_ACCOUNTS]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"device": known["device"], "accounts": accounts}, salt=_DEVICE_SALT),
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
