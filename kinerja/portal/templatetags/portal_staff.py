"""The menu's question about the publishing side: may the viewer publish on the portal?"""

from django import template

from kinerja.portal import permissions

register = template.Library()


@register.filter
def may_publish(viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False)) and permissions.can_publish(viewer)
