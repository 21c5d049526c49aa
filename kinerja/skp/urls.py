"""SKP pages: plans and their editor, review, the matrix and templates, alignment, documents,
and the exemptions from planning."""

from django.urls import path

from kinerja.skp.views import (
    alignment,
    documents,
    editor,
    exemptions,
    matrix,
    plan,
    review,
    takeovers,
    workflow,
)

app_name = "skp"

urlpatterns = [
    # plan pages: my SKP, one SKP, its editor, the list and the versions
    path("", plan.home_view, name="home"),
    path("baru/", workflow.create_view, name="create"),
    path("daftar/", plan.list_view, name="list"),
    path("<int:pk>/", plan.detail_view, name="detail"),
    path("<int:pk>/dialog/", workflow.start_dialogue_view, name="start_dialogue"),
    path("<int:pk>/ajukan/", workflow.submit_view, name="submit"),
    path("<int:pk>/versi/", plan.versions_view, name="versions"),
    path("<int:pk>/revisi/", workflow.revise_view, name="revise"),
    path("<int:pk>/baru/", workflow.restart_view, name="restart"),
    path(
        "<int:pk>/penilai-berubah/",
        workflow.restart_for_new_rater_view,
        name="restart_for_new_rater",
    ),
    path("<int:pk>/ubah/", editor.edit_view, name="edit"),
    path("<int:pk>/ubah/lampiran/", editor.annex_view, name="edit_annex"),
    path("<int:pk>/ubah/rhk/baru/", editor.rhk_add_view, name="rhk_add"),
    path(
        "<int:pk>/ubah/rhk/indikator-pimpinan/",
        editor.leader_indicator_options_view,
        name="leader_indicator_options",
    ),
    path(
        "<int:pk>/ubah/rhk/plt/<int:assignment_pk>/",
        editor.acting_result_add_view,
        name="acting_result_add",
    ),
    path("<int:pk>/ubah/rhk/<int:rhk_pk>/", editor.rhk_update_view, name="rhk_update"),
    path("<int:pk>/ubah/rhk/<int:rhk_pk>/hapus/", editor.rhk_remove_view, name="rhk_remove"),
    path("<int:pk>/ubah/rhk/<int:rhk_pk>/aksi/", editor.action_plans_view, name="action_plans"),
    path(
        "<int:pk>/ubah/rhk/<int:rhk_pk>/iki/baru/",
        editor.indicator_add_view,
        name="indicator_add",
    ),
    path(
        "<int:pk>/ubah/iki/<int:indicator_pk>/",
        editor.indicator_update_view,
        name="indicator_update",
    ),
    path(
        "<int:pk>/ubah/iki/<int:indicator_pk>/hapus/",
        editor.indicator_remove_view,
        name="indicator_remove",
    ),
    # follow-up during the year: the rater takes over an RHK (Ps 20)
    path("<int:pk>/rhk/<int:rhk_pk>/ambil-alih/", takeovers.take_over_view, name="rhk_take_over"),
    path("ambil-alih/<int:pk>/batal/", takeovers.withdraw_view, name="takeover_withdraw"),
    path("<int:pk>/ubah/perilaku/<str:value>/", editor.behaviour_view, name="behaviour"),
    # review pages: the rater's inbox, the review of a plan, dialogue comments
    path("kotak-masuk/", review.inbox_view, name="inbox"),
    path("<int:pk>/tinjau/", review.review_view, name="review"),
    path("<int:pk>/komentar/", review.comment_add_view, name="comment_add"),
    # matrix pages: the matriks peran hasil, its work teams, the RHK templates
    path("matriks/", matrix.matrix_view, name="matrix"),
    path("matriks/tim/", matrix.team_create_view, name="matrix_team_create"),
    path("matriks/tim/<int:pk>/", matrix.team_update_view, name="matrix_team_update"),
    path("matriks/tim/<int:pk>/hapus/", matrix.team_delete_view, name="matrix_team_delete"),
    path("templat/", matrix.templates_view, name="templates"),
    path("templat/terapkan/", matrix.templates_apply_view, name="templates_apply"),
    path("templat/<int:pk>/", matrix.template_update_view, name="template_update"),
    path("templat/<int:pk>/hapus/", matrix.template_delete_view, name="template_delete"),
    # alignment pages
    path("penyelarasan/", alignment.alignment_view, name="alignment"),
    path(
        "penyelarasan/unit/<int:pk>/",
        alignment.alignment_unit_view,
        name="alignment_unit",
    ),
    # documents: the plan as PDF, the unit recap, batch printing
    path("<int:pk>/pdf/", documents.skp_pdf_view, name="pdf"),
    path("rekap/unit/<int:pk>.xlsx", documents.unit_recap_view, name="unit_recap"),
    path("cetak-massal/", documents.batch_view, name="batch"),
    path("cetak-massal/<int:pk>/", documents.batch_detail_view, name="batch_detail"),
    path("cetak-massal/<int:pk>/kemajuan/", documents.batch_progress_view, name="batch_progress"),
    path("cetak-massal/<int:pk>/unduh/", documents.batch_download_view, name="batch_download"),
    # exemptions from SKP planning
    path("pengecualian/", exemptions.exemption_list_view, name="exemptions"),
    path("pengecualian/baru/", exemptions.exemption_create_view, name="exemption_create"),
    path("pengecualian/<int:pk>/", exemptions.exemption_update_view, name="exemption_update"),
    path("pengecualian/<int:pk>/akhiri/", exemptions.exemption_end_view, name="exemption_end"),
    path("pengecualian/<int:pk>/hapus/", exemptions.exemption_delete_view, name="exemption_delete"),
]
