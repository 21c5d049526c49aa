"""Writes for accounts: users, roles, API tokens and the login throttle."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import ApiToken, LoginThrottle, Role, RoleGrant, User
from kinerja.core import audit
from kinerja.core.choices import choose

USER_FIELDS = ["username", "full_name", "email", "is_active", "agency", "employee"]


@transaction.atomic
def user_create(
    *,
    actor,
    agency,
    username: str,
    password: str | None,
    full_name: str = "",
    employee=None,
    email: str = "",
) -> User:
    from kinerja.org.models import Employee

    employee = choose(Employee.objects.filter(agency_id=agency.pk), employee, field="employee")
    user = User(
        agency=agency,
        username=username.strip(),
        full_name=full_name.strip(),
        employee=employee,
        email=email,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(
        actor=actor,
        action="accounts.user.created",
        obj=user,
        agency=agency,
        after=audit.snapshot(user, USER_FIELDS),
    )
    return user


@transaction.atomic
def role_grant(*, actor, user: User, role: str, unit=None) -> RoleGrant:
    if user.agency_id is None:
        raise ValidationError({"user": _("The user belongs to no agency.")})
    from kinerja.org.models import Unit

    unit = choose(Unit.objects.filter(agency_id=user.agency_id), unit, field="unit")
    grant = RoleGrant(user=user, agency_id=user.agency_id, role=role, unit=unit)
    grant.full_clean()
    grant.save()
    audit.record(
        actor=actor,
        action="accounts.role.granted",
        obj=grant,
        agency=user.agency,
        after=audit.snapshot(grant),
    )
    return grant


@transaction.atomic
def role_revoke(*, actor, grant: RoleGrant) -> None:
    before = audit.snapshot(grant)
    audit.record(
        actor=actor, action="accounts.role.revoked", obj=grant, agency=grant.agency, before=before
    )
    grant.delete()


@transaction.atomic
def api_token_create(
    *, actor, user: User, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and only its hash is kept."""
    key = ApiToken.new_key()
    token = ApiToken(
        user=user,
        name=name.strip() or _("API token"),
        prefix=key[4:12],
        key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + datetime.timedelta(days=days or settings.API_TOKEN_DAYS),
    )
    token.full_clean()
    token.save()
    audit.record(
        actor=actor,
        action="accounts.api_token.created",
        obj=token,
        agency=user.agency,
        after={
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action="accounts.api_token.revoked",
            obj=token,
            agency=token.user.agency,
            after={"revoked_at": token.revoked_at.isoformat()},
        )
    return token


# --- login throttle ---------------------------------------------------------------------------


def _throttle_key(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()


def login_locked_until(login: str) -> datetime.datetime | None:
    row = LoginThrottle.objects.filter(key=_throttle_key(login)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def login_failed(login: str) -> None:
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    row, _created = LoginThrottle.objects.select_for_update().get_or_create(
        key=_throttle_key(login), defaults={"first_failure_at": now}
    )
    if now - row.first_failure_at > window:
        row.failures = 0
        row.first_failure_at = now
        row.locked_until = None
    row.failures = F("failures") + 1
    row.save()
    row.refresh_from_db()
    if row.failures >= settings.LOGIN_FAILURE_LIMIT:
        row.locked_until = now + window
        row.save(update_fields=["locked_until"])


def login_succeeded(login: str) -> None:
    LoginThrottle.objects.filter(key=_throttle_key(login)).delete()


__all__ = ["Role"]
