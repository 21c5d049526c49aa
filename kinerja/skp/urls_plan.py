"""URLs of the SKP plan pages: my SKP, one SKP, its editor, the list and the versions."""

from django.urls import path

from kinerja.skp.views_plan import editor, pages, workflow

urlpatterns = [
    path("", pages.home_view, name="home"),
    path("baru/", workflow.create_view, name="create"),
    path("daftar/", pages.list_view, name="list"),
    path("<int:pk>/", pages.detail_view, name="detail"),
    path("<int:pk>/dialog/", workflow.start_dialogue_view, name="start_dialogue"),
    path("<int:pk>/ajukan/", workflow.submit_view, name="submit"),
    path("<int:pk>/versi/", pages.versions_view, name="versions"),
    path("<int:pk>/revisi/", workflow.revise_view, name="revise"),
    path("<int:pk>/baru/", workflow.restart_view, name="restart"),
    path("<int:pk>/ubah/", editor.edit_view, name="edit"),
    path("<int:pk>/ubah/lampiran/", editor.annex_view, name="edit_annex"),
    path("<int:pk>/ubah/rhk/baru/", editor.rhk_add_view, name="rhk_add"),
    path(
        "<int:pk>/ubah/rhk/indikator-pimpinan/",
        editor.leader_indicator_options_view,
        name="leader_indicator_options",
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
    path("<int:pk>/ubah/perilaku/<str:value>/", editor.behaviour_view, name="behaviour"),
]
