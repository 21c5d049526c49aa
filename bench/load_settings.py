"""Settings of the load benchmark's server: Kinerja's own, plus the floor page.

Only `python -m bench.load` points DJANGO_SETTINGS_MODULE here; the `bench` package is not
installed with Kinerja (pyproject.toml installs `kinerja*` only), so a production server can
never serve the floor page.
"""

from kinerja.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
