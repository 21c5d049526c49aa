import pytest
from hypothesis import settings as hypothesis_settings

# Two test processes share two cores: a per-example deadline would make property tests flaky.
hypothesis_settings.register_profile("kinerja", deadline=None, print_blob=True)
hypothesis_settings.load_profile("kinerja")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (tested in accounts); tests need speed, not strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    # Uploaded files (imports, evidence) of a test go to its own folder, never to var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db):
    from kinerja.org.tests.personas import build_personas

    return build_personas()


def _long_file(nodeid: str) -> bool:
    """Browser journeys, the crawls and the checks of the seeded demo: a minute or more a file."""
    path = nodeid.split("::", 1)[0]
    return path.startswith("tests/") or "demo" in path.rsplit("/", 1)[-1]


def pytest_collection_modifyitems(config, items):
    # The long files first: each test process takes a whole file at a time (--dist loadfile),
    # so a long file taken last keeps one process busy after the other has run out of work.
    items.sort(key=lambda item: not _long_file(item.nodeid))


SHARED_SEED = "kinerja/demo/tests/seeded/"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, except that the modules sharing one seeded demo regency (a package
    fixture) go to one test process together, so that it is seeded once, not once a module."""
    from xdist.scheduler import LoadFileScheduling

    class SharedSeedScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(SHARED_SEED):
                return SHARED_SEED
            return super()._split_scope(nodeid)

    if config.getoption("dist") != "loadfile":
        return None
    return SharedSeedScheduling(config, log)
