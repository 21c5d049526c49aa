"""Finding a module of the same name in every installed app (`audit_labels`, `todo`, ...)."""

import importlib

from django.apps import apps


def app_modules(name: str) -> list:
    """The `name` module of every installed app that has one, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        try:
            found.append(importlib.import_module(module_name))
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
    return found
