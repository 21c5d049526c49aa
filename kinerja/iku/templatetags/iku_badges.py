"""The capaian and status badges of the performance pages, as tags rather than included
templates: the unit dashboard shows one per indicator and period (over a thousand), and an
include per badge cost most of its rendering time. The markup is that of the templates they
replace."""

import functools

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

STATUS_TONES = {"verified": "badge-ok", "submitted": "badge-warn", "returned": "badge-danger"}


@register.simple_tag
def partial_badge(result) -> str:
    """ " partial: 2 of 4 period reports in" beside a figure missing reports, else nothing."""
    if not result or not result.is_partial:
        return ""
    label = result.partial_label
    return format_html(
        ' <span class="badge badge-warn" data-testid="partial" title="{}">{}</span>', label, label
    )


@register.simple_tag
def capaian_badge(result, cat) -> str:
    """A result's capaian coloured by its category, or a dash, then the partial badge."""
    if result and result.capaian is not None:
        badge = format_html(
            '<span class="badge badge-{}" title="{}" data-capaian="{}">{} %</span>',
            getattr(cat, "tone", ""),
            getattr(cat, "label", ""),
            floatformat(result.capaian, "2u"),
            floatformat(result.capaian, 2),
        )
    else:
        badge = format_html(
            '<span class="badge badge-muted" title="{}">\u2013</span>', _("No capaian yet")
        )
    return mark_safe(badge + partial_badge(result))


@functools.cache
def _status_labels(model) -> dict:
    """The (lazy) labels of the model's statuses: what get_status_display() gives, without
    hashing every lazy label again for every row."""
    return dict(model._meta.get_field("status").flatchoices)


@register.simple_tag
def realisation_status(r) -> str:
    """A realisation's workflow status as a badge."""
    if not r:
        return ""
    label = _status_labels(type(r)).get(r.status, r.status)
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        STATUS_TONES.get(r.status, "badge-muted"),
        r.status,
        label,
    )
