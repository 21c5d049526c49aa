"""API authentication: a personal bearer token, or the browser session with its CSRF check."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from kinerja.accounts.models import ApiToken
from kinerja.accounts.viewer import build_viewer


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )
        if row is None or not row.is_usable or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        request.viewer = build_viewer(row.user)
        return row.user


class ViewerSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and not hasattr(request, "viewer"):
            request.viewer = build_viewer(user)
        return user
