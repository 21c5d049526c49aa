from kinerja.core.http import client_address


def test_the_forwarded_address_is_used_only_behind_a_proxy(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    settings.BEHIND_PROXY = False
    assert client_address(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_address(request) == "198.51.100.7"


def test_a_garbled_forwarded_header_falls_back_to_the_peer_address(settings, rf):
    settings.BEHIND_PROXY = True
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, bukan-alamat")
    assert client_address(request) == "10.0.0.1"


def test_ipv6_addresses_are_grouped_by_their_network(rf):
    request = rf.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa:bbbb:cccc:dddd")
    assert client_address(request) == "2001:db8:1:2::/64"


def test_an_ipv4_mapped_ipv6_address_is_its_ipv4_address(rf):
    assert client_address(rf.get("/", REMOTE_ADDR="::ffff:198.51.100.7")) == "198.51.100.7"


def test_a_request_without_an_address_has_an_unknown_address(rf):
    assert client_address(rf.get("/", REMOTE_ADDR="")) == "unknown"
