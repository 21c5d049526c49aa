"""The capaian and status badges of the performance pages, as tags rather than included
templates: the unit dashboard shows one per indicator and period (over a thousand), and an
include per badge cost most of its rendering time. The markup is that of the templates they
replace."""

import functools

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kinerja.core.numbers import two_decimals

register = template.Library()

STATUS_TONES = {"verified": "badge-ok", "submitted": "badge-warn", "returned": "badge-danger"}


@register.simple_tag
def partial_badge(result) -> str:
    """ " partial: 2 of 4 period reports in" beside a figure missing reports, else nothing."""
    if not result or not result.is_partial:
        return ""
    label = result.partial_label
    return format_html(
        ' <span class="badge badge-warn badge-wrap" data-testid="partial" title="{}">{}</span>',
        label,
        label,
    )


@register.simple_tag
def capaian_badge(result, cat) -> str:
    """A result's capaian coloured by its category, or a dash, then the partial badge."""
    if result and result.capaian is not None:
        badge = format_html(
            '<span class="badge badge-{}" title="{}" data-capaian="{}">{} %</span>',
            getattr(cat, "tone", ""),
            getattr(cat, "label", ""),
            two_decimals(result.capaian, localize=False),
            two_decimals(result.capaian),
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


_PK = 987654321  # a stand-in id, replaced by each realisation's own in `indicator_cells`


@register.simple_tag
def indicator_cells(cells) -> str:
    """The cells of an indicator's row on the unit dashboard: the capaian and the realisation's
    status, linked, in the periods the indicator reports in; a dot in the others."""
    pattern = reverse("iku:realisation", args=[_PK])
    parts = []
    for cell in cells:
        if not cell.expected:
            parts.append('<td><span class="muted">\u00b7</span></td>')
            continue
        html = capaian_badge(cell.result, cell.category)
        if cell.realisation:
            url = pattern.replace(str(_PK), str(cell.realisation.pk))
            html += format_html(
                '<div><a href="{}">{}</a></div>', url, realisation_status(cell.realisation)
            )
        parts.append(f"<td>{html}</td>")
    return mark_safe("".join(parts))


@register.simple_tag
def capaian_cells(cells) -> str:
    """One cell per period with the capaian badge (the units table of the unit dashboard)."""
    return mark_safe(
        "".join(f"<td>{capaian_badge(cell.result, cell.category)}</td>" for cell in cells)
    )
