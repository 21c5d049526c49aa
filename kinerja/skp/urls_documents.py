"""URLs of the SKP documents pages."""

from django.urls import path

from kinerja.skp import views_documents as views

urlpatterns = [
    path("<int:pk>/pdf/", views.skp_pdf_view, name="pdf"),
    path("rekap/unit/<int:pk>.xlsx", views.unit_recap_view, name="unit_recap"),
    path("cetak-massal/", views.batch_view, name="batch"),
    path("cetak-massal/<int:pk>/", views.batch_detail_view, name="batch_detail"),
    path("cetak-massal/<int:pk>/kemajuan/", views.batch_progress_view, name="batch_progress"),
    path("cetak-massal/<int:pk>/unduh/", views.batch_download_view, name="batch_download"),
]
