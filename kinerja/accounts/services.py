"""Writes for accounts: users, roles and API tokens (the login throttle is in `throttle`)."""

from __future__ import annotations

import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import ApiToken, Role, RoleGrant, User, UserSession
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
    employee_model = User.employee.field.related_model
    employee = choose(
        employee_model.objects.filter(agency_id=agency.pk), employee, field="employee"
    )
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
    unit_model = RoleGrant.unit.field.related_model
    unit = choose(unit_model.objects.filter(agency_id=user.agency_id), unit, field="unit")
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


# --- password and signed-in sessions ------------------------------------------------------


def user_session_touch(*, user: User, session_key: str, ip_address, user_agent: str) -> None:
    """Record that a browser is signed in as ``user`` (written by the session middleware)."""
    UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "last_seen_at": timezone.now(),
            "ip_address": ip_address or "",
            "user_agent": user_agent[:300],
        },
    )


def user_session_forget(*, session_key: str | None) -> None:
    """The browser signed out: its row goes with its session."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def _end_sessions(sessions) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in sessions:
        store(session_key=session.session_key).delete()
        session.delete()
        ended += 1
    return ended


@transaction.atomic
def user_session_end(*, actor, session: UserSession) -> None:
    """End one signed-in session of the actor's own (another browser is signed out)."""
    if actor is None or session.user_id != actor.pk:
        raise PermissionDenied(_("You may end only your own sessions."))
    audit.record(
        actor=actor,
        action="accounts.session.ended",
        obj=session.user,
        agency=session.user.agency,
        after={"signed_in": session.created_at.isoformat()},
    )
    _end_sessions([session])


@transaction.atomic
def user_sessions_end_others(*, actor, user: User, keep_session_key: str | None) -> int:
    """End every signed-in session of ``user`` except the one in use."""
    if actor is None or user.pk != actor.pk:
        raise PermissionDenied(_("You may end only your own sessions."))
    others = list(UserSession.objects.filter(user=user).exclude(session_key=keep_session_key))
    if others:
        audit.record(
            actor=actor,
            action="accounts.session.ended",
            obj=user,
            agency=user.agency,
            after={"sessions": len(others)},
        )
    return _end_sessions(others)


@transaction.atomic
def user_password_change(
    *, actor, user: User, current_password: str, new_password: str, keep_session_key=None
) -> User:
    """Change one's own password: the current one must be right and the new one must pass the
    project's password rules; every other signed-in session of the user is ended."""
    if actor is None or user.pk != actor.pk:
        raise PermissionDenied(_("You may change only your own password."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(current_password):
        raise ValidationError(
            {"current_password": _("The current password is wrong.")}, code="wrong_password"
        )
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password": error.messages}) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(actor=actor, action="accounts.password.changed", obj=user, agency=user.agency)
    _end_sessions(list(UserSession.objects.filter(user=user).exclude(session_key=keep_session_key)))
    return user


__all__ = ["Role"]
