"""URLs of the exemptions from SKP planning."""

from django.urls import path

from kinerja.skp import views_exemptions as views

urlpatterns: list = [
    path("pengecualian/", views.exemption_list_view, name="exemptions"),
    path("pengecualian/baru/", views.exemption_create_view, name="exemption_create"),
    path("pengecualian/<int:pk>/", views.exemption_update_view, name="exemption_update"),
    path("pengecualian/<int:pk>/akhiri/", views.exemption_end_view, name="exemption_end"),
    path("pengecualian/<int:pk>/hapus/", views.exemption_delete_view, name="exemption_delete"),
]
