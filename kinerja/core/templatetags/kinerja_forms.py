"""Form helpers for templates."""

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(field):
    """The <option> elements of a bound choice field, the chosen one selected.

    For selects of hundreds of units: Django's widget renders a template per option, and a
    template loop a handful of nodes per option; this writes them in one pass.
    """
    value = field.value()
    chosen = "" if value is None else str(value)
    options = []
    for option, label in field.field.widget.choices:
        option = str(option)
        selected = " selected" if option == chosen else ""
        options.append(
            f'<option value="{escape(option)}"{selected}>{conditional_escape(label)}</option>'
        )
    return mark_safe("".join(options))  # every part is escaped above
