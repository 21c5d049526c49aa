"""Apps that follow the Perjanjian Kinerja without iku importing them.

An app registers a callable in its AppConfig.ready(); the PK sign service calls every one, in
its transaction, once both parties have signed. A follower takes keyword arguments
`agreement` and `actor`, and an error it raises undoes the signature.
"""

from __future__ import annotations

from collections.abc import Callable

_on_signed: list[Callable] = []


def on_agreement_signed(follower: Callable) -> Callable:
    """Register `follower(*, agreement, actor)` (once, however often it is registered)."""
    if follower not in _on_signed:
        _on_signed.append(follower)
    return follower


def agreement_signed(agreement, *, actor) -> None:
    for follower in list(_on_signed):
        follower(agreement=agreement, actor=actor)
