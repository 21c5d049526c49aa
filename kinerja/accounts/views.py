from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.accounts import selectors, services, throttle
from kinerja.accounts.forms import ApiTokenForm, LoginForm, PasswordChangeForm
from kinerja.accounts.sessions import record_signed_in_session
from kinerja.core.forms import copy_errors


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        record_signed_in_session(request)
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = ""
        response = redirect(target or "home")
        throttle.remember_browser(request, response, form.attempt)
        return response
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}
    )


@require_POST
def logout_view(request):
    services.user_session_forget(session_key=request.session.session_key)
    logout(request)
    return redirect("accounts:login")


@login_required
def account_view(request):
    viewer = request.viewer
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(
            actor=request.user, user=request.user, name=form.cleaned_data["name"]
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": selectors.api_tokens_of(viewer),
            "sessions": selectors.signed_in_sessions(viewer),
            "current_session_key": request.session.session_key,
        },
    )


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    token = selectors.api_tokens_of(request.viewer).filter(pk=pk).first()
    if token is None:
        raise Http404
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:account")


@sensitive_post_parameters("current_password", "new_password", "new_password_repeat")
@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request):
    form = PasswordChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_password_change(
                actor=request.user,
                user=request.user,
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password"],
                keep_session_key=request.session.session_key,
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            update_session_auth_hash(request, user)
            messages.success(
                request,
                _("Your password has been changed; your other sessions have been signed out."),
            )
            return redirect("accounts:account")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


@login_required
@require_POST
def session_end_view(request, pk: int):
    session = selectors.own_session(request.viewer, pk)
    if session is None:
        raise Http404
    if session.session_key == request.session.session_key:
        messages.info(request, _("This is the browser you are using: sign out with Log out."))
        return redirect("accounts:account")
    services.user_session_end(actor=request.user, session=session)
    messages.success(request, _("That session has been signed out."))
    return redirect("accounts:account")


@login_required
@require_POST
def sessions_end_others_view(request):
    ended = services.user_sessions_end_others(
        actor=request.user, user=request.user, keep_session_key=request.session.session_key
    )
    messages.success(
        request,
        ngettext(
            "%(n)s other session has been signed out.",
            "%(n)s other sessions have been signed out.",
            ended,
        )
        % {"n": ended},
    )
    return redirect("accounts:account")
