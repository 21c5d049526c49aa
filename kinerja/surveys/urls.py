"""Pages of the public satisfaction survey: the citizen's survey of a counter, and for the
staff under /skm/ the unit's set-up, the results, the follow-up plan and the SKM reports."""

from django.urls import path

from kinerja.surveys.views import followup, public, reports, results, setup

app_name = "surveys"

urlpatterns = [
    path("survei/kiosk-sw.js", public.kiosk_worker_view, name="kiosk_worker"),
    path("survei/<str:token>/", public.survey_view, name="public"),
    path("survei/<str:token>/terima-kasih/", public.thanks_view, name="thanks"),
    path("skm/hasil/", results.index_view, name="results_index"),
    path("skm/hasil/unit/<int:pk>/", results.unit_view, name="results_unit"),
    path("skm/hasil/kabupaten/", results.regency_view, name="results_regency"),
    path("skm/pengaturan/bobot/", results.weight_view, name="weight"),
    path(
        "skm/hasil/unit/<int:pk>/tindak-lanjut/baru/",
        followup.create_view,
        name="followup_create",
    ),
    path("skm/tindak-lanjut/<int:pk>/", followup.detail_view, name="followup_detail"),
    path("skm/tindak-lanjut/<int:pk>/ubah/", followup.edit_view, name="followup_edit"),
    path("skm/tindak-lanjut/<int:pk>/kemajuan/", followup.progress_view, name="followup_progress"),
    path("skm/tindak-lanjut/<int:pk>/selesai/", followup.complete_view, name="followup_complete"),
    path("skm/tindak-lanjut/<int:pk>/batal/", followup.drop_view, name="followup_drop"),
    path("skm/hasil/unit/<int:pk>/laporan/baru/", reports.create_view, name="report_create"),
    path("skm/laporan/", reports.published_view, name="reports_published"),
    path("skm/laporan/<int:pk>/", reports.detail_view, name="report_detail"),
    path("skm/laporan/<int:pk>/pdf/", reports.pdf_view, name="report_pdf"),
    path("skm/laporan/<int:pk>/setujui/", reports.approve_view, name="report_approve"),
    path("skm/unit/", setup.units_view, name="setup_units"),
    path("skm/unit/<int:pk>/", setup.unit_view, name="setup_unit"),
    path("skm/unit/<int:pk>/layanan/", setup.service_create_view, name="service_create"),
    path("skm/unit/<int:pk>/titik/", setup.point_create_view, name="point_create"),
    path("skm/unit/<int:pk>/pengguna/", setup.users_view, name="setup_users"),
    path("skm/unit/<int:pk>/pengguna/impor/", setup.users_import_view, name="users_import"),
    path("skm/layanan/<int:pk>/", setup.service_edit_view, name="service_edit"),
    path("skm/titik/<int:pk>/", setup.point_edit_view, name="point_edit"),
    path("skm/titik/<int:pk>/kios/", setup.point_kiosk_view, name="point_kiosk"),
    path("skm/titik/<int:pk>/poster.png", setup.poster_png_view, name="poster_png"),
    path("skm/titik/<int:pk>/poster.pdf", setup.poster_pdf_view, name="poster_pdf"),
]
