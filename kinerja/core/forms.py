"""Form helpers shared by the apps' views."""

from django.core.exceptions import ValidationError

from kinerja.core.errors import ImmutableRecordError


def copy_errors(form, error: ValidationError | ImmutableRecordError, *, field_map=None) -> None:
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    field_map = field_map or {}
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            name = field_map.get(name, name)
            form.add_error(name if name in form.fields else None, messages)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))
