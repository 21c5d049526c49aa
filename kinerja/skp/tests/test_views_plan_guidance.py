"""The plan's pages say what to do next: the rater's comments where they apply, the next step
once returned, the errors of a refused step at the top, and a confirmation before each
irreversible step (read by kinerja.js from data-confirm)."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.skp import services
from kinerja.skp.models import SkpStatus
from kinerja.skp.tests.factories import add_result, chain_of_plans, start_skp
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit

pytestmark = pytest.mark.django_db

GENERAL_COMMENT = "Perbaiki target seluruh rencana"
RHK_COMMENT = "Target laporan terlalu rendah"


@pytest.fixture(autouse=True)
def english(client, settings, monkeypatch):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    freeze_today(monkeypatch, IN_JANUARY)
    with translation.override("en"):
        yield


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside each element that
    carries an id or a data-testid (for the text beside an RHK or inside a section)."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "col", "area", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag in self.VOID:
            return
        keys = []
        if "data-testid" in attributes:
            keys.append(attributes["data-testid"])
        if "id" in attributes:
            keys.append(f"#{attributes['id']}")
        for key in keys:
            self.texts.setdefault(key, [])
        self._open.append((tag, keys))

    def handle_endtag(self, tag):
        while self._open:
            name, _key = self._open.pop()
            if name == tag:
                break

    def handle_data(self, data):
        for _name, keys in self._open:
            for key in keys:
                self.texts[key].append(data)

    def text(self, key: str) -> str:
        return " ".join(" ".join(self.texts.get(key, [])).split())

    def find(self, tag: str, **wanted) -> list[dict]:
        wanted = {name.replace("_", "-"): value for name, value in wanted.items()}
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(k) == v for k, v in wanted.items())
        ]

    def one(self, tag: str, **wanted) -> dict:
        found = self.find(tag, **wanted)
        assert len(found) == 1, (tag, wanted, found)
        return found[0]


def page(client, personas, key, url, *, status=200):
    client.force_login(personas.users[key])
    response = client.get(url)
    assert response.status_code == status
    return Elements(response.content.decode())


@pytest.fixture
def returned(personas):
    """The staf's plan with two RHK, returned by the kasi with a note on the first only."""
    plans = chain_of_plans(personas)
    staf = plans["staf"]
    second = add_result(staf, "Tersusunnya arsip surat masuk", leader_rhk=plans["rhk"])
    first = staf.rhks.exclude(pk=second.pk).get()
    staf = submit(staf)
    kasi = build_viewer(personas.users["kasi"], today=IN_JANUARY)
    staf = services.skp_return(
        actor=kasi, skp=staf, comment=GENERAL_COMMENT, rhk_comments={first.pk: RHK_COMMENT}
    )
    assert staf.status == SkpStatus.RETURNED
    return {"skp": staf, "commented": first, "other": second}


# --- the rater's comments in the editor --------------------------------------------------------


def test_the_editor_of_a_returned_plan_shows_the_raters_comments_at_the_top(
    client, personas, returned
):
    skp = returned["skp"]
    editor = page(client, personas, "staf", reverse("skp:edit", args=[skp.pk]))
    top = editor.text("return-comments")
    assert "Returned by the rater: fix the plan, then submit it again" in top
    assert GENERAL_COMMENT in top
    assert "The rater also commented on 1 RHK: see the note beside it below." in top
    assert RHK_COMMENT not in top  # the note on an RHK stands beside that RHK
    editor.one("a", href=reverse("skp:detail", args=[skp.pk]) + "#workflow")


def test_the_editor_shows_each_rhk_comment_beside_its_rhk_only(client, personas, returned):
    skp, commented, other = returned["skp"], returned["commented"], returned["other"]
    editor = page(client, personas, "staf", reverse("skp:edit", args=[skp.pk]))
    beside = editor.text(f"#rhk-{commented.pk}")
    assert "The rater's note on this RHK" in beside and RHK_COMMENT in beside
    assert len(editor.find("div", data_testid="rhk-return-comments")) == 1
    assert RHK_COMMENT not in editor.text(f"#rhk-{other.pk}")
    assert "The rater's note on this RHK" not in editor.text(f"#rhk-{other.pk}")


def test_the_editor_of_a_plan_not_returned_shows_no_return_comments(client, personas):
    skp = start_skp(personas, "staf")
    add_result(skp)
    editor = page(client, personas, "staf", reverse("skp:edit", args=[skp.pk]))
    assert editor.find("section", data_testid="return-comments") == []
    assert editor.find("div", data_testid="rhk-return-comments") == []


# --- the next step once returned ----------------------------------------------------------------


def test_a_returned_plan_tells_its_owner_to_fix_it_and_submit_it_again(client, personas, returned):
    skp = returned["skp"]
    detail = page(client, personas, "staf", reverse("skp:detail", args=[skp.pk]))
    step = detail.text("next-fix")
    assert "Fix it, then submit it again." in step
    assert "The rater returned the plan with comments." in step
    assert "Open the editor with the comments" in step
    detail.one("p", data_testid="next-fix")
    assert detail.find("a", href=reverse("skp:edit", args=[skp.pk]))
    # The next step sits in the workflow card, above the submit form.
    assert "next-fix" in detail.texts and detail.find("form", data_testid="submit")


def test_the_rater_viewing_the_returned_plan_is_not_told_to_fix_it(client, personas, returned):
    detail = page(client, personas, "kasi", reverse("skp:detail", args=[returned["skp"].pk]))
    assert detail.find("p", data_testid="next-fix") == []


@pytest.mark.parametrize("step", ["draft", "dialogue", "submitted", "set"])
def test_a_plan_not_returned_has_no_fix_it_step(client, personas, step):
    skp = chain_of_plans(personas)["staf"]
    if step != "draft":
        skp = services.skp_start_dialogue(actor=None, skp=skp)
    if step in ("submitted", "set"):
        skp = services.skp_submit(actor=None, skp=skp)
    if step == "set":
        skp = services.skp_set(actor=None, skp=skp)
    assert skp.status == step
    detail = page(client, personas, "staf", reverse("skp:detail", args=[skp.pk]))
    assert detail.find("p", data_testid="next-fix") == []


# --- the error summary after a refused step ---------------------------------------------------


def test_a_refused_submission_lists_why_at_the_top_of_the_page(client, personas):
    skp = services.skp_start_dialogue(actor=None, skp=start_skp(personas, "staf"))
    client.force_login(personas.users["staf"])
    response = client.post(reverse("skp:submit", args=[skp.pk]))
    assert response.status_code == 400
    page_ = Elements(response.content.decode())
    summary = page_.one("div", data_testid="error-summary")
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert "data-error-summary" in summary  # kinerja.js moves the focus there
    text = page_.text("error-summary")
    assert "This step was not taken. Please correct the following:" in text
    assert "Add at least one main (utama) RHK." in text
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DIALOGUE


def test_a_page_without_a_refused_step_has_no_error_summary(client, personas):
    skp = services.skp_start_dialogue(actor=None, skp=start_skp(personas, "staf"))
    detail = page(client, personas, "staf", reverse("skp:detail", args=[skp.pk]))
    assert detail.find("div", data_testid="error-summary") == []
    editor = page(client, personas, "staf", reverse("skp:edit", args=[skp.pk]))
    assert editor.find("div", data_testid="error-summary") == []


def test_a_refused_return_lists_the_missing_comment_at_the_top_of_the_review(client, personas):
    plans = chain_of_plans(personas)
    skp = submit(plans["staf"])
    client.force_login(personas.users["kasi"])
    response = client.post(
        reverse("skp:review", args=[skp.pk]), {"action": "return", "comment": " "}
    )
    assert response.status_code == 400
    review = Elements(response.content.decode())
    review.one("div", data_testid="error-summary")
    text = review.text("error-summary")
    assert "The decision was not saved. Please correct the following:" in text
    assert "Write what the employee must change." in text
    # Each error links to its field.
    assert review.find("a", href="#id_comment")


# --- confirmations before irreversible steps -----------------------------------------------------

SET_CONFIRM = (
    "Set (tetapkan) this SKP? It becomes the employee's plan for the year and can then change "
    "only through a new version."
)
RETURN_CONFIRM = (
    "Return (kembalikan) the SKP to the employee with your comments? The employee fixes it and "
    "submits it again."
)
SUBMIT_CONFIRM = (
    "Submit (ajukan) the SKP? You sign it and send it to your rater, who sets it or returns "
    "it; you cannot change it while it waits."
)


def test_kinerja_js_asks_for_the_confirmation_named_by_data_confirm():
    script = (Path(django_settings.BASE_DIR) / "static/kinerja/kinerja.js").read_text()
    assert "submitter.dataset.confirm" in script  # on the button that submits
    assert "event.target.dataset.confirm" in script  # or on the form
    assert "window.confirm(message)" in script and "event.preventDefault()" in script


def test_setting_and_returning_ask_for_confirmation_on_their_buttons(client, personas):
    plans = chain_of_plans(personas)
    skp = submit(plans["staf"])
    review = page(client, personas, "kasi", reverse("skp:review", args=[skp.pk]))
    set_button = review.one("button", data_testid="set")
    assert set_button["type"] == "submit" and set_button["value"] == "set"
    assert set_button["data-confirm"] == SET_CONFIRM
    return_button = review.one("button", data_testid="return")
    assert return_button["type"] == "submit" and return_button["value"] == "return"
    assert return_button["data-confirm"] == RETURN_CONFIRM


def test_submitting_asks_for_confirmation_on_its_form(client, personas):
    skp = services.skp_start_dialogue(actor=None, skp=chain_of_plans(personas)["staf"])
    detail = page(client, personas, "staf", reverse("skp:detail", args=[skp.pk]))
    form = detail.one("form", data_testid="submit")
    assert form["action"] == reverse("skp:submit", args=[skp.pk])
    assert form["data-confirm"] == SUBMIT_CONFIRM


def test_the_confirmations_are_translated(client, personas):
    plans = chain_of_plans(personas)
    skp = submit(plans["staf"])
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "id"
    with translation.override("id"):
        review = page(client, personas, "kasi", reverse("skp:review", args=[skp.pk]))
        expected = translation.gettext(SET_CONFIRM)
    assert expected != SET_CONFIRM
    assert review.one("button", data_testid="set")["data-confirm"] == expected
