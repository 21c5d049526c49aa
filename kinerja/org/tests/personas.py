"""Named people of a small constructed regency, used by permission tables and journeys.

Kabupaten Contoh:
  Dinas Kesehatan (DINKES) — kadinkes (JPT pratama)
    Bidang Pelayanan Kesehatan — kabid (administrator)
      Seksi Pelayanan Kesehatan Primer — kasi (pengawas)
        staf (pelaksana), who is also the unit admin of Dinas Kesehatan
    Puskesmas Sukamaju — dokter (fungsional, Ahli Pertama), reporting to the kabid
  BKPSDM — bkpsdm (pelaksana, with the BKPSDM admin role)
  Inspektorat — auditor (fungsional auditor, with the auditor role)
  pimpinan: the regent's office login, with no employee record
Kabupaten Lain: outsider, a BKPSDM admin of another agency.
"""

import datetime
from dataclasses import dataclass

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role
from kinerja.org.tests import factories as f

PASSWORD = "Rahasia-kuat-2026"


@dataclass
class Personas:
    agency: object
    other_agency: object
    units: dict
    positions: dict
    employees: dict
    users: dict


def build_personas() -> Personas:
    agency = f.AgencyFactory(
        code="contoh",
        name="Pemerintah Kabupaten Contoh",
        region_name="Kabupaten Contoh",
        head_title="Bupati Contoh",
    )
    other = f.AgencyFactory(
        code="lain",
        name="Pemerintah Kabupaten Lain",
        region_name="Kabupaten Lain",
        head_title="Bupati Lain",
    )
    units = {}
    units["dinkes"] = f.unit(agency, "DINKES", "Dinas Kesehatan")
    units["yankes"] = f.unit(
        agency, "DINKES.YANKES", "Bidang Pelayanan Kesehatan", "bidang", units["dinkes"]
    )
    units["primer"] = f.unit(
        agency, "DINKES.YANKES.PRIMER", "Seksi Pelayanan Kesehatan Primer", "seksi", units["yankes"]
    )
    units["pkm"] = f.unit(
        agency, "DINKES.PKM01", "Puskesmas Sukamaju", "puskesmas", units["dinkes"]
    )
    units["bkpsdm"] = f.unit(agency, "BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "badan")
    units["inspektorat"] = f.unit(agency, "INSP", "Inspektorat Daerah", "inspektorat")
    units["other"] = f.unit(other, "DINKES", "Dinas Kesehatan Kabupaten Lain")

    p = {}
    p["kadinkes"] = f.position(
        agency, units["dinkes"], "DINKES-01", "Kepala Dinas Kesehatan", "jpt_pratama", head=True
    )
    p["kabid"] = f.position(
        agency,
        units["yankes"],
        "DINKES-02",
        "Kepala Bidang Pelayanan Kesehatan",
        "administrator",
        p["kadinkes"],
        head=True,
    )
    p["kasi"] = f.position(
        agency,
        units["primer"],
        "DINKES-03",
        "Kepala Seksi Pelayanan Kesehatan Primer",
        "pengawas",
        p["kabid"],
        head=True,
    )
    p["staf"] = f.position(
        agency, units["primer"], "DINKES-04", "Pengadministrasi Perkantoran", "pelaksana", p["kasi"]
    )
    p["dokter"] = f.position(
        agency,
        units["pkm"],
        "DINKES-05",
        "Dokter Ahli Pertama",
        "fungsional",
        p["kabid"],
        jenjang="ahli_pertama",
    )
    p["kabkpsdm"] = f.position(
        agency, units["bkpsdm"], "BKPSDM-01", "Kepala BKPSDM", "jpt_pratama", head=True
    )
    p["bkpsdm"] = f.position(
        agency, units["bkpsdm"], "BKPSDM-02", "Analis SDM Aparatur", "pelaksana", p["kabkpsdm"]
    )
    p["inspektur"] = f.position(
        agency, units["inspektorat"], "INSP-01", "Inspektur Daerah", "jpt_pratama", head=True
    )
    p["auditor"] = f.position(
        agency,
        units["inspektorat"],
        "INSP-02",
        "Auditor Ahli Muda",
        "fungsional",
        p["inspektur"],
        jenjang="ahli_muda",
    )
    p["other"] = f.position(
        other, units["other"], "LAIN-01", "Kepala Dinas", "jpt_pratama", head=True
    )

    start = datetime.date(2020, 1, 1)
    e = {}
    e["kadinkes"] = f.employee(
        agency,
        "Hendra Wijaya",
        front_title="dr.",
        back_title="M.Kes.",
        grade="IV/c",
        position=p["kadinkes"],
        start=start,
        nip=f.make_nip(datetime.date(1972, 5, 2), (1999, 3), "L", 1),
    )
    e["kabid"] = f.employee(
        agency,
        "Siti Rahmawati",
        back_title="S.K.M., M.Kes.",
        grade="IV/a",
        position=p["kabid"],
        start=start,
        nip=f.make_nip(datetime.date(1978, 8, 17), (2003, 12), "P", 2),
    )
    e["kasi"] = f.employee(
        agency,
        "Agus Santoso",
        back_title="S.Kep.",
        grade="III/d",
        position=p["kasi"],
        start=start,
        nip=f.make_nip(datetime.date(1983, 1, 9), (2008, 4), "L", 3),
    )
    e["staf"] = f.employee(
        agency,
        "Dewi Lestari",
        grade="II/c",
        position=p["staf"],
        start=start,
        nip=f.make_nip(datetime.date(1992, 11, 23), (2015, 2), "P", 4),
        phone="081234567890",
    )
    e["dokter"] = f.employee(
        agency,
        "Rizky Pratama",
        front_title="dr.",
        grade="III/b",
        position=p["dokter"],
        start=start,
        nip=f.make_nip(datetime.date(1990, 4, 5), (2018, 3), "L", 5),
    )
    e["bkpsdm"] = f.employee(
        agency,
        "Nur Aini",
        back_title="S.Psi.",
        grade="III/c",
        position=p["bkpsdm"],
        start=start,
        nip=f.make_nip(datetime.date(1987, 6, 30), (2011, 1), "P", 6),
    )
    e["auditor"] = f.employee(
        agency,
        "Bambang Supriyadi",
        back_title="S.E., Ak.",
        grade="III/d",
        position=p["auditor"],
        start=start,
        nip=f.make_nip(datetime.date(1980, 2, 12), (2006, 1), "L", 7),
    )
    e["outsider"] = f.employee(
        other,
        "Yusuf Hidayat",
        grade="IV/a",
        position=p["other"],
        start=start,
        nip=f.make_nip(datetime.date(1975, 9, 1), (2001, 3), "L", 8),
    )

    users = {}
    for key in ("kadinkes", "kabid", "kasi", "staf", "dokter", "bkpsdm", "auditor"):
        users[key] = accounts.user_create(
            actor=None,
            agency=agency,
            username=key,
            password=PASSWORD,
            full_name=e[key].full_name,
            employee=e[key],
        )
    users["pimpinan"] = accounts.user_create(
        actor=None, agency=agency, username="pimpinan", password=PASSWORD, full_name="Bupati Contoh"
    )
    users["outsider"] = accounts.user_create(
        actor=None,
        agency=other,
        username="outsider",
        password=PASSWORD,
        full_name="Yusuf Hidayat",
        employee=e["outsider"],
    )
    accounts.role_grant(actor=None, user=users["bkpsdm"], role=Role.BKPSDM_ADMIN)
    accounts.role_grant(actor=None, user=users["auditor"], role=Role.AUDITOR)
    accounts.role_grant(actor=None, user=users["pimpinan"], role=Role.PIMPINAN)
    accounts.role_grant(actor=None, user=users["staf"], role=Role.ADMIN_UNIT, unit=units["dinkes"])
    accounts.role_grant(actor=None, user=users["outsider"], role=Role.BKPSDM_ADMIN)
    return Personas(agency, other, units, p, e, users)
