"""Who gets what from the survey's pages and API: the permission table of the house.

Personas (kinerja/org/tests/personas.py): the Puskesmas Sukamaju is the service unit; staf,
admin of Dinas Kesehatan above it, manages its set-up; bkpsdm manages every unit; pimpinan and
auditor read; dokter (who works there) and kasi (head of another unit) do not see it; outsider
is of another agency. The public survey and its kiosk API answer everyone alike, anonymous
included, and nobody at a closed counter.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.tests.permission_table import Row, answers, api_answers, ask, table_cases
from kinerja.surveys.models import Response, Service, ServiceUsers, SurveyPoint
from kinerja.surveys.tests.world import FULL_ANSWERS, PROFILE, form_data

pytestmark = pytest.mark.django_db

EVERYONE = {
    "anonymous": 200,
    "dokter": 200,
    "kasi": 200,
    "staf": 200,
    "bkpsdm": 200,
    "pimpinan": 200,
    "auditor": 200,
    "outsider": 200,
}
HIDDEN = {"dokter": 404, "kasi": 404, "outsider": 404}
READERS_REFUSED = {"pimpinan": 403, "auditor": 403}


def _unit(w):
    return [w.unit.pk]


def _point(w):
    return [w.point.pk]


def _service(w):
    return [w.poli.pk]


def _token(w):
    return [w.point.token]


def _csv(w):
    return {"file": SimpleUploadedFile("p.csv", b"tahun,periode,nomor,pengguna\n2026,tahun,1,40\n")}


UNITS = Row("surveys:setup_units", answers(200, dokter=403))
UNIT = Row("surveys:setup_unit", answers(200, **HIDDEN), args=_unit)
SERVICE_CREATE = Row(
    "surveys:service_create",
    answers(302, **HIDDEN, **READERS_REFUSED),
    method="post",
    args=_unit,
    body={"service-name": "Poli Gigi"},
)
POINT_CREATE = Row(
    "surveys:point_create",
    answers(302, **HIDDEN, **READERS_REFUSED),
    method="post",
    args=_unit,
    body={"point-name": "Loket 5", "point-service": ""},
)
SERVICE_EDIT_PAGE = Row(
    "surveys:service_edit", answers(200, **HIDDEN, **READERS_REFUSED), args=_service
)
SERVICE_EDIT = Row(
    "surveys:service_edit",
    answers(302, **HIDDEN, **READERS_REFUSED),
    method="post",
    args=_service,
    body={"name": "Poli Umum Baru", "is_active": "on"},
)
POINT_EDIT_PAGE = Row("surveys:point_edit", answers(200, **HIDDEN, **READERS_REFUSED), args=_point)
POINT_EDIT = Row(
    "surveys:point_edit",
    answers(302, **HIDDEN, **READERS_REFUSED),
    method="post",
    args=_point,
    body={"name": "Loket Utama", "service": "", "is_active": "on"},
)
KIOSK = Row("surveys:point_kiosk", answers(302, **HIDDEN, **READERS_REFUSED), args=_point)
POSTER_PNG = Row("surveys:poster_png", answers(200, **HIDDEN), args=_point)
POSTER_PDF = Row("surveys:poster_pdf", answers(200, **HIDDEN), args=_point)
USERS_PAGE = Row("surveys:setup_users", answers(200, **HIDDEN), args=_unit)
USERS = Row(
    "surveys:setup_users",
    answers(302, **HIDDEN, **READERS_REFUSED),
    method="post",
    args=_unit,
    body={"year": "2026", "kind": "quarter", "number": "1", "users": "900", "service": ""},
)
USERS_IMPORT = Row(
    "surveys:users_import",
    answers(302, **HIDDEN, **READERS_REFUSED),
    method="post",
    args=_unit,
    body=_csv,
)
PUBLIC = Row("surveys:public", EVERYONE, args=_token)
PUBLIC_SUBMIT = Row(
    "surveys:public",
    dict.fromkeys(EVERYONE, 302),
    method="post",
    args=_token,
    body=form_data,
)
THANKS = Row("surveys:thanks", EVERYONE, args=_token)
KIOSK_WORKER = Row("surveys:kiosk_worker", EVERYONE)


def _api_token(point):
    return lambda w: {"token": getattr(w, point).token}


def _api_answers(w):
    scores = {element: int(score) for element, score in FULL_ANSWERS.items()}
    return {"answers": scores, "service": w.poli.pk, **PROFILE}


API_FORM = Row("GET /api/v1/public/surveys/{token}", EVERYONE, args=_api_token("point"))
API_FORM_CLOSED = Row(
    "GET /api/v1/public/surveys/{token}",
    dict.fromkeys(EVERYONE, 404),
    args=_api_token("closed_point"),
    label="closed",
)
API_RESPOND = Row(
    "POST /api/v1/public/surveys/{token}/responses",
    dict.fromkeys(EVERYONE, 201),
    args=_api_token("point"),
    body=_api_answers,
)
API_RESPOND_CLOSED = Row(
    "POST /api/v1/public/surveys/{token}/responses",
    dict.fromkeys(EVERYONE, 404),
    args=_api_token("closed_point"),
    body=_api_answers,
    label="closed",
)
API_SETUP = Row(
    "GET /api/v1/surveys/units/{unit_id}/setup",
    api_answers(200, **HIDDEN),
    args=lambda w: {"unit_id": w.unit.pk},
)
API_SERVICE_CREATE = Row(
    "POST /api/v1/surveys/units/{unit_id}/services",
    api_answers(200, **HIDDEN, **READERS_REFUSED),
    args=lambda w: {"unit_id": w.unit.pk},
    body={"name": "Poli Gigi"},
)
API_POINT_CREATE = Row(
    "POST /api/v1/surveys/units/{unit_id}/points",
    api_answers(200, **HIDDEN, **READERS_REFUSED),
    args=lambda w: {"unit_id": w.unit.pk},
    body={"name": "Loket 5"},
)
API_USERS = Row(
    "PUT /api/v1/surveys/units/{unit_id}/service-users",
    api_answers(200, **HIDDEN, **READERS_REFUSED),
    args=lambda w: {"unit_id": w.unit.pk},
    body={"year": 2026, "kind": "year", "number": 1, "users": 5000},
)

PERMISSION_ROWS = [
    UNITS,
    UNIT,
    SERVICE_CREATE,
    POINT_CREATE,
    SERVICE_EDIT_PAGE,
    SERVICE_EDIT,
    POINT_EDIT_PAGE,
    POINT_EDIT,
    KIOSK,
    POSTER_PNG,
    POSTER_PDF,
    USERS_PAGE,
    USERS,
    USERS_IMPORT,
    PUBLIC,
    PUBLIC_SUBMIT,
    THANKS,
    KIOSK_WORKER,
    API_FORM,
    API_FORM_CLOSED,
    API_RESPOND,
    API_RESPOND_CLOSED,
    API_SETUP,
    API_SERVICE_CREATE,
    API_POINT_CREATE,
    API_USERS,
]

WRITES = {
    SERVICE_CREATE.name: lambda: Service.objects.count(),
    API_SERVICE_CREATE.name: lambda: Service.objects.count(),
    POINT_CREATE.name: lambda: SurveyPoint.objects.count(),
    API_POINT_CREATE.name: lambda: SurveyPoint.objects.count(),
    SERVICE_EDIT.name: lambda: Service.objects.filter(name="Poli Umum Baru").count(),
    POINT_EDIT.name: lambda: SurveyPoint.objects.filter(name="Loket Utama").count(),
    USERS.name: lambda: ServiceUsers.objects.count(),
    USERS_IMPORT.name: lambda: ServiceUsers.objects.count(),
    API_USERS.name: lambda: ServiceUsers.objects.count(),
    PUBLIC_SUBMIT.name: lambda: Response.objects.count(),
    API_RESPOND.name: lambda: Response.objects.count(),
    API_RESPOND_CLOSED.name: lambda: Response.objects.count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_survey_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        changed = count() != before
        assert changed == (expected in (200, 201, 302)), "a write happens exactly when allowed"
