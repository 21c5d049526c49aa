"""The stylesheet of the inline SVG charts (which may carry no inline style under the CSP)."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kinerja.iku import charts


@require_GET
@cache_control(public=True, max_age=3600)
def chart_stylesheet_view(request):
    # The same for everyone and nothing private: no login needed, so it also caches well.
    return HttpResponse(charts.stylesheet(), content_type="text/css; charset=utf-8")
