"""`id_url` gives the URL `reverse` gives, for every id."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.templatetags.long_lists import id_url

NAMES = ["org:employee_detail", "org:unit_detail", "skp:detail", "activities:employee_month"]


@given(name=st.sampled_from(NAMES), pk=st.integers(min_value=0, max_value=2**63 - 1))
def test_the_url_of_an_id_is_the_reversed_url(name, pk):
    assert id_url(name, pk) == reverse(name, args=[pk])


def test_the_template_tag_writes_the_url():
    html = Template("{% load long_lists %}{% id_url 'org:employee_detail' 42 %}").render(Context())
    assert html == reverse("org:employee_detail", args=[42])


def test_a_script_prefix_is_kept():
    set_script_prefix("/kinerja/")
    try:
        assert id_url("skp:detail", 7) == reverse("skp:detail", args=[7])
        assert id_url("skp:detail", 7).startswith("/kinerja/")
    finally:
        set_script_prefix("/")


def test_only_integer_ids_are_written():
    with pytest.raises(ValueError):
        id_url("skp:detail", "7/../../admin")


def test_a_url_without_an_id_is_refused():
    with pytest.raises(NoReverseMatch):
        id_url("home", 1)
