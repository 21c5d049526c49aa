from django.core.exceptions import PermissionDenied, ValidationError


class ImmutableRecordError(Exception):
    """Raised when code tries to change a record that the rules say is final."""


class PermissionDeniedError(PermissionDenied):
    """Raised by services when the actor may see the object but not change it: a 403 for a
    page (Django's own PermissionDenied) and for the API."""


# What a service raises for input a form can show next to its fields.
SERVICE_ERRORS = (ValidationError, ImmutableRecordError)

__all__ = ["SERVICE_ERRORS", "ImmutableRecordError", "PermissionDeniedError", "ValidationError"]
