"""URLs of the SKP matrix pages: the matriks peran hasil, its work teams, the RHK templates."""

from django.urls import path

from kinerja.skp import views_matrix as views

urlpatterns = [
    path("matriks/", views.matrix_view, name="matrix"),
    path("matriks/tim/", views.team_create_view, name="matrix_team_create"),
    path("matriks/tim/<int:pk>/", views.team_update_view, name="matrix_team_update"),
    path("matriks/tim/<int:pk>/hapus/", views.team_delete_view, name="matrix_team_delete"),
    path("templat/", views.templates_view, name="templates"),
    path("templat/terapkan/", views.templates_apply_view, name="templates_apply"),
    path("templat/<int:pk>/", views.template_update_view, name="template_update"),
    path("templat/<int:pk>/hapus/", views.template_delete_view, name="template_delete"),
]
