"""Pages of public complaints: the public form and tracking page, and the staff pages."""

from django.urls import path

from kinerja.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.file_view, name="file"),
    path("terkirim/", views.filed_view, name="filed"),
    path("lacak/", views.track_view, name="track"),
    path("lacak/buka-kembali/", views.reopen_view, name="reopen"),
    path("lacak/selesai/", views.confirm_view, name="confirm"),
    path("kotak-masuk/", views.inbox_view, name="inbox"),
    path("catat/", views.record_view, name="record"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("pengaturan/", views.settings_view, name="settings"),
    path("kasus/<int:pk>/", views.detail_view, name="detail"),
    path("kasus/<int:pk>/rute/", views.route_view, name="route"),
    path("kasus/<int:pk>/kategori/", views.category_view, name="category"),
    path("kasus/<int:pk>/catatan/", views.note_view, name="note"),
    path("kasus/<int:pk>/tanggapan/", views.respond_view, name="respond"),
    path("kasus/<int:pk>/tutup/", views.close_view, name="close"),
    path("lampiran/<int:pk>/", views.attachment_view, name="attachment"),
]
