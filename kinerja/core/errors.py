from django.core.exceptions import ValidationError


class ImmutableRecordError(Exception):
    """Raised when code tries to change a record that the rules say is final."""


class PermissionDeniedError(Exception):
    """Raised by services when the actor may see the object but not change it (HTTP 403)."""


__all__ = ["ImmutableRecordError", "PermissionDeniedError", "ValidationError"]
