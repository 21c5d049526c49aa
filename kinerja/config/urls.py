from django.urls import include, path

from kinerja.config.api import api
from kinerja.forums.urls import public_patterns as forum_public_patterns
from kinerja.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("glosarium/", home_views.glossary, name="glossary"),
    path("tim/", home_views.team, name="team"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("kinerja.accounts.urls")),
    path("organisasi/", include("kinerja.org.urls")),
    path("kinerja/", include("kinerja.iku.urls")),
    path("skp/", include("kinerja.skp.urls")),
    path("absensi/", include("kinerja.activities.urls")),
    path("hasil/", include("kinerja.results.urls")),
    path("umpan-balik/", include("kinerja.feedback.urls")),
    path("", include("kinerja.surveys.urls")),
    path("pengaduan/", include("kinerja.complaints.urls")),
    path("penilaian/", include("kinerja.appraisals.urls")),
    path("forum-konsultasi/", include("kinerja.forums.urls")),
    path("forum/", include(forum_public_patterns)),
    path("portal/", include("kinerja.portal.urls.public")),
    path("laporan/", include("kinerja.reports.urls")),
    path("publikasi/", include("kinerja.portal.urls.staff")),
    path("audit/", include("kinerja.audit.urls")),
    path("api/v1/", api.urls),
]
