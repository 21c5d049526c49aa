import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Employees log in by NIP through `employee`; others by username."""

    agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    employee = models.OneToOneField(
        "org.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    @property
    def audit_label(self) -> str:
        return f"{self.full_name or self.username} ({self.username})"


class Role(models.TextChoices):
    PEGAWAI = "pegawai", _("Employee")
    ATASAN = "atasan", _("Supervisor")
    ADMIN_UNIT = "admin_unit", _("Unit administrator")
    BKPSDM_ADMIN = "bkpsdm_admin", _("BKPSDM administrator")
    PIMPINAN = "pimpinan", _("Regional leadership")
    AUDITOR = "auditor", _("Auditor (inspektorat)")


GRANTABLE_ROLES = [Role.ADMIN_UNIT, Role.BKPSDM_ADMIN, Role.PIMPINAN, Role.AUDITOR]


class RoleGrant(models.Model):
    """A role given to a user. Pegawai and atasan are not granted: they follow from positions."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(r.value, r.label) for r in GRANTABLE_ROLES],
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_grant_unique"),
            models.CheckConstraint(
                condition=(Q(role=Role.ADMIN_UNIT) & Q(unit__isnull=False))
                | (~Q(role=Role.ADMIN_UNIT) & Q(unit__isnull=True)),
                name="role_grant_unit_only_for_admin_unit",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class UserSession(models.Model):
    """A signed-in browser of a user, so that the user can see where they are signed in and end
    a session they do not recognise. The session itself lives in Django's session store; this
    row is removed when the session ends."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="browser_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last active"), default=timezone.now)
    ip_address = models.CharField(_("address"), max_length=64, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")
        indexes = [models.Index(fields=["user", "-last_seen_at"], name="user_session_recent")]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "knj_" + secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class LoginFailureCounter(models.Model):
    """Recent failed logins counted on one key, to slow down password guessing.

    A key is an HMAC of what is counted (the resolved account, the client address, or the
    account together with the address or with a browser the account logged in from), so that
    neither NIPs nor addresses are stored in clear. `kinerja.accounts.throttle` explains the
    policy.
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account"
        ADDRESS = "address"
        ACCOUNT_ADDRESS = "account_address"
        ACCOUNT_DEVICE = "account_device"

    scope = models.CharField(max_length=20, choices=Scope.choices)
    key = models.CharField(max_length=64)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(db_index=True)
    blocked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login failure counter")
        verbose_name_plural = _("login failure counters")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="login_failure_counter_unique")
        ]

    def __str__(self):
        return f"{self.scope} {self.key[:12]}"
