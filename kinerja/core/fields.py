"""Model fields shared by the apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

# The most a person may type in a free text (a planned result, a note, a reason, a manual):
# a few paragraphs. The API, the forms and the documents all read it from the model field.
LONG_TEXT = 5000


class LimitedTextField(models.TextField):
    """A TextField whose max_length the model checks too (full_clean), not only its form field.

    Django gives a TextField's max_length to the form field alone; without a limit on the model,
    a service or an import could store megabytes that every page and PDF then has to render.
    """

    def __init__(self, *args, max_length: int = LONG_TEXT, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))


def check_lengths(model, **values) -> None:
    """The checks of `model`'s fields on values written without full_clean (a create() or a
    bulk write); ValidationError keyed by field name, as full_clean would raise."""
    errors = {}
    for name, value in values.items():
        try:
            model._meta.get_field(name).run_validators(value)
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)
