"""Who gets what from the forum pages and API: the permission table of the house.

Personas (kinerja/org/tests/personas.py): anonymous; dokter, a pegawai of Puskesmas Sukamaju
(reads the published forums); kasi, head of a seksi of Dinas Kesehatan (records forums of the
seksi, not of the Puskesmas); staf, admin of Dinas Kesehatan (manages the Puskesmas' forums);
bkpsdm (manages every unit); pimpinan and auditor (read everything, drafts included, write
nothing); outsider, the BKPSDM admin of another agency. The forums are the Puskesmas': one
published with commitments, one draft without a summary, one complete draft.
"""

import pytest

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    Row,
    answers,
    api_answers,
    ask,
    table_cases,
)
from kinerja.forums.models import Commitment, CommitmentProgress, Forum, ForumStatus
from kinerja.forums.tests.data import TODAY

pytestmark = pytest.mark.django_db


def _published(w):
    return [w.published.pk]


def _draft(w):
    return [w.draft.pk]


def _ready(w):
    return [w.ready.pk]


def _open(w):
    return [w.open_commitment.pk]


def _management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def _form(w, **extra):
    return {
        "title": "Forum Konsultasi Publik Layanan Kesehatan Jiwa",
        "held_on": "2026-04-02",
        "place": "Aula Puskesmas",
        "kind": "fkp",
        "summary": "Warga meminta layanan konseling.",
        "people_public": "12",
        **_management("topic", 1),
        "topic-0-text": "Layanan konseling",
        **_management("commitment", 0),
        **extra,
    }


def _api_forum(w, **extra):
    return {
        "title": "Dialog Publik Layanan Lansia",
        "held_on": "2026-04-02",
        "place": "Posyandu Lansia",
        "summary": "Lansia meminta antrean khusus.",
        "participants": {"public": 20},
        "topics": [{"text": "Antrean khusus lansia"}],
        **extra,
    }


def _commitment_rows(forum) -> dict:
    """The forum's commitments as the form's rows (a correction keeps them all)."""
    rows = list(Commitment.objects.filter(forum=forum).order_by("order"))
    data = _management("commitment", len(rows)) | {"commitment-INITIAL_FORMS": str(len(rows))}
    for n, c in enumerate(rows):
        data |= {
            f"commitment-{n}-id": c.pk,
            f"commitment-{n}-text": c.text,
            f"commitment-{n}-owner_position": c.owner_position_id or "",
            f"commitment-{n}-owner_text": c.owner_text,
            f"commitment-{n}-due_date": c.due_date.isoformat(),
        }
    return data


DRAFT_WRITERS = {"staf": 302, "bkpsdm": 302, "pimpinan": 403, "auditor": 403}
FOLLOW_UP = {"staf": 302, "bkpsdm": 302, "outsider": 404}

LIST = Row("forums:list", answers(200))
OVERVIEW = Row("forums:overview", answers(403, bkpsdm=200, pimpinan=200, auditor=200, outsider=200))
DETAIL = Row("forums:detail", answers(200, outsider=404), args=_published)
DETAIL_DRAFT = Row(
    "forums:detail",
    answers(404, staf=200, bkpsdm=200, pimpinan=200, auditor=200),
    args=_draft,
    label="draft",
)
CREATE_PAGE = Row("forums:create", answers(403, staf=200, bkpsdm=200, kasi=200, outsider=200))
CREATE = Row(
    "forums:create",
    answers(403, staf=302, bkpsdm=302, kasi=400, outsider=400),
    method="post",
    body=lambda w: _form(w, unit=w.units["pkm"].pk),
)
EDIT_PAGE = Row(
    "forums:edit",
    answers(404, **{k: 200 if v == 302 else v for k, v in DRAFT_WRITERS.items()}),
    args=_draft,
)
EDIT = Row("forums:edit", answers(404, **DRAFT_WRITERS), method="post", args=_draft, body=_form)
CORRECT_PAGE = Row(
    "forums:edit",
    answers(403, staf=200, bkpsdm=200, outsider=404),
    args=_published,
    label="published",
)
CORRECT = Row(
    "forums:edit",
    answers(403, staf=302, bkpsdm=302, outsider=404),
    method="post",
    args=_published,
    body=lambda w: (
        _form(w, held_on="2026-02-10", reason="Jumlah peserta salah hitung")
        | _commitment_rows(w.published)
    ),
    label="published",
)
PUBLISH_PAGE = Row(
    "forums:publish",
    answers(404, staf=200, bkpsdm=200, pimpinan=403, auditor=403),
    args=_ready,
)
PUBLISH = Row(
    "forums:publish",
    answers(404, **DRAFT_WRITERS),
    method="post",
    args=_ready,
    body={"confirm": "yes"},
)
COMMITMENT = Row("forums:commitment", answers(200, outsider=404), args=_open)
PROGRESS = Row(
    "forums:commitment",
    answers(403, **FOLLOW_UP),
    method="post",
    args=_open,
    body={"text": "Aplikasi antrean diuji coba"},
)
COMPLETE = Row(
    "forums:commitment_complete",
    answers(403, **FOLLOW_UP),
    method="post",
    args=_open,
    body={"done_on": TODAY.isoformat()},
)
DROP = Row(
    "forums:commitment_drop",
    answers(403, **FOLLOW_UP),
    method="post",
    args=_open,
    body={"reason": "Dialihkan ke Dinas Kesehatan"},
)
PUBLIC_LIST = Row(
    "forums_public:list", answers(200, **{ANONYMOUS: 200}), query={"instansi": "contoh"}
)
PUBLIC_CHOOSE = Row("forums_public:list", answers(200, **{ANONYMOUS: 200}), label="agencies")
PUBLIC_DETAIL = Row("forums_public:detail", answers(200, **{ANONYMOUS: 200}), args=_published)
PUBLIC_DRAFT = Row(
    "forums_public:detail", answers(404, **{ANONYMOUS: 404}), args=_draft, label="draft"
)

API_WRITERS = {"staf": 200, "bkpsdm": 200, "pimpinan": 403, "auditor": 403}
API_FOLLOW_UP = {"staf": 200, "bkpsdm": 200, "outsider": 404}


def _forum_arg(key):
    return lambda w: {"forum_id": getattr(w, key).pk}


def _commitment_arg(w):
    return {"commitment_id": w.open_commitment.pk}


API_LIST = Row("GET /api/v1/forums", api_answers(200))
API_DETAIL = Row(
    "GET /api/v1/forums/{forum_id}", api_answers(200, outsider=404), args=_forum_arg("published")
)
API_DETAIL_DRAFT = Row(
    "GET /api/v1/forums/{forum_id}",
    api_answers(404, staf=200, bkpsdm=200, pimpinan=200, auditor=200),
    args=_forum_arg("draft"),
    label="draft",
)
API_CREATE = Row(
    "POST /api/v1/forums",
    api_answers(403, staf=200, bkpsdm=200, kasi=400, outsider=400),
    body=lambda w: _api_forum(w, unit=w.units["pkm"].pk),
)
API_UPDATE = Row(
    "PUT /api/v1/forums/{forum_id}",
    api_answers(404, **API_WRITERS),
    args=_forum_arg("draft"),
    body=_api_forum,
)
API_PUBLISH = Row(
    "POST /api/v1/forums/{forum_id}/publish",
    api_answers(404, **API_WRITERS),
    args=_forum_arg("ready"),
)
API_CORRECT = Row(
    "POST /api/v1/forums/{forum_id}/corrections",
    api_answers(403, **API_FOLLOW_UP),
    args=_forum_arg("published"),
    body=lambda w: _api_forum(w, held_on="2026-02-10", reason="Judul salah"),
)
API_COMMITMENT_CREATE = Row(
    "POST /api/v1/forums/{forum_id}/commitments",
    api_answers(404, **API_WRITERS),
    args=_forum_arg("draft"),
    body={
        "text": "Jadwal imunisasi",
        "owner_text": "Koordinator Imunisasi",
        "due_date": "2026-06-01",
    },
)
API_COMMITMENT_UPDATE = Row(
    "PUT /api/v1/forums/commitments/{commitment_id}",
    api_answers(403, **API_FOLLOW_UP),
    args=_commitment_arg,
    body={
        "text": "Menerapkan antrean daring dan SMS",
        "owner_text": "Kepala Puskesmas",
        "due_date": "2026-06-30",
        "reason": "Tenggat disesuaikan",
    },
)
API_PROGRESS = Row(
    "POST /api/v1/forums/commitments/{commitment_id}/progress",
    api_answers(403, **API_FOLLOW_UP),
    args=_commitment_arg,
    body={"text": "Uji coba"},
)
API_COMPLETE = Row(
    "POST /api/v1/forums/commitments/{commitment_id}/complete",
    api_answers(403, **API_FOLLOW_UP),
    args=_commitment_arg,
    body={},
)
API_DROP = Row(
    "POST /api/v1/forums/commitments/{commitment_id}/drop",
    api_answers(403, **API_FOLLOW_UP),
    args=_commitment_arg,
    body={"reason": "Bukan kewenangan Puskesmas"},
)
API_PUBLIC_LIST = Row(
    "GET /api/v1/public/forums", api_answers(200, **{ANONYMOUS: 200}), query={"agency": "contoh"}
)
API_PUBLIC_LIST_NO_AGENCY = Row(
    "GET /api/v1/public/forums", api_answers(404, **{ANONYMOUS: 404}), label="several agencies"
)
API_PUBLIC_DETAIL = Row(
    "GET /api/v1/public/forums/{forum_id}",
    api_answers(200, **{ANONYMOUS: 200}),
    args=_forum_arg("published"),
)
API_PUBLIC_DRAFT = Row(
    "GET /api/v1/public/forums/{forum_id}",
    api_answers(404, **{ANONYMOUS: 404}),
    args=_forum_arg("draft"),
    label="draft",
)

PERMISSION_ROWS = [
    LIST,
    OVERVIEW,
    DETAIL,
    DETAIL_DRAFT,
    CREATE_PAGE,
    CREATE,
    EDIT_PAGE,
    EDIT,
    CORRECT_PAGE,
    CORRECT,
    PUBLISH_PAGE,
    PUBLISH,
    COMMITMENT,
    PROGRESS,
    COMPLETE,
    DROP,
    PUBLIC_LIST,
    PUBLIC_CHOOSE,
    PUBLIC_DETAIL,
    PUBLIC_DRAFT,
    API_LIST,
    API_DETAIL,
    API_DETAIL_DRAFT,
    API_CREATE,
    API_UPDATE,
    API_PUBLISH,
    API_CORRECT,
    API_COMMITMENT_CREATE,
    API_COMMITMENT_UPDATE,
    API_PROGRESS,
    API_COMPLETE,
    API_DROP,
    API_PUBLIC_LIST,
    API_PUBLIC_LIST_NO_AGENCY,
    API_PUBLIC_DETAIL,
    API_PUBLIC_DRAFT,
]


def _forums():
    return Forum.objects.count()


def _version():
    return sum(Forum.objects.values_list("version", flat=True))


def _titles():
    return sorted(Forum.objects.values_list("title", flat=True))


def _published_count():
    return Forum.objects.filter(status=ForumStatus.PUBLISHED).count()


def _commitments():
    return sorted(Commitment.objects.values_list("status", "text", "due_date"))


def _progress():
    return CommitmentProgress.objects.count()


WRITES = {
    CREATE.name: _forums,
    API_CREATE.name: _forums,
    EDIT.name: _titles,
    API_UPDATE.name: _titles,
    CORRECT.name: _version,
    API_CORRECT.name: _version,
    PUBLISH.name: _published_count,
    API_PUBLISH.name: _published_count,
    API_COMMITMENT_CREATE.name: _commitments,
    API_COMMITMENT_UPDATE.name: _commitments,
    PROGRESS.name: _progress,
    API_PROGRESS.name: _progress,
    COMPLETE.name: _commitments,
    API_COMPLETE.name: _commitments,
    DROP.name: _commitments,
    API_DROP.name: _commitments,
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_forums_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        changed = count() != before
        assert changed == (expected in (200, 302)), "a write happens exactly when allowed"


assert LOGIN  # pages send the anonymous visitor to the login page (the answers' default)
