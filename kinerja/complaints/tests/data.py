"""A small world for the complaint tests: the personas of Kabupaten Contoh (Puskesmas Sukamaju
is a public service unit), a holiday, a fixed today, and a few cases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.complaints import services
from kinerja.iku.models import NonWorkingDay
from kinerja.org.models import Unit
from kinerja.org.tests.personas import build_personas
from kinerja.skp.tests.review_data import freeze_today

TODAY = datetime.date(2026, 3, 16)  # a Monday
HOLIDAY = datetime.date(2026, 3, 19)  # Nyepi, a Thursday off
NAME = "Siti Complainant Aminah"
EMAIL = "aminah.pelapor@example.org"
PHONE = "0813 7777 2222"
DESCRIPTION = "Antrean di loket pendaftaran Puskesmas Sukamaju sangat lama, lebih dari tiga jam."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def pdf(name="foto antrean.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass(repr=False)
class World:
    personas: object
    cases: dict = field(default_factory=dict)

    @property
    def e(self):
        return self.personas.employees

    @property
    def users(self):
        return self.personas.users

    @property
    def units(self):
        return self.personas.units

    @property
    def agency(self):
        return self.personas.agency


def build_world(monkeypatch) -> World:
    freeze_today(monkeypatch, TODAY)
    personas = build_personas()
    Unit.objects.filter(pk=personas.units["pkm"].pk).update(is_service_unit=True)
    NonWorkingDay.objects.create(
        agency=personas.agency, date=HOLIDAY, name="Nyepi", kind="national"
    )
    world = World(personas)
    pkm = personas.units["pkm"]
    world.cases["pkm"] = services.complaint_file(
        agency=personas.agency,
        unit=pkm.pk,
        category="normatif",
        description=DESCRIPTION,
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        attachments=[pdf()],
    )
    world.cases["unrouted"] = services.complaint_file(
        agency=personas.agency, category="ringan", description="Jalan di depan kantor rusak."
    )
    answered = services.complaint_file(
        agency=personas.agency, unit=pkm.pk, category="ringan", description="Obat kosong."
    )
    world.cases["answered"] = services.complaint_respond(
        actor=None, complaint=answered, text="Stok obat sudah dipenuhi kembali."
    )
    return world
