"""Kinerja's URLs plus the floor of the load benchmark: a bare Django page of 50 rows.

The floor goes through the same middleware as every page, reads 50 employees in one query and
renders them with a Django template, so that a page's figure divided by the floor's tells how
much the page costs beyond what any Django page with a database query costs on this machine.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from kinerja.config.urls import urlpatterns as kinerja_urlpatterns

FLOOR_PATH = "__bench__/floor/"
FLOOR_ROWS = 50

_TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Floor</title></head>
<body><table>
<thead><tr><th>NIP</th><th>Name</th><th>Born</th></tr></thead>
<tbody>{% for employee in rows %}
<tr><td>{{ employee.nip }}</td><td>{{ employee.full_name }}</td>
<td>{{ employee.birth_date|date:"j M Y" }}</td></tr>{% endfor %}
</tbody></table></body></html>"""
)


def floor_view(request):
    from kinerja.org.models import Employee

    rows = list(Employee.objects.order_by("pk")[:FLOOR_ROWS])
    return HttpResponse(_TEMPLATE.render({"rows": rows}))


urlpatterns = [path(FLOOR_PATH, floor_view, name="bench_floor"), *kinerja_urlpatterns]
