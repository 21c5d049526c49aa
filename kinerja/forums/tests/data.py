"""A small world for the forum tests: the personas (kinerja/org/tests/personas.py), a
published forum of Puskesmas Sukamaju with commitments in each state, a draft forum, and a
fixed today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kinerja.forums import services
from kinerja.forums.models import Commitment, Forum
from kinerja.org.tests.personas import build_personas
from kinerja.skp.tests.review_data import freeze_today

TODAY = datetime.date(2026, 5, 15)
HELD = datetime.date(2026, 2, 10)


@dataclass(repr=False)
class World:
    personas: object
    published: Forum
    draft: Forum  # without a summary: not ready to publish
    ready: Forum  # a complete draft
    open_commitment: Commitment  # due soon
    overdue: Commitment

    @property
    def units(self):
        return self.personas.units

    @property
    def users(self):
        return self.personas.users

    @property
    def positions(self):
        return self.personas.positions


def forum_values(unit, **overrides) -> dict:
    values = {
        "unit": unit,
        "title": "Forum Konsultasi Publik Pelayanan Puskesmas",
        "held_on": HELD,
        "place": "Aula Puskesmas Sukamaju",
        "kind": "fkp",
        "summary": "Warga meminta antrean lebih tertib dan jam layanan sore.",
        "participants": {"public": 25, "leaders": 4, "ngo": 2},
        "topics": [
            {"text": "Antrean pendaftaran terlalu lama", "area": "Pendaftaran"},
            {"text": "Jam layanan sore untuk pekerja", "area": ""},
        ],
    }
    values.update(overrides)
    return values


def build_world(monkeypatch) -> World:
    freeze_today(monkeypatch, TODAY)
    personas = build_personas()
    pkm = personas.units["pkm"]
    published = services.forum_create(
        actor=None,
        **forum_values(
            pkm,
            commitments=[
                {
                    "text": "Menerapkan antrean daring",
                    "owner_position": personas.positions["dokter"].pk,
                    "due_date": datetime.date(2026, 5, 20),
                },
                {
                    "text": "Membuka layanan sore dua hari seminggu",
                    "owner_text": "Kepala Puskesmas",
                    "due_date": datetime.date(2026, 4, 30),
                },
                {
                    "text": "Menambah kursi ruang tunggu",
                    "owner_text": "Bagian Umum Puskesmas",
                    "due_date": datetime.date(2026, 3, 31),
                },
            ],
        ),
    )
    services.forum_publish(actor=None, forum=published)
    first, second, third = Commitment.objects.filter(forum=published).order_by("order")
    services.commitment_complete(actor=None, commitment=third, done_on=datetime.date(2026, 3, 20))
    draft = services.forum_create(
        actor=None,
        **forum_values(pkm, title="Dialog Publik Layanan Imunisasi", held_on=TODAY, summary=""),
    )
    ready = services.forum_create(
        actor=None, **forum_values(pkm, title="Forum Konsultasi Publik Layanan Gizi")
    )
    return World(personas, published, draft, ready, first, second)


def edit_values(**overrides) -> dict:
    """The values of forum_update and forum_correct (a forum stays with its unit)."""
    values = forum_values(None, **overrides)
    del values["unit"]
    return values
