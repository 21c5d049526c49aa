from django.urls import path

from kinerja.activities.views import attendance as views

app_name = "activities"

urlpatterns = [
    path("", views.attendance_view, name="attendance"),
    path("ekspor/", views.export_view, name="export"),
    path("pegawai/<int:pk>/", views.employee_month_view, name="employee_month"),
    path("pegawai/<int:pk>/<str:day>/koreksi/", views.day_correct_view, name="day_correct"),
    path("impor/", views.imports_view, name="imports"),
    path("impor/templat/", views.import_template_view, name="import_template"),
    path("impor/<int:pk>/", views.import_detail_view, name="import_detail"),
    path("impor/<int:pk>/progres/", views.import_progress_view, name="import_progress"),
    path("pengaturan/", views.setting_view, name="setting"),
    path("cuti/", views.leaves_view, name="leaves"),
    path("sanksi/", views.notices_view, name="notices"),
    path("sanksi/<int:pk>/", views.notice_detail_view, name="notice_detail"),
]
