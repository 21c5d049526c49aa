import pytest

from kinerja.portal.tests import factories


@pytest.fixture
def world(personas):
    return factories.world(personas)
