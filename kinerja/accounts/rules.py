"""Pure rules of the accounts app: how long a login waits after failed attempts.

No Django and no database here, so that the policy is easy to read and to test.
"""

from __future__ import annotations

# 2**30 seconds is decades: a larger exponent only makes a bigger integer to compare.
_MAX_DOUBLINGS = 30


def login_delay(failures: int, *, limit: int, first_delay: int, longest: int) -> int:
    """Seconds a login must wait after `failures` failed attempts counted on one key.

    Up to `limit - 1` failures cost nothing, so that typing mistakes go unnoticed. The failure
    that reaches `limit` starts a wait of `first_delay` seconds and every further one doubles
    it, never beyond `longest`. A growing delay instead of a lock-out follows NIST SP 800-63B
    §5.2.2 (rate limiting) and the OWASP Authentication Cheat Sheet ("Account Lockout"): it makes
    guessing slow without letting anyone keep a colleague out of work for long.
    """
    if failures < limit:
        return 0
    doublings = min(failures - limit, _MAX_DOUBLINGS)
    return min(longest, first_delay * 2**doublings)
