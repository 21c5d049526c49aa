from django import forms
from django.contrib.auth import authenticate
from django.utils.formats import time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from kinerja.accounts import throttle


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("NIP or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        self.attempt = None
        super().__init__(*args, **kwargs)

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        attempt = throttle.login_attempt(self.request, username)
        locked = throttle.blocked_until(attempt)
        if locked:
            raise forms.ValidationError(
                _("Too many failed attempts. Try again after %(time)s.")
                % {"time": time_format(localtime(locked), "H:i:s")},
                code="locked",
            )
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            throttle.record_failure(attempt)
            raise forms.ValidationError(
                _("The NIP/username or password is wrong."), code="invalid_login"
            )
        throttle.record_success(attempt)
        self.attempt = attempt
        self.user = user
        return self.cleaned_data


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
