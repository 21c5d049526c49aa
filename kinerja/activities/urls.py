from django.urls import path

from kinerja.activities.views import attendance as views
from kinerja.activities.views import worklog

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
    # the daily activity log
    path("kegiatan/", worklog.worklog_view, name="worklog"),
    path("kegiatan/bulan/", worklog.worklog_month_view, name="worklog_month"),
    path("kegiatan/ulangi/", worklog.worklog_repeat_view, name="worklog_repeat"),
    path("kegiatan/<int:pk>/ubah/", worklog.worklog_edit_view, name="worklog_edit"),
    path("kegiatan/<int:pk>/hapus/", worklog.worklog_delete_view, name="worklog_delete"),
    path("kegiatan/<int:pk>/berkas/", worklog.worklog_evidence_view, name="worklog_evidence"),
    path("kegiatan/<int:pk>/kembalikan/", worklog.worklog_return_view, name="worklog_return"),
    path("kegiatan/tim/", worklog.team_week_view, name="team_week"),
    path("kegiatan/tim/verifikasi/", worklog.team_verify_view, name="team_verify"),
    path("kegiatan/tim/<int:pk>/<str:day>/", worklog.team_day_view, name="team_day"),
    path("kegiatan/katalog/", worklog.catalogue_view, name="catalogue"),
    path("kegiatan/katalog/<int:pk>/", worklog.catalogue_edit_view, name="catalogue_edit"),
]
