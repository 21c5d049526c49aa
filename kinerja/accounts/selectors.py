from kinerja.accounts.models import ApiToken


def api_tokens_of(viewer):
    if viewer.user is None or not viewer.user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=viewer.user).order_by("-created_at")
