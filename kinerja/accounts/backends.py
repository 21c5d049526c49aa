from django.contrib.auth.backends import ModelBackend

from kinerja.accounts.models import User
from kinerja.core.numbers import is_ascii_digits
from kinerja.org.rules import normalise_nip


class NipOrUsernameBackend(ModelBackend):
    """Log in with an 18-digit NIP (through the linked employee) or with a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        login = username.strip()
        candidate = normalise_nip(login)
        user = None
        if len(candidate) == 18 and is_ascii_digits(candidate):
            user = User.objects.filter(employee__nip=candidate, employee__is_active=True).first()
        if user is None:
            user = User.objects.filter(username__iexact=login).first()
        if user is None:
            # Spend the same time as a real check, so that timing does not reveal accounts.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
