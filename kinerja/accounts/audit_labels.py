"""How the audit trail names the account actions."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.user.created": _("Login created"),
    "accounts.role.granted": _("Role granted"),
    "accounts.role.revoked": _("Role revoked"),
    "accounts.api_token.created": _("API token created"),
    "accounts.api_token.revoked": _("API token revoked"),
    "accounts.password.changed": _("Password changed"),
    "accounts.session.ended": _("Signed-in session ended"),
}
