"""Staff pages of the public satisfaction survey (SKM)."""

from django.urls import path

from kinerja.surveys.views import results

app_name = "surveys"

urlpatterns = [
    path("hasil/", results.index_view, name="results_index"),
    path("hasil/unit/<int:pk>/", results.unit_view, name="results_unit"),
    path("hasil/kabupaten/", results.regency_view, name="results_regency"),
    path("pengaturan/bobot/", results.weight_view, name="weight"),
]
