"""Addresses of the public portal (no login): pages, downloads and the open-data catalogue."""

from django.urls import path

from kinerja.portal.views import public

app_name = "portal_public"

urlpatterns = [
    path("", public.home_view, name="home"),
    path("cari/", public.search_view, name="search"),
    path("unit/<int:unit_id>/", public.unit_view, name="unit"),
    path("layanan/<int:unit_id>/", public.service_view, name="service"),
    path("publikasi/<int:pk>/", public.publication_view, name="publication"),
    path(
        "publikasi/<int:pk>/versi/<int:version>/laporan.pdf",
        public.document_view,
        name="document",
    ),
    path(
        "publikasi/<int:pk>/versi/<int:version>/datapackage.json",
        public.datapackage_view,
        name="datapackage",
    ),
    path(
        "publikasi/<int:pk>/versi/<int:version>/<slug:table>.<slug:fmt>",
        public.download_view,
        name="download",
    ),
    path("data.json", public.catalogue_view, name="catalogue"),
]
