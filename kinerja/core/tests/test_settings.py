import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "KINERJA_DEBUG": "false",
    "KINERJA_SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
    "KINERJA_ALLOWED_HOSTS": "kinerja.example.go.id",
    "DATABASE_URL": "sqlite:////tmp/kinerja-deploy-check.sqlite3",
}


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    clean.pop("DATABASE_URL", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser journeys in this process
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "KINERJA_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "KINERJA_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_turned_on():
    result = _manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=PRODUCTION_ENV
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_bad_boolean_is_a_clear_configuration_error():
    result = _manage("check", env={**PRODUCTION_ENV, "KINERJA_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "KINERJA_DEBUG must be a boolean" in result.stderr
