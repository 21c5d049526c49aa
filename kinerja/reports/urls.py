from django.urls import path

from kinerja.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("lkjip/unit/<int:unit_id>/<str:year>/", views.lkjip_unit_view, name="lkjip_unit"),
    path("lkjip/kabupaten/<str:year>/", views.lkjip_regency_view, name="lkjip_regency"),
    path("lkjip/kategori/<str:year>/", views.lkjip_bands_view, name="lkjip_bands"),
    path("pk/<int:pk>/", views.pk_pdf_view, name="pk_pdf"),
]
