from django.urls import path

from kinerja.results.views import realisations, sources, study

app_name = "results"

urlpatterns = [
    path("", realisations.mine_view, name="mine"),
    path("verify/", realisations.to_verify_view, name="to_verify"),
    path("verify/many/", realisations.verify_many_view, name="verify_many"),
    path("employee/<int:employee_pk>/<int:year>/", realisations.periods_view, name="periods"),
    path(
        "employee/<int:employee_pk>/period/<int:period_pk>/",
        realisations.period_view,
        name="period",
    ),
    path("employee/<int:employee_pk>/study-leave/", study.study_leaves_view, name="study_leaves"),
    path(
        "employee/<int:employee_pk>/<int:year>/source/<uuid:indicator_key>/",
        sources.source_view,
        name="source",
    ),
    path(
        "employee/<int:employee_pk>/<int:year>/source/<uuid:indicator_key>/remove/",
        sources.source_remove_view,
        name="source_remove",
    ),
    path("realisation/<int:pk>/", realisations.detail_view, name="detail"),
    path("realisation/<int:pk>/submit/", realisations.submit_view, name="submit"),
    path("realisation/<int:pk>/verify/", realisations.verify_view, name="verify"),
    path("realisation/<int:pk>/return/", realisations.return_view, name="return"),
    path("realisation/<int:pk>/correct/", realisations.correct_view, name="correct"),
    path("realisation/<int:pk>/evidence/", realisations.evidence_add_view, name="evidence_add"),
    path("evidence/<int:pk>/", realisations.evidence_download_view, name="evidence_download"),
    path("evidence/<int:pk>/remove/", realisations.evidence_remove_view, name="evidence_remove"),
    path(
        "employee/<int:employee_pk>/period/<int:period_pk>/semester/",
        study.semester_save_view,
        name="semester_save",
    ),
    path("semester/<int:pk>/", study.semester_view, name="semester"),
    path("semester/<int:pk>/submit/", study.semester_submit_view, name="semester_submit"),
    path("semester/<int:pk>/verify/", study.semester_verify_view, name="semester_verify"),
    path("semester/<int:pk>/return/", study.semester_return_view, name="semester_return"),
    path("semester/<int:pk>/correct/", study.semester_correct_view, name="semester_correct"),
    path(
        "semester/<int:pk>/evidence/",
        study.semester_evidence_add_view,
        name="semester_evidence_add",
    ),
    path(
        "semester-evidence/<int:pk>/",
        study.semester_evidence_download_view,
        name="semester_evidence_download",
    ),
    path(
        "semester-evidence/<int:pk>/remove/",
        study.semester_evidence_remove_view,
        name="semester_evidence_remove",
    ),
    path("study-leave/<int:pk>/edit/", study.study_leave_edit_view, name="study_leave_edit"),
    path("study-leave/<int:pk>/end/", study.study_leave_end_view, name="study_leave_end"),
]
