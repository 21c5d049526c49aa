import json
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestValidationError
from ninja.parser import Parser

from kinerja.api.auth import TokenAuth, ViewerSessionAuth
from kinerja.core.errors import ImmutableRecordError


class ExactNumberParser(Parser):
    """Reads the decimals of a JSON body as Decimal, not float: a float keeps about 15 digits
    and would silently change a longer figure (0.10000000000000001 becomes 0.1) before the
    schema could refuse it."""

    def parse_body(self, request):
        return json.loads(request.body, parse_float=Decimal)


api = NinjaAPI(
    title="Kinerja API",
    version="1",
    description=str(
        _("Read and write Kinerja data. Every answer is scoped to what the caller may see.")
    ),
    auth=[TokenAuth(), ViewerSessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    parser=ExactNumberParser(),
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(RequestValidationError)
def request_invalid(request, exc: RequestValidationError):
    """422 for a parameter of the wrong type or out of range: where, what, and a stable code."""
    detail = [
        {
            "loc": list(error.get("loc", ())),
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, exc):
    response = api.create_response(
        request,
        {"detail": str(_("Authentication required: log in or send a valid API token."))},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="kinerja"'
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


@api.exception_handler(ImmutableRecordError)
def final_record(request, exc):
    """A service refusing to touch a verified or set record answers 409 Conflict."""
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(_("Not found."))}, status=404)
