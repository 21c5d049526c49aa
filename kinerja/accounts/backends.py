from django.contrib.auth.backends import ModelBackend

from kinerja.accounts.models import User
from kinerja.core.nip import normalise_nip
from kinerja.core.numbers import is_ascii_digits
from kinerja.core.queries import Prepared

# Every page reads the signed-in user and names the user's agency (the top bar): one query,
# compiled once.
_signed_in_user = Prepared(
    lambda user_id: User._default_manager.select_related("agency").filter(pk=user_id)[:1],
    user_id=int,
)


def nip_of_login(login: str) -> str | None:
    """The 18-digit NIP that a typed login stands for (spaces, dots, hyphens dropped), or None."""
    candidate = normalise_nip(login.strip())
    if len(candidate) == 18 and is_ascii_digits(candidate):
        return candidate
    return None


def user_for_login(login: str) -> User | None:
    """The user a typed login names: an active employee's NIP first, else a username."""
    login = login.strip()
    user = None
    nip = nip_of_login(login)
    if nip is not None:
        user = User.objects.filter(employee__nip=nip, employee__is_active=True).first()
    if user is None:
        user = User.objects.filter(username__iexact=login).first()
    return user


class NipOrUsernameBackend(ModelBackend):
    """Log in with an 18-digit NIP (through the linked employee) or with a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = user_for_login(username)
        if user is None:
            # Spend the same time as a real check, so that timing does not reveal accounts.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        found = _signed_in_user(user_id=int(user_id))
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
