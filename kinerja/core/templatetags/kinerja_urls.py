"""`{% id_url "app:name" pk %}`: the URL of one record, for the rows of long lists.

Equal to `{% url "app:name" pk %}` for a URL whose only argument is an integer id, but the
pattern is reversed once per process (with a stand-in id) and each row only puts its id in:
reversing a URL is the costliest thing a list row does, and a page of a hundred rows reversed
two hundred of them.
"""

import functools

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

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
