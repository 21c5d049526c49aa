"""Form helpers shared by the apps' views."""

from django import forms
from django.core.exceptions import ValidationError

from kinerja.core import numbers
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


class DecimalNumberField(forms.DecimalField):
    """A decimal typed in a text box and read by `numbers.parse_decimal` within `bounds`.

    Build it from the model field it fills with `model_decimal_field`, so that the form takes
    its limits from the model. Both the decimal comma and the decimal point are accepted in
    every language; a stored value is shown with the language's separator.
    """

    def __init__(self, *, bounds: numbers.DecimalBounds, **kwargs):
        self.bounds = bounds
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget.is_localized = True

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return numbers.parse_decimal(value, self.bounds, label=self.label)

    def validate(self, value):
        forms.Field.validate(self, value)


def model_decimal_field(model, name: str, *, min_value=None, **kwargs) -> DecimalNumberField:
    """A form field for `model.name` (a DecimalField), bounded by that field's digits."""
    bounds = numbers.DecimalBounds.of(model, name, min_value=min_value)
    return DecimalNumberField(bounds=bounds, **kwargs)


def model_text_field(model, name: str, **kwargs) -> forms.CharField:
    """A form field for `model.name` (a CharField or TextField) with the model's max_length."""
    return forms.CharField(max_length=model._meta.get_field(name).max_length, **kwargs)
