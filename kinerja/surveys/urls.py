"""Staff pages of the public satisfaction survey (SKM)."""

from django.urls import path

from kinerja.surveys.views import followup, reports, results

app_name = "surveys"

urlpatterns = [
    path("hasil/", results.index_view, name="results_index"),
    path("hasil/unit/<int:pk>/", results.unit_view, name="results_unit"),
    path("hasil/kabupaten/", results.regency_view, name="results_regency"),
    path("pengaturan/bobot/", results.weight_view, name="weight"),
    path(
        "hasil/unit/<int:pk>/tindak-lanjut/baru/",
        followup.create_view,
        name="followup_create",
    ),
    path("tindak-lanjut/<int:pk>/", followup.detail_view, name="followup_detail"),
    path("tindak-lanjut/<int:pk>/ubah/", followup.edit_view, name="followup_edit"),
    path("tindak-lanjut/<int:pk>/kemajuan/", followup.progress_view, name="followup_progress"),
    path("tindak-lanjut/<int:pk>/selesai/", followup.complete_view, name="followup_complete"),
    path("tindak-lanjut/<int:pk>/batal/", followup.drop_view, name="followup_drop"),
    path("hasil/unit/<int:pk>/laporan/baru/", reports.create_view, name="report_create"),
    path("laporan/", reports.published_view, name="reports_published"),
    path("laporan/<int:pk>/", reports.detail_view, name="report_detail"),
    path("laporan/<int:pk>/pdf/", reports.pdf_view, name="report_pdf"),
    path("laporan/<int:pk>/setujui/", reports.approve_view, name="report_approve"),
]
