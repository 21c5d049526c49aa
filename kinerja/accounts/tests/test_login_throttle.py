"""The login throttle counts failures per resolved account, per client address and per pair.

Time never passes by sleeping: the throttle reads the time through `throttle.clock`, which the
`clock` fixture replaces with a hand that the test moves.
"""

import datetime
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts import rules, throttle
from kinerja.accounts.models import LoginFailureCounter
from kinerja.org.tests.personas import PASSWORD

LOGIN = "accounts:login"
OWNER_ADDRESS = "198.51.100.7"
COLLEAGUE_ADDRESS = "203.0.113.9"


class Hand:
    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, seconds: float):
        self.now += datetime.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    hand = Hand()
    monkeypatch.setattr(throttle, "clock", hand)
    return hand


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 30
    settings.LOGIN_FIRST_DELAY_SECONDS = 15
    settings.LOGIN_LONGEST_DELAY_SECONDS = 900
    return settings


def _client(address):
    return Client(REMOTE_ADDR=address)


def _post(client, username, password=PASSWORD):
    return client.post(reverse(LOGIN), {"username": username, "password": password})


def _error_codes(response):
    if response.status_code != 200:
        return []
    return [e.code for e in response.context["form"].non_field_errors().as_data()]


def _logged_in(response):
    return response.status_code == 302


def _spellings(nip):
    return [
        nip,
        f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}",
        f"{nip[:8]}.{nip[8:14]}.{nip[14]}.{nip[15:]}",
        f"{nip[:8]}-{nip[8:14]}-{nip[14]}-{nip[15:]}",
        f"  {nip}\t",
    ]


# --- the delay formula --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failures, expected",
    [(0, 0), (4, 0), (5, 15), (6, 30), (7, 60), (10, 480), (11, 900), (12, 900), (10_000, 900)],
)
def test_the_delay_starts_at_the_limit_and_doubles_up_to_the_longest(failures, expected):
    assert rules.login_delay(failures, limit=5, first_delay=15, longest=900) == expected


# --- one identity, whatever its spelling --------------------------------------------------------


def test_varied_spellings_of_one_nip_count_as_one_identity(personas, limits, clock):
    nip = personas.employees["staf"].nip
    client = _client(COLLEAGUE_ADDRESS)
    for spelling in _spellings(nip):
        assert _error_codes(_post(client, spelling, "tebak-tebakan")) == ["invalid_login"]
    # The sixth guess is refused, in whichever spelling and even with the right password.
    for spelling in [*_spellings(nip), personas.users["staf"].username.upper()]:
        assert _error_codes(_post(client, spelling)) == ["locked"]


def test_the_username_and_the_nip_of_one_user_share_one_counter(personas, limits, clock):
    user = personas.users["staf"]
    client = _client(COLLEAGUE_ADDRESS)
    for login in [user.username, user.employee.nip] * 2 + [user.username.upper()]:
        _post(client, login, "tebak-tebakan")
    assert _error_codes(_post(client, user.employee.nip)) == ["locked"]


def test_unknown_logins_are_normalised_like_nips(db, limits, clock):
    unknown = "199001012020011001"
    client = _client(COLLEAGUE_ADDRESS)
    for spelling in _spellings(unknown):
        assert _error_codes(_post(client, spelling, "tebak")) == ["invalid_login"]
    assert _error_codes(_post(client, unknown.replace("0", "0 ", 1), "tebak")) == ["locked"]
    assert LoginFailureCounter.objects.filter(scope="account").count() == 1


def test_unknown_usernames_are_compared_without_case(db, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for login in ["hantu", "HANTU", " Hantu ", "hAnTu", "hantu"]:
        _post(client, login, "tebak")
    assert _error_codes(_post(client, "Hantu", "tebak")) == ["locked"]


# --- boundaries ---------------------------------------------------------------------------------


def test_the_fifth_failure_is_answered_and_the_sixth_attempt_is_refused(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(4):
        _post(client, "pimpinan", "tebak-tebakan")
    # The fifth attempt is still checked: with the right password it would succeed ...
    assert _error_codes(_post(client, "pimpinan", "tebak-tebakan")) == ["invalid_login"]
    # ... the sixth is refused without looking at the password.
    response = _post(client, "pimpinan")
    assert _error_codes(response) == ["locked"]
    assert "_auth_user_id" not in client.session


def test_the_last_allowed_attempt_before_the_limit_can_still_succeed(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(4):
        _post(client, "pimpinan", "tebak-tebakan")
    assert _logged_in(_post(client, "pimpinan"))


def test_the_delay_ends_on_time_and_grows_with_every_further_failure(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(5):
        _post(client, "pimpinan", "tebak-tebakan")
    clock.advance(14)
    assert _error_codes(_post(client, "pimpinan", "tebak-tebakan")) == ["locked"]
    clock.advance(1)
    assert _error_codes(_post(client, "pimpinan", "tebak-tebakan")) == ["invalid_login"]
    # Sixth failure: thirty seconds now.
    clock.advance(29)
    assert _error_codes(_post(client, "pimpinan")) == ["locked"]
    clock.advance(1)
    assert _logged_in(_post(client, "pimpinan"))


def test_refused_attempts_do_not_lengthen_the_delay(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(5):
        _post(client, "pimpinan", "tebak-tebakan")
    for _ in range(10):
        _post(client, "pimpinan", "tebak-tebakan")
    clock.advance(15)
    assert _logged_in(_post(client, "pimpinan"))


def test_the_delay_never_passes_the_longest(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(40):
        clock.advance(900)
        assert _error_codes(_post(client, "pimpinan", "tebak-tebakan")) == ["invalid_login"]
    clock.advance(899)
    assert _error_codes(_post(client, "pimpinan")) == ["locked"]
    clock.advance(1)
    assert _logged_in(_post(client, "pimpinan"))


def test_failures_are_forgotten_a_day_after_the_last_one(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(4):
        _post(client, "pimpinan", "tebak-tebakan")
    clock.advance(24 * 3600 + 1)
    for _ in range(4):
        assert _error_codes(_post(client, "pimpinan", "tebak-tebakan")) == ["invalid_login"]
    assert _logged_in(_post(client, "pimpinan"))


# --- a colleague cannot lock the owner out ------------------------------------------------------


def test_a_colleagues_failures_from_another_address_do_not_lock_the_owner_out(
    personas, limits, clock
):
    nip = personas.employees["kasi"].nip
    colleague = _client(COLLEAGUE_ADDRESS)
    for _ in range(6):
        _post(colleague, nip, "tebak-tebakan")
    assert _error_codes(_post(colleague, nip)) == ["locked"]
    assert _logged_in(_post(_client(OWNER_ADDRESS), nip))


def test_a_browser_the_owner_logged_in_from_is_not_held_up_by_a_colleague_on_the_same_network(
    personas, limits, clock
):
    nip = personas.employees["kasi"].nip
    owner = _client(OWNER_ADDRESS)
    assert _logged_in(_post(owner, nip))
    assert throttle.DEVICE_COOKIE in owner.cookies
    owner.post(reverse("accounts:logout"))
    colleague = _client(OWNER_ADDRESS)  # same office, same public address, another browser
    for _ in range(8):
        _post(colleague, nip, "tebak-tebakan")
    assert _error_codes(_post(colleague, nip)) == ["locked"]
    assert _logged_in(_post(owner, nip))


def test_a_known_browser_is_still_throttled_for_its_own_failures(personas, limits, clock):
    owner = _client(OWNER_ADDRESS)
    assert _logged_in(_post(owner, "pimpinan"))
    owner.post(reverse("accounts:logout"))
    for _ in range(5):
        _post(owner, "pimpinan", "tebak-tebakan")
    assert _error_codes(_post(owner, "pimpinan")) == ["locked"]


def test_a_forged_device_cookie_is_ignored(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    client.cookies[throttle.DEVICE_COOKIE] = "forged:value"
    for _ in range(5):
        _post(client, "pimpinan", "tebak-tebakan")
    assert _error_codes(_post(client, "pimpinan")) == ["locked"]


def test_an_account_guessed_from_many_addresses_is_slowed_for_new_addresses(
    personas, limits, clock
):
    for n in range(20):
        _post(_client(f"192.0.2.{n + 1}"), "pimpinan", "tebak-tebakan")
    stranger = _client("192.0.2.200")
    assert _error_codes(_post(stranger, "pimpinan")) == ["locked"]
    clock.advance(15)
    assert _logged_in(_post(stranger, "pimpinan"))


def test_the_owners_known_browser_gets_in_while_the_account_is_guessed_from_many_addresses(
    personas, limits, clock
):
    owner = _client(OWNER_ADDRESS)
    assert _logged_in(_post(owner, "pimpinan"))
    owner.post(reverse("accounts:logout"))
    for n in range(25):
        _post(_client(f"192.0.2.{n + 1}"), "pimpinan", "tebak-tebakan")
    assert _logged_in(_post(owner, "pimpinan"))


# --- one address guessing many accounts ---------------------------------------------------------


def test_an_address_guessing_many_accounts_is_limited(personas, limits, clock):
    sprayer = _client(COLLEAGUE_ADDRESS)
    for n in range(29):
        assert _error_codes(_post(sprayer, f"pegawai{n}", "Rahasia123")) == ["invalid_login"]
    # The thirtieth failure is the last one answered; then the address must wait.
    assert _error_codes(_post(sprayer, "pegawai29", "Rahasia123")) == ["invalid_login"]
    assert _error_codes(_post(sprayer, "pimpinan")) == ["locked"]
    # Other addresses are not concerned.
    assert _logged_in(_post(_client(OWNER_ADDRESS), "pimpinan"))


def test_logging_in_to_ones_own_account_does_not_clear_the_address_counter(personas, limits, clock):
    sprayer = _client(COLLEAGUE_ADDRESS)
    for n in range(29):
        _post(sprayer, f"pegawai{n}", "Rahasia123")
    assert _logged_in(_post(sprayer, "pimpinan"))
    sprayer.post(reverse("accounts:logout"))
    _post(sprayer, "pegawai-lain", "Rahasia123")
    assert _error_codes(_post(sprayer, "pegawai-lagi", "Rahasia123")) == ["locked"]


def test_ipv6_addresses_of_one_network_count_as_one_address(personas, limits, clock):
    for n in range(30):
        _post(_client(f"2001:db8:1:2::{n + 1:x}"), f"pegawai{n}", "Rahasia123")
    assert _error_codes(_post(_client("2001:db8:1:2::ffff"), "pimpinan")) == ["locked"]
    assert _logged_in(_post(_client("2001:db8:1:3::1"), "pimpinan"))


# --- success, message, privacy ------------------------------------------------------------------


def test_a_successful_login_clears_the_failures_of_the_account(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(4):
        _post(client, "pimpinan", "tebak-tebakan")
    assert _logged_in(_post(client, "pimpinan"))
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert _error_codes(_post(client, "pimpinan", "tebak-tebakan")) == ["invalid_login"]


def test_the_refusal_says_when_to_try_again_in_the_users_language(personas, limits, clock):
    client = _client(COLLEAGUE_ADDRESS)
    for _ in range(5):
        _post(client, "pimpinan", "tebak-tebakan")
    until = timezone.localtime(clock.now + datetime.timedelta(seconds=15)).strftime("%H:%M:%S")
    response = _post(client, "pimpinan")
    message = response.context["form"].non_field_errors()[0]
    assert until in message
    assert "Terlalu banyak" in message or "Too many" in message


def test_the_throttle_keeps_neither_the_login_nor_the_address_in_clear(personas, limits, clock):
    nip = personas.employees["staf"].nip
    _post(_client(COLLEAGUE_ADDRESS), nip, "salah")
    stored = " ".join(f"{row.scope} {row.key}" for row in LoginFailureCounter.objects.all())
    assert LoginFailureCounter.objects.count() == 3
    assert nip not in stored and COLLEAGUE_ADDRESS not in stored
    assert str(personas.users["staf"].pk) not in stored.split()


def test_log_lines_hold_no_password_and_no_full_nip(personas, limits, clock, caplog):
    nip = personas.employees["staf"].nip
    client = _client(COLLEAGUE_ADDRESS)
    with caplog.at_level(logging.DEBUG):
        for spelling in [*_spellings(nip), nip]:
            _post(client, spelling, "kata-sandi-rahasia")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "delayed" in text
    assert "kata-sandi-rahasia" not in text
    assert nip not in text
