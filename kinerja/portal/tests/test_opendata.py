"""Open data of the portal: CSV and JSON of every table, the data package, the DCAT catalogue."""

import csv
import io
import json

import pytest
from django.urls import reverse

from kinerja.portal import opendata

pytestmark = pytest.mark.django_db


def _download(client, version, table, fmt, query="?instansi=contoh", **headers):
    url = reverse(
        "portal_public:download",
        kwargs={
            "pk": version.publication_id,
            "version": version.version,
            "table": table,
            "fmt": fmt,
        },
    )
    return client.get(url + query, headers=headers)


def test_the_indicators_csv_has_a_header_row_and_one_line_per_indicator(client, world):
    response = _download(client, world["q2"], "indicators", "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == [c.name for c in opendata.TABLES["indicators"]]
    assert [line[3] for line in lines[1:]] == [
        "Angka harapan hidup",
        "Cakupan imunisasi dasar lengkap",
    ]
    assert lines[2][6:10] == ["95.00", "", "75.50", "79.47"]


def test_a_suppressed_figure_is_an_empty_cell_with_its_reason_never_zero(client, world):
    lines = list(
        csv.DictReader(
            io.StringIO(_download(client, world["q2"], "satisfaction", "csv").content.decode())
        )
    )
    withheld = next(line for line in lines if line["service_name"] == "Poli gigi")
    assert withheld["ikm"] == "" and withheld["respondents"] == ""
    assert withheld["suppressed"] == "small_group"


@pytest.mark.parametrize("table", list(opendata.TABLES))
def test_every_table_downloads_as_json_with_its_licence(client, world, table):
    response = _download(client, world["q2"], table, "json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["licence"]["name"] == "CC-BY-4.0"
    assert document["licence"]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["version"] == 1 and document["table"] == table
    assert all(set(row) == {c.name for c in opendata.TABLES[table]} for row in document["rows"])


def test_an_earlier_version_downloads_its_own_figures(client, world):
    first = _download(client, world["q1v1"], "units", "json").json()
    second = _download(client, world["q1v2"], "units", "json").json()
    assert first["rows"][0]["capaian"] == "80.00"
    assert second["rows"][0]["capaian"] == "80.00"
    assert first["version"] == 1 and second["version"] == 2


def test_downloads_of_unknown_tables_future_versions_or_other_agencies_are_404(client, world):
    assert _download(client, world["q2"], "employees", "csv").status_code == 404
    assert _download(client, world["q2"], "units", "xml").status_code == 404
    assert _download(client, world["draft"], "units", "csv").status_code == 404
    assert _download(client, world["q2"], "units", "csv", "?instansi=lain").status_code == 404


def test_a_download_answers_304_to_its_etag(client, world):
    first = _download(client, world["q2"], "goals", "csv")
    assert "max-age" in first["Cache-Control"] and first["Last-Modified"]
    again = _download(client, world["q2"], "goals", "csv", if_none_match=first["ETag"])
    assert again.status_code == 304


def test_the_data_package_points_at_the_csv_of_every_table(client, world):
    version = world["q2"]
    url = reverse("portal_public:datapackage", kwargs={"pk": version.publication_id, "version": 1})
    package = client.get(url + "?instansi=contoh").json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert [r["name"] for r in package["resources"]] == list(opendata.TABLES)
    for resource in package["resources"]:
        assert resource["path"].startswith("http://testserver/portal/publikasi/")
        assert resource["path"].endswith(f"/{resource['name']}.csv?instansi=contoh")
        path = resource["path"].removeprefix("http://testserver")
        assert client.get(path).status_code == 200
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert fields == [c.name for c in opendata.TABLES[resource["name"]]]


def test_the_catalogue_lists_every_current_publication_with_its_distributions(client, world):
    catalogue = client.get(reverse("portal_public:catalogue") + "?instansi=contoh").json()
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = catalogue["dataset"]
    assert len(datasets) == 2  # the two quarters; the correction replaces its first version
    for dataset in datasets:
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["accessLevel"] == "public"
        assert len(dataset["distribution"]) == 2 * len(opendata.TABLES)
    urls = [d["downloadURL"] for d in datasets[1]["distribution"]]
    assert any("/versi/2/" in url for url in urls)  # the corrected quarter's current version


def test_the_licence_is_a_setting(client, world, settings):
    settings.PORTAL_LICENCE = "ODbL-1.0"
    settings.PORTAL_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    document = _download(client, world["q2"], "forums", "json").json()
    assert document["licence"] == {
        "name": "ODbL-1.0",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/",
    }


def test_a_csv_cell_a_spreadsheet_would_run_is_escaped_and_a_negative_number_is_not():
    snapshot = {"indicators": [{"id": 7, "name": '=HYPERLINK("x")', "target": "-5.00"}]}
    lines = opendata.csv_text(snapshot, "indicators").splitlines()
    header, line = lines[0].split(","), lines[1]
    assert header[:5] == ["id", "unit_id", "goal_id", "name", "unit_of_measure"]
    assert line.startswith('7,,,"\'=HYPERLINK(""x"")",')
    assert ",-5.00," in line
