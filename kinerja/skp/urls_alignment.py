"""URLs of the SKP alignment pages."""

from django.urls import path

from kinerja.skp import views_alignment

urlpatterns: list = [
    path("penyelarasan/", views_alignment.alignment_view, name="alignment"),
    path(
        "penyelarasan/unit/<int:pk>/",
        views_alignment.alignment_unit_view,
        name="alignment_unit",
    ),
]
