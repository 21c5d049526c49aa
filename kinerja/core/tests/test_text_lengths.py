"""Every text a person can type has one maximum: the model field's, which the model, the forms
and the API all enforce; the API's decimals show the bounds of their model fields."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from ninja import Schema

from kinerja.api.fields import ModelFieldRef
from kinerja.core.numbers import DecimalBounds

API = "/api/v1"


def _text_fields():
    return [
        field
        for config in apps.get_app_configs()
        if config.name.startswith("kinerja.")
        for model in config.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def _name(field) -> str:
    return f"{field.model._meta.label}.{field.name}"


def test_every_text_field_has_a_maximum_that_the_model_checks():
    fields = _text_fields()
    assert len(fields) > 100
    for field in fields:
        assert field.max_length, _name(field)
        assert any(
            isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
            for v in field.validators
        ), _name(field)


def _schemas():
    seen, stack = set(), list(Schema.__subclasses__())
    while stack:
        schema = stack.pop()
        if schema not in seen:
            seen.add(schema)
            stack.extend(schema.__subclasses__())
    return [s for s in seen if s.__module__.startswith("kinerja.")]


def _model_refs(schema):
    for name, info in schema.model_fields.items():
        refs = [m for m in info.metadata if isinstance(m, ModelFieldRef)]
        # An Optional wraps the Annotated type: look inside the union too.
        for arg in getattr(info.annotation, "__args__", ()):
            refs += [m for m in getattr(arg, "__metadata__", ()) if isinstance(m, ModelFieldRef)]
        for ref in refs:
            yield info.alias or name, ref


def _property(component: dict, name: str) -> dict:
    prop = component["properties"][name]
    # A map of texts, e.g. comments per RHK: its values' schema.
    values = [v for v in prop.get("patternProperties", {}).values()]
    extra = prop.get("additionalProperties")
    prop = values[0] if values else extra if isinstance(extra, dict) else prop
    for option in prop.get("anyOf", [prop]):
        if option.get("type") in ("string", "number"):
            return option
    raise AssertionError(f"no string or number in {prop}")


@pytest.fixture
def openapi(client):
    return client.get(f"{API}/openapi.json").json()


def test_every_api_field_built_from_a_model_field_has_its_limit(openapi):
    components = openapi["components"]["schemas"]
    checked = 0
    for schema in _schemas():
        refs = list(_model_refs(schema))
        if not refs or schema.__name__ not in components:
            continue
        for name, ref in refs:
            prop = _property(components[schema.__name__], name)
            field = ref.field
            if isinstance(field, models.DecimalField):
                bounds = DecimalBounds.of(field.model, field.name)
                assert prop["maximum"] == float(bounds.largest), (schema.__name__, name)
                assert prop["multipleOf"] == float(bounds.quantum), (schema.__name__, name)
            else:
                assert prop["maxLength"] == field.max_length, (schema.__name__, name)
            checked += 1
    assert checked >= 30


def _body_schemas(openapi) -> set[str]:
    names = set()
    for operations in openapi["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                ref = media["schema"].get("$ref", "")
                if ref:
                    names.add(ref.rsplit("/", 1)[-1])
    return names


def test_every_text_sent_to_the_api_is_bounded(openapi):
    components = openapi["components"]["schemas"]
    bodies = _body_schemas(openapi)
    assert len(bodies) >= 10
    for name in bodies:
        for prop_name, prop in components[name].get("properties", {}).items():
            options = prop.get("anyOf", [prop])
            if any(option.get("type") == "number" for option in options):
                continue  # a decimal, as a number or its text: bounded by its digits
            for option in options:
                if option.get("type") == "string" and not {"enum", "const"} & set(option):
                    assert "maxLength" in option or "format" in option, (name, prop_name)


def test_every_text_in_a_query_or_a_path_is_bounded(openapi):
    """A filter or a path part written as text has a maximum, a pattern, a format or a list of
    values: the schema says what is read, and a malformed value is refused, not guessed at."""
    unbounded = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                for option in schema.get("anyOf", [schema]):
                    bounds = {"maxLength", "pattern", "format", "enum", "const"} & set(option)
                    if option.get("type") == "string" and not bounds:
                        unbounded.append(f"{method.upper()} {path} {parameter['name']}")
    assert unbounded == []


def _form_classes():
    import kinerja

    for module in pkgutil.walk_packages(kinerja.__path__, "kinerja."):
        if module.name.rsplit(".", 1)[-1].startswith("forms"):
            importlib.import_module(module.name)
    seen, stack = set(), [forms.Form]
    while stack:
        for subclass in stack.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                stack.append(subclass)
    return [form for form in seen if form.__module__.startswith("kinerja.")]


def test_every_text_box_of_every_form_is_bounded():
    forms_checked = _form_classes()
    assert len(forms_checked) > 20
    for form in forms_checked:
        for name, field in form.base_fields.items():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.HiddenInput | forms.PasswordInput
            ):
                assert field.max_length, f"{form.__module__}.{form.__name__}.{name}"
