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


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=128,
        help_text=_("At least 10 characters, not only digits, not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_repeat = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        new, repeat = data.get("new_password"), data.get("new_password_repeat")
        if new and repeat and new != repeat:
            self.add_error("new_password_repeat", _("The two new passwords differ."))
        return data
