from django.urls import path

from kinerja.org import import_views

urlpatterns = [
    path("", import_views.import_list_view, name="import_list"),
    path("templat/", import_views.import_template_view, name="import_template"),
    path("<int:pk>/", import_views.import_detail_view, name="import_detail"),
    path("<int:pk>/kemajuan/", import_views.import_progress_view, name="import_progress"),
]
