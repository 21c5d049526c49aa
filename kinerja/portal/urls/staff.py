"""The publishing side of the portal, for BKPSDM and the planning agency (login)."""

from django.urls import path

from kinerja.portal.views import staff as views

app_name = "portal_staff"

urlpatterns = [
    path("", views.periods_view, name="periods"),
    path("periode/<int:pk>/terbitkan/", views.publish_view, name="publish"),
    path("<int:pk>/", views.publication_view, name="publication"),
    path("<int:pk>/v<int:version>.pdf", views.version_pdf_view, name="version_pdf"),
    path("pengaturan/", views.settings_view, name="settings"),
]
