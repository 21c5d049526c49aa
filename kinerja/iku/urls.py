from django.urls import path

from kinerja.iku.views import dashboards, indicators, realisations, tree

app_name = "iku"

urlpatterns = [
    path("", dashboards.dashboard_view, name="dashboard"),
    path("kabupaten/", dashboards.regency_dashboard_view, name="regency"),
    path("unit/<int:pk>/", dashboards.unit_dashboard_view, name="unit"),
    path("pohon/", tree.tree_view, name="tree"),
    path("pohon/tabel/", tree.tree_table_view, name="tree_table"),
    path("indikator/<int:pk>/", indicators.indicator_detail_view, name="indicator"),
    path(
        "indikator/<int:pk>/periode/<int:period_pk>/realisasi/",
        realisations.realisation_entry_view,
        name="realisation_entry",
    ),
    path("realisasi/<int:pk>/", realisations.realisation_detail_view, name="realisation"),
    path(
        "realisasi/<int:pk>/kirim/",
        realisations.realisation_submit_view,
        name="realisation_submit",
    ),
    path(
        "realisasi/<int:pk>/verifikasi/",
        realisations.realisation_verify_view,
        name="realisation_verify",
    ),
    path(
        "realisasi/<int:pk>/kembalikan/",
        realisations.realisation_return_view,
        name="realisation_return",
    ),
    path("realisasi/<int:pk>/bukti/", realisations.evidence_add_view, name="evidence_add"),
    path("bukti/<int:pk>/unduh/", realisations.evidence_download_view, name="evidence_download"),
    path("bukti/<int:pk>/hapus/", realisations.evidence_remove_view, name="evidence_remove"),
    path("verifikasi/", realisations.verification_queue_view, name="verification_queue"),
]
