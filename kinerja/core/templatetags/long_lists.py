"""Template tags for long lists, which should do per page what they can, not per row.

- `{% select_options field %}`: the <option> elements of a select of hundreds of units.
- `{% id_url "app:name" pk %}`: the URL of one record, for each row's link.
"""

import functools

from django import template
from django.urls import get_script_prefix, reverse
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


# `{% id_url %}` equals `{% url "app:name" pk %}` for a URL whose only argument is an integer id,
# but the pattern is reversed once per process (with a stand-in id) and each row only puts its
# id in: reversing a URL is the costliest thing a list row does.
_STAND_IN = 918273645546372819


@functools.lru_cache(maxsize=512)
def _around_id(name: str, script_prefix: str) -> tuple[str, str]:
    url = reverse(name, args=[_STAND_IN])
    before, found, after = url.partition(str(_STAND_IN))
    if not found or str(_STAND_IN) in after:
        raise ValueError(f"{name} does not take one id")
    return before, after


def id_url(name: str, pk) -> str:
    before, after = _around_id(name, get_script_prefix())
    return f"{before}{int(pk)}{after}"


register.simple_tag(id_url, name="id_url")
