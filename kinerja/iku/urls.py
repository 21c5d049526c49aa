from django.urls import path

from kinerja.iku.views import (
    agreements,
    calendar,
    charts,
    dashboards,
    decisions,
    indicators,
    realisations,
    sources,
    tree,
    tree_edit,
)

app_name = "iku"

urlpatterns = [
    path("", dashboards.dashboard_view, name="dashboard"),
    path("grafik.css", charts.chart_stylesheet_view, name="chart_css"),
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
    path("pelaporan/", realisations.reporting_view, name="reporting"),
    path("pk/", agreements.agreements_view, name="agreements"),
    path("pk/baru/", agreements.agreement_create_view, name="agreement_create"),
    path("pk/<int:pk>/", agreements.agreement_detail_view, name="agreement"),
    path("pk/<int:pk>/baris/", agreements.agreement_line_add_view, name="agreement_line_add"),
    path(
        "pk/<int:pk>/baris/<int:line_pk>/ubah/",
        agreements.agreement_line_update_view,
        name="agreement_line_update",
    ),
    path(
        "pk/<int:pk>/baris/<int:line_pk>/hapus/",
        agreements.agreement_line_remove_view,
        name="agreement_line_remove",
    ),
    path("pk/<int:pk>/tanda-tangan/", agreements.agreement_sign_view, name="agreement_sign"),
    path("pk/<int:pk>/revisi/", agreements.agreement_revise_view, name="agreement_revise"),
]

# Organisation predikat decisions and the working-day calendar.
urlpatterns += [
    path("predikat/", decisions.predikat_decisions_view, name="predikat_decisions"),
    path("kalender/", calendar.calendar_view, name="calendar"),
    path(
        "kalender/<int:pk>/hapus/",
        calendar.calendar_day_remove_view,
        name="calendar_day_remove",
    ),
]

# Editing the performance tree: goals, indicators (their manual) and their targets.
urlpatterns += [
    path("pohon/sasaran/baru/", tree_edit.goal_create_view, name="goal_create"),
    path("pohon/sasaran/<int:pk>/ubah/", tree_edit.goal_update_view, name="goal_update"),
    path(
        "pohon/sasaran/<int:pk>/indikator/baru/",
        tree_edit.indicator_create_view,
        name="indicator_create",
    ),
    path("indikator/<int:pk>/ubah/", tree_edit.indicator_update_view, name="indicator_update"),
    path("indikator/<int:pk>/sumber/", sources.indicator_source_view, name="indicator_source"),
    path(
        "indikator/<int:pk>/sumber/hapus/",
        sources.indicator_source_remove_view,
        name="indicator_source_remove",
    ),
    path("indikator/<int:pk>/target/", tree_edit.indicator_targets_view, name="indicator_targets"),
]

# The performance tree loads the children of a goal when it is opened.
urlpatterns += [
    path("pohon/sasaran/<int:pk>/anak/", tree.tree_children_view, name="tree_children"),
]
