from django.urls import path

from kinerja.org import views

app_name = "org"
urlpatterns = [
    path("unit/", views.unit_tree_view, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail_view, name="unit_detail"),
    path("unit/<int:pk>/cabang/", views.unit_children_view, name="unit_children"),
    path("pegawai/", views.employee_list_view, name="employee_list"),
    path("pegawai/<int:pk>/", views.employee_detail_view, name="employee_detail"),
    path("pegawai/<int:pk>/plt/", views.employee_acting_create_view, name="employee_acting_create"),
    path(
        "pegawai/<int:pk>/delegasi/",
        views.employee_delegation_create_view,
        name="employee_delegation_create",
    ),
    path("impor/", views.import_list_view, name="import_list"),
    path("impor/templat/", views.import_template_view, name="import_template"),
    path("impor/<int:pk>/", views.import_detail_view, name="import_detail"),
    path("impor/<int:pk>/kemajuan/", views.import_progress_view, name="import_progress"),
]
