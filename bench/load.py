"""The load section of `make bench`: the main pages of every role under concurrent load.

1. A database of its own, kept between runs (seeding a province takes minutes):
   `kinerja_bench_load_<size>` on the local PostgreSQL (trust auth on 127.0.0.1:5432), or,
   on a machine without it, a SQLite file under var/bench/ (the output says so).
2. `bench.load_pages` migrates it, seeds the demo when it is empty, collects the static files
   and lists the pages of each role with their queries and size per response.
3. gunicorn serves Kinerja with 2 sync workers and DEBUG off, as in production, plus the
   floor page (bench/load_urls.py, only under bench.load_settings).
4. Each demo login signs in through the login form; wrk drives each page with the session
   cookie at 8 connections for a few seconds, right after driving the floor for half as long:
   each page's ratio is to the floor measured just before it (bench/load_report.py). A write
   (logging an activity) posts its form with the page's CSRF token on every request; each
   answer is the redirect of a successful write. The citizen's survey is posted without a
   login, with the CSRF cookie and token of its page and no device cookie (each request is a
   phone's first answer), from a different client address each time (wrk_report.lua sets
   X-Forwarded-For, which the server reads as behind its reverse proxy), so that the survey's
   limits per device and per address count every answer and refuse none.
5. The public portal's pages are driven twice: warm, on the same server (its cache holds the
   published version's answer after the first requests), and cold, on a second server whose
   cache is Django's dummy one, so that every request builds its answer from the snapshot.

Run alone with `python -m bench --only load` (`make bench BENCH_ARGS="--only load"`).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load_report import Measure, PageRow, markdown

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
FLOOR_PATH = "/__bench__/floor/"
FORM = "application/x-www-form-urlencoded"
WORKERS = 2
NO_CACHE = "django.core.cache.backends.dummy.DummyCache"


def _pg_ready() -> bool:
    if shutil.which("pg_isready") is None:
        return False
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0


def _database(size: str, explicit: str | None) -> tuple[str, str]:
    """The URL of the load database and a label for the output."""
    if explicit:
        return explicit, "PostgreSQL" if explicit.startswith("postgres") else "given database"
    if _pg_ready():
        name = f"kinerja_bench_load_{size}"
        exists = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if exists != "1":
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        return f"postgres://postgres@127.0.0.1:5432/{name}", "PostgreSQL"
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    print(
        "PostgreSQL is not reachable on 127.0.0.1: the load section runs on SQLite instead "
        "(its figures are not comparable with the README's PostgreSQL ones)."
    )
    return f"sqlite:///{folder / f'load-{size}.sqlite3'}", "SQLite (no PostgreSQL here)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(url: str, var_dir: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "PYTHONPATH": str(ROOT),
        "KINERJA_DEBUG": "false",
        "KINERJA_SECRET_KEY": secrets.token_urlsafe(40),
        "KINERJA_SSL_REDIRECT": "false",
        "KINERJA_SECURE_COOKIES": "false",
        "KINERJA_HSTS_SECONDS": "0",
        "KINERJA_HSTS_PRELOAD": "false",
        "KINERJA_ALLOWED_HOSTS": "127.0.0.1,testserver",
        # As behind the reverse proxy of a deployment: the client address is the one the
        # proxy appends to X-Forwarded-For (the survey's per-address limit reads it).
        "KINERJA_BEHIND_PROXY": "true",
        "KINERJA_LOG_LEVEL": "WARNING",
        "DATABASE_URL": url,
        "KINERJA_VAR_DIR": var_dir,
        "KINERJA_STATIC_ROOT": str(Path(var_dir) / "static"),
    }


class Server:
    """gunicorn with WORKERS sync workers on a free loopback port, stopped on exit."""

    def __init__(self, env: dict, log: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")  # noqa: SIM115 (closed in __exit__)
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "kinerja.config.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up: see {self._log.name}")
            try:
                with urllib.request.urlopen(self.base + FLOOR_PATH, timeout=30) as response:
                    if response.status == 200:
                        return self
            except OSError:  # not listening yet, or a worker still booting
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()
        self._log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def login(base: str, username: str, password: str) -> str:
    """Sign in through the login form as a browser does; answers the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    with opener.open(base + "/akun/masuk/", timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError("no CSRF token on the login page")
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(base + "/akun/masuk/", data=data, headers={"Referer": base})
    try:
        opener.open(request, timeout=60)
    except urllib.error.HTTPError as error:  # the redirect after a successful login
        if error.code != 302:
            raise
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"{username} could not log in")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _some_address() -> str:
    """A client address as the reverse proxy reports it, one of 10.0.0.0/8 at random."""
    return "10." + ".".join(str(secrets.randbelow(256)) for _ in range(3))


def _check(
    base: str, path: str, cookie: str, body: bytes | None = None, vary_address: bool = False
) -> None:
    """The page answers 200 to this login (not a redirect to the login page or an error); a
    form posted answers the redirect of a successful write."""
    opener = urllib.request.build_opener(_NoRedirect)
    headers = {"Cookie": cookie} if cookie else {}
    if vary_address:
        headers["X-Forwarded-For"] = _some_address()
    if body is not None:
        headers["Content-Type"] = FORM
    request = urllib.request.Request(base + path, data=body, headers=headers)
    try:
        with opener.open(request, timeout=120) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as error:
        status = error.code
    wanted = 302 if body is not None else 200
    if status != wanted:
        raise RuntimeError(f"{path} answered {status}")


def form_body(base: str, path: str, cookie: str, fields: dict) -> bytes:
    """The form as the browser posts it: its fields and the CSRF token of the page's form."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=120) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError(f"no CSRF token on {path}")
    return urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields}).encode()


def public_form(base: str, path: str, fields: dict) -> tuple[str, bytes]:
    """A public form as a citizen's browser posts it: the CSRF cookie its page set (the Cookie
    header, without the device cookie the page sets too) and the fields with the page's token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + path, timeout=60) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    csrf = next((c.value for c in jar if c.name == "csrftoken"), None)
    if token is None or csrf is None:
        raise RuntimeError(f"no CSRF token or cookie on {path}")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields}).encode()
    return f"csrftoken={csrf}", body


def drive(
    base: str,
    path: str,
    cookie: str,
    *,
    seconds: int,
    connections: int,
    body: bytes | None = None,
    vary_address: bool = False,
) -> Measure:
    """wrk at `connections` connections for `seconds` after a short warm-up; with a `body`,
    every request posts it (bench/wrk_report.lua reads it from the environment); with
    `vary_address`, every request comes from another client address."""
    for _ in range(WORKERS * 2):
        _check(base, path, cookie, body, vary_address)
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        base + path,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    env = {**os.environ, **({"WRK_METHOD": "POST", "WRK_BODY": body.decode()} if body else {})}
    if vary_address:
        env["WRK_VARY_ADDRESS"] = "1"
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    line = next(x for x in output.splitlines() if x.startswith("WRK-JSON "))
    return Measure.from_wrk(json.loads(line.removeprefix("WRK-JSON ")))


def _drive_pages(
    server: Server,
    pages: list[dict],
    cookies: dict[str, str],
    env: dict,
    pages_file: Path,
    seconds: int,
    connections: int,
    rows: list[PageRow],
    floors: list[Measure],
) -> None:
    """Drive each page right after the floor, adding both measurements to `rows` and `floors`;
    a posted form's writes are deleted after it, so the next pages see the data as it was."""
    floor_seconds = max(2, seconds // 2)
    for page in pages:
        print(f"  {page['role']:<10} {page['name']}", flush=True)
        floor = drive(server.base, FLOOR_PATH, "", seconds=floor_seconds, connections=connections)
        floors.append(floor)
        if page.get("public"):
            cookie, body = (
                public_form(server.base, page["path"], page["form"])
                if page.get("form")
                else ("", None)
            )
        else:
            cookie = cookies[page["role"]]
            body = (
                form_body(server.base, page["path"], cookie, page["form"])
                if page.get("form")
                else None
            )
        measure = drive(
            server.base,
            page["path"],
            cookie,
            seconds=seconds,
            connections=connections,
            body=body,
            vary_address=bool(page.get("vary_address")),
        )
        if body is not None:
            forget = ["--forget-written", "--out", str(pages_file)]
            subprocess.run(
                [sys.executable, "-m", "bench.load_pages", *forget], cwd=ROOT, env=env, check=True
            )
        rows.append(
            PageRow(
                page=page["name"],
                role=page["role"],
                measure=measure,
                target=page.get("target"),
                queries=page.get("queries"),
                kilobytes=page.get("bytes", 0) / 1024 or None,
                floor=floor,
                min_rps=page.get("min_rps"),
            )
        )


def run(
    *,
    size: str = "province",
    seconds: int = 5,
    connections: int = 8,
    database_url: str | None = None,
    only: str | None = None,
) -> str:
    """Measure, print and answer the load section (Markdown)."""
    if shutil.which("wrk") is None:
        message = "wrk is not installed (scripts/ensure_wrk.sh): the load section was skipped."
        print(message)
        return message
    floor_seconds = max(2, seconds // 2)
    url, database = _database(size, database_url)
    with tempfile.TemporaryDirectory(prefix="kinerja-load-") as var_dir:
        env = _environment(url, var_dir)
        pages_file = Path(var_dir) / "pages.json"
        print(f"Load section: preparing the {size} demo on {database}...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench.load_pages", "--size", size, "--out", str(pages_file)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        plan = json.loads(pages_file.read_text())
        pages = [
            p
            for p in plan["pages"]
            if not only or only.lower() in f"{p['role']} {p['name']}".lower()
        ]
        rows: list[PageRow] = []
        floors: list[Measure] = []
        log = ROOT / "var" / "bench-gunicorn.log"
        log.parent.mkdir(parents=True, exist_ok=True)  # a fresh checkout has no var/
        warm = [p for p in pages if not p.get("cold")]
        cold = [p for p in pages if p.get("cold")]
        with Server(env, log) as server:
            cookies = {
                role: login(server.base, username, plan["password"])
                for role, username in plan["logins"].items()
                if any(p["role"] == role and not p.get("public") for p in warm)
            }
            _drive_pages(server, warm, cookies, env, pages_file, seconds, connections, rows, floors)
            if not floors:  # no page matched --load-pages: the floor alone
                floors.append(
                    drive(
                        server.base, FLOOR_PATH, "", seconds=floor_seconds, connections=connections
                    )
                )
        if cold:
            # The same pages on a server without a cache: every request builds its answer.
            with Server({**env, "KINERJA_CACHE_BACKEND": NO_CACHE}, log) as server:
                _drive_pages(server, cold, {}, env, pages_file, seconds, connections, rows, floors)
    fallback = "" if database == "PostgreSQL" else f" ({database})"
    heading = (
        f"Load ({plan['describe']}{fallback}; gunicorn {WORKERS} sync workers, DEBUG off; "
        f"wrk {connections} connections x {seconds} s per page, the floor {floor_seconds} s "
        f"right before each; {_machine()})"
    )
    table = heading + "\n\n" + markdown(floors, rows)
    print(table)
    return table


def _machine() -> str:
    cores = os.cpu_count()
    try:
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")
            )
        )
        memory = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "RAM unknown"
    try:
        load = f"load average {os.getloadavg()[0]:.1f} at the end"
    except OSError:
        load = ""
    return ", ".join(x for x in (f"{cores} cores", memory, load) if x)
