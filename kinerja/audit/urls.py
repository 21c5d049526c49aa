from django.urls import path

from kinerja.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_list_view, name="list"),
    path("<int:pk>/", views.audit_detail_view, name="detail"),
]
