"""The reports page: what each persona is offered, and the form that leads to a download."""

from django.urls import reverse


def _index(client, personas, who, **params):
    client.force_login(personas.users[who])
    return client.get(reverse("reports:index"), params)


def _scopes(response):
    return [value for value, _label in response.context["form"].fields["scope"].choices]


def test_overseers_are_offered_the_regency_and_every_unit_with_goals(client, lkjip_year):
    response = _index(client, lkjip_year.personas, "pimpinan")
    assert response.status_code == 200
    assert _scopes(response) == ["regency", str(lkjip_year.personas.units["dinkes"].pk)]
    assert [y for y, _label in response.context["form"].fields["year"].choices] == [2025, 2024]


def test_unit_staff_are_offered_their_unit_only(client, lkjip_year):
    response = _index(client, lkjip_year.personas, "dokter")
    assert response.status_code == 200
    assert _scopes(response) == [str(lkjip_year.personas.units["dinkes"].pk)]


def test_the_form_redirects_to_the_chosen_download(client, lkjip_year):
    personas = lkjip_year.personas
    unit = personas.units["dinkes"]
    response = _index(client, personas, "kadinkes", year=2025, scope=unit.pk, format="xlsx")
    assert response.status_code == 302
    assert response.url == reverse("reports:lkjip_unit", args=[unit.pk, 2025]) + "?format=xlsx"
    response = _index(client, personas, "bkpsdm", year=2024, scope="regency", format="pdf")
    assert response.url == reverse("reports:lkjip_regency", args=[2024]) + "?format=pdf"


def test_a_bad_choice_is_a_form_error_not_a_crash(client, lkjip_year):
    personas = lkjip_year.personas
    response = _index(client, personas, "dokter", year=1999, scope="regency", format="doc")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"year", "scope", "format"}
    assert "errorlist" in response.content.decode()


def test_the_page_lists_the_pk_the_viewer_may_download(client, personas, yankes_agreement):
    response = _index(client, personas, "kasi", pk_year=2025)
    assert [a.pk for a in response.context["agreements"]] == [yankes_agreement.pk]
    assert reverse("reports:pk_pdf", args=[yankes_agreement.pk]) in response.content.decode()
    response = _index(client, personas, "dokter", pk_year=2025)
    assert response.context["agreements"] == []


def test_an_outsider_sees_nothing_of_another_agency(client, lkjip_year):
    response = _index(client, lkjip_year.personas, "outsider")
    assert response.status_code == 200
    assert response.context["years"] == []
    assert "Dinas Kesehatan" not in response.content.decode()


def test_the_anonymous_citizen_is_sent_to_log_in(client):
    response = client.get(reverse("reports:index"))
    assert response.status_code == 302
    assert "/akun/" in response.url
