from django.urls import path

from kinerja.appraisals import views
from kinerja.appraisals.documents import views as documents

app_name = "appraisals"

urlpatterns = [
    path("", views.mine_view, name="mine"),
    path("periode/", views.periods_view, name="periods"),
    path("pegawai/<int:employee_pk>/angka-kredit/", views.credit_view, name="credit"),
    path("periode/<int:period_pk>/buka/", views.period_open_view, name="period_open"),
    path("pengaturan/", views.settings_view, name="settings"),
    path("meja/", views.desk_index_view, name="desk_index"),
    path("meja/<int:period_pk>/", views.desk_view, name="desk"),
    path("meja/<int:period_pk>/final/", views.finalise_many_view, name="finalise_many"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/mengapa/", views.explanation_view, name="explanation"),
    path("<int:pk>/nilai/", views.rate_view, name="rate"),
    path("<int:pk>/final/", views.finalise_view, name="finalise"),
    path("<int:pk>/tanda-tangan/", views.sign_view, name="sign"),
    path("<int:pk>/terima/", views.acknowledge_view, name="acknowledge"),
    path("<int:pk>/tanda-tangan-pegawai/", views.employee_sign_view, name="employee_sign"),
    path("<int:pk>/keberatan/", views.keberatan_view, name="keberatan"),
    path("<int:pk>/keberatan/ajukan/", views.keberatan_file_view, name="keberatan_file"),
    path("<int:pk>/keberatan/penjelasan/", views.keberatan_hear_view, name="keberatan_hear"),
    path("<int:pk>/keberatan/putusan/", views.keberatan_decide_view, name="keberatan_decide"),
    path("<int:pk>/dokumen.pdf", views.document_pdf_view, name="document_pdf"),
    path("<int:pk>/keberatan.pdf", views.keberatan_pdf_view, name="keberatan_pdf"),
    path("meja/<int:period_pk>/rekap.xlsx", views.recap_view, name="recap"),
    path("meja/<int:period_pk>/cetak/", documents.print_job_create_view, name="print_create"),
    path("meja/<int:period_pk>/cetak/<int:pk>/", documents.print_job_view, name="print_job"),
    path(
        "meja/<int:period_pk>/cetak/<int:pk>/unduh/",
        documents.print_job_download_view,
        name="print_download",
    ),
]
