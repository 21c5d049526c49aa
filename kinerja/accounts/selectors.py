from django.contrib.sessions.models import Session
from django.utils import timezone

from kinerja.accounts.models import ApiToken, UserSession


def api_tokens_of(viewer):
    if viewer.user is None or not viewer.user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=viewer.user).order_by("-created_at")


def signed_in_sessions(viewer):
    """The viewer's own signed-in browsers whose session has not expired, latest first."""
    if viewer.user is None or not viewer.user.is_authenticated:
        return UserSession.objects.none()
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=viewer.user, session_key__in=live)


def own_session(viewer, pk: int) -> UserSession | None:
    return signed_in_sessions(viewer).filter(pk=pk).first()
