"""Full NIP, phone, email, birth date and sex only where `may_see_personal_data` allows."""

import pytest

from kinerja.accounts.viewer import build_viewer
from kinerja.org import permissions, services
from kinerja.org.selectors import api as api_selectors

PERSONAS = ["dokter", "kasi", "staf", "kabid", "kadinkes", "bkpsdm", "pimpinan", "auditor"]
# Who sees whose full NIP among the employees each persona may see at all.
FULL_NIP = {
    "dokter": {"dokter"},
    "kasi": {"kasi"},  # an atasan sees staf, but masked
    "staf": {"kadinkes", "kabid", "kasi", "staf", "dokter"},  # admin of Dinas Kesehatan
    "kabid": {"kabid"},
    "kadinkes": {"kadinkes"},
    "bkpsdm": {"kadinkes", "kabid", "kasi", "staf", "dokter", "bkpsdm", "auditor"},
    "pimpinan": set(),  # the regent's office login sees everyone, masked
    "auditor": {"kadinkes", "kabid", "kasi", "staf", "dokter", "bkpsdm", "auditor"},
}


def _key_by_id(personas):
    return {employee.pk: key for key, employee in personas.employees.items()}


@pytest.mark.parametrize("persona", PERSONAS)
def test_employee_list_masks_the_nip_unless_personal_data_may_be_seen(api_get, personas, persona):
    keys = _key_by_id(personas)
    for item in api_get("/employees", as_user=persona).json()["items"]:
        employee = personas.employees[keys[item["id"]]]
        if keys[item["id"]] in FULL_NIP[persona]:
            assert (item["nip"], item["nip_masked"]) == (employee.nip, False)
        else:
            assert (item["nip"], item["nip_masked"]) == (employee.masked_nip, True)
            assert employee.nip[4:16] not in item["nip"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_flag_agrees_with_may_see_for_everyone(personas, persona):
    """The SQL expression used by lists must stay in step with the selector pages use."""
    viewer = build_viewer(personas.users[persona])
    for employee in api_selectors.employee_list(viewer):
        expected = permissions.may_see_personal_data(viewer, employee)
        assert employee.personal_data_visible == expected, employee.name


@pytest.mark.parametrize(
    ("persona", "sees_personal"),
    [("staf", True), ("bkpsdm", True), ("auditor", True), ("kasi", False), ("pimpinan", False)],
)
def test_employee_detail_shows_phone_email_and_birth_date_only_with_the_right(
    api_get, personas, persona, sees_personal
):
    staf = services.employee_update(
        actor=None, employee=personas.employees["staf"], email="dewi@dinkes.example.go.id"
    )
    body = api_get(f"/employees/{staf.pk}", as_user=persona).json()
    if sees_personal:
        assert body["nip"] == staf.nip
        assert body["phone"] == "081234567890"
        assert body["email"] == "dewi@dinkes.example.go.id"
        assert body["birth_date"] == staf.birth_date.isoformat()
        assert body["sex"] == "P"
    else:
        assert body["nip"] == staf.masked_nip
        assert body["nip_masked"] is True
        assert (body["phone"], body["email"], body["birth_date"], body["sex"]) == (
            None,
            None,
            None,
            None,
        )
        assert "081234567890" not in str(body)
        assert "dewi@" not in str(body)


def test_nip_search_cannot_reveal_the_digits_a_masked_nip_hides(api_get, personas):
    """kasi sees staf with a masked NIP: a longer prefix must not confirm the hidden digits."""
    staf = personas.employees["staf"]
    hidden_prefix = staf.nip[:10]
    as_kasi = api_get("/employees", as_user="kasi", q=hidden_prefix).json()
    assert as_kasi["count"] == 0
    shown_prefix = staf.nip[:4]
    assert staf.pk in {
        i["id"] for i in api_get("/employees", as_user="kasi", q=shown_prefix).json()["items"]
    }
    as_admin = api_get("/employees", as_user="staf", q=hidden_prefix).json()
    assert [i["id"] for i in as_admin["items"]] == [staf.pk]


def test_own_nip_may_be_searched_in_full(api_get, personas):
    dokter = personas.employees["dokter"]
    body = api_get("/employees", as_user="dokter", q=dokter.nip).json()
    assert [i["id"] for i in body["items"]] == [dokter.pk]
