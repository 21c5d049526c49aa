from django.urls import path

from kinerja.results import views

app_name = "results"

urlpatterns = [
    path("", views.mine_view, name="mine"),
    path("verify/", views.to_verify_view, name="to_verify"),
    path("verify/many/", views.verify_many_view, name="verify_many"),
    path("employee/<int:employee_pk>/<int:year>/", views.periods_view, name="periods"),
    path("employee/<int:employee_pk>/period/<int:period_pk>/", views.period_view, name="period"),
    path("employee/<int:employee_pk>/study-leave/", views.study_leaves_view, name="study_leaves"),
    path("realisation/<int:pk>/", views.detail_view, name="detail"),
    path("realisation/<int:pk>/submit/", views.submit_view, name="submit"),
    path("realisation/<int:pk>/verify/", views.verify_view, name="verify"),
    path("realisation/<int:pk>/return/", views.return_view, name="return"),
    path("realisation/<int:pk>/correct/", views.correct_view, name="correct"),
    path("realisation/<int:pk>/evidence/", views.evidence_add_view, name="evidence_add"),
    path("evidence/<int:pk>/", views.evidence_download_view, name="evidence_download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove_view, name="evidence_remove"),
    path(
        "employee/<int:employee_pk>/period/<int:period_pk>/semester/",
        views.semester_save_view,
        name="semester_save",
    ),
    path("semester/<int:pk>/", views.semester_view, name="semester"),
    path("semester/<int:pk>/submit/", views.semester_submit_view, name="semester_submit"),
    path("semester/<int:pk>/verify/", views.semester_verify_view, name="semester_verify"),
    path("semester/<int:pk>/return/", views.semester_return_view, name="semester_return"),
    path("semester/<int:pk>/correct/", views.semester_correct_view, name="semester_correct"),
    path(
        "semester/<int:pk>/evidence/",
        views.semester_evidence_add_view,
        name="semester_evidence_add",
    ),
    path(
        "semester-evidence/<int:pk>/",
        views.semester_evidence_download_view,
        name="semester_evidence_download",
    ),
]
