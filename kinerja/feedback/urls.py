"""Pages of continuous feedback (umpan balik berkelanjutan)."""

from django.urls import path

from kinerja.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("cakupan/", views.coverage_view, name="coverage"),
    path("minta/", views.request_view, name="request"),
    path("pengaturan/", views.settings_view, name="settings"),
    path("permintaan/<int:pk>/tolak/", views.request_decline_view, name="request_decline"),
    path("pegawai/<int:pk>/", views.employee_view, name="employee"),
    path("pegawai/<int:pk>/beri/", views.give_view, name="give"),
    path("pegawai/<int:pk>/jadwal/", views.schedule_view, name="schedule"),
]
