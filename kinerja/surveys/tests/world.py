"""A small world for the survey tests: the personas of Kabupaten Contoh, whose Puskesmas
Sukamaju is a service unit with two services and two survey points (one for every service,
one for the pharmacy alone), and a closed point."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.org.tests.personas import build_personas
from kinerja.surveys.models import Service, SurveyPoint

FULL_ANSWERS = {
    "persyaratan": "4",
    "prosedur": "3",
    "waktu": "3",
    "biaya": "4",
    "produk": "3",
    "kompetensi": "4",
    "perilaku": "4",
    "pengaduan": "2",
    "sarana": "3",
}
PROFILE = {"age_band": "30_39", "sex": "f", "education": "sma", "occupation": "self"}


@dataclass(repr=False)
class World:
    personas: object
    unit: object
    poli: Service
    farmasi: Service
    point: SurveyPoint
    pharmacy_point: SurveyPoint
    closed_point: SurveyPoint

    @property
    def users(self):
        return self.personas.users


def build_world() -> World:
    personas = build_personas()
    unit = personas.units["pkm"]
    assert unit.is_service_unit
    poli = Service.objects.create(unit=unit, name="Poli Umum")
    farmasi = Service.objects.create(unit=unit, name="Farmasi")
    point = SurveyPoint.objects.create(unit=unit, name="Loket Pendaftaran")
    pharmacy = SurveyPoint.objects.create(unit=unit, name="Loket Farmasi", service=farmasi)
    closed = SurveyPoint.objects.create(unit=unit, name="Loket Lama", is_active=False)
    return World(personas, unit, poli, farmasi, point, pharmacy, closed)


def form_data(world, **changes) -> dict:
    data = {**FULL_ANSWERS, **PROFILE, "service": str(world.poli.pk), "suggestion": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
