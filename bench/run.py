"""`make bench`: pairjobs under gunicorn (2 workers × 4 threads) and a bare Flask baseline, measured
in the same run with wrk on loopback; writes a markdown table, with the targets, to bench/results/.

Usage: .venv/bin/python bench/run.py [--scale national|small|tiny] [--postgres SERVER_URL] [--duration 10]
           [--no-growth]

With --postgres (e.g. postgresql://postgres@127.0.0.1:5432/postgres), the bench creates its own
databases pairjobs_bench_<scale> on that server (dropping them first); otherwise it uses SQLite files
in a temporary folder. Unless --no-growth, the search is also measured on the small scale (6,000
positions) to check how its latency grows with ten times the data.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

import pyotp

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEARCH_WORDS = ("mediateur", "pair-aidant", "psychiatrie", "rehabilitation")
BASELINE = "baseline: Fortunes (12 rows)"
SEARCH = "search: text + 2 filters"
SEARCH_OFF = "search, result cache off"
POSITION = "position page"
DASHBOARD = "monitor dashboard (page)"
DASHBOARD_API = "monitor dashboard (API summary)"
SNAPSHOT = "monitor dashboard, recorded snapshot (page, result cache off)"
SNAPSHOT_API = "monitor dashboard, recorded snapshot (API summary, result cache off)"
SNAPSHOT_COLD_MS = 300
# Page -> (minimum share of the baseline's requests/s, maximum p95 in ms)
TARGETS = {
    "home page": (None, 200), SEARCH: (0.5, 200), SEARCH_OFF: (None, 200), POSITION: (0.5, 200),
    "employer pipeline (page)": (None, 200), "employer pipeline (API)": (None, 200), DASHBOARD: (None, 300),
    DASHBOARD_API: (None, 300), "apply (POST)": (None, 200), SNAPSHOT: (None, SNAPSHOT_COLD_MS),
    SNAPSHOT_API: (None, SNAPSHOT_COLD_MS),
}
GROWTH_LIMIT = 1.5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # At most 8 connections per worker: otherwise the first worker to wake up can accept all of wrk's
    # 16 keep-alive connections and the other one idles, halving the figures at random.
    process = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "2", "--threads", "4", "--worker-class",
                                "gthread", "--worker-connections", "8", "--timeout", "120", "--bind",
                                f"127.0.0.1:{port}", "--log-level", "warning", app], cwd=cwd,
                               env=os.environ | env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            path = "/healthz" if app.startswith("wsgi") else "/fortunes"
            urllib.request.urlopen(base + path, timeout=2)
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{app} did not start")


def wrk(url: str, duration: int, headers: dict | None = None, script_args: list[str] | None = None,
        connections: int = 16) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s",
               str(ROOT / "bench" / "wrk_stats.lua")]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, errors, requests, slowest = line.split()[1:]
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "errors": int(errors),
            "requests": int(requests), "max": float(slowest)}


def flask(env: dict, *args: str) -> str:
    return subprocess.run([str(BIN / "flask"), "--app", "pairjobs", *args], cwd=ROOT, env=os.environ | env,
                          check=True, capture_output=True, text=True).stdout


def prepare(env: dict, scale: str) -> dict:
    """Migrate, load synthetic data, and pick the URLs and credentials the load needs."""
    flask(env, "db", "upgrade")
    synth = flask(env, "synth", "--scale", scale).strip()
    started = time.perf_counter()
    # The last month-end, frozen as the daily task would: the dashboard of a recorded date reads it.
    snapshot_day = flask(env, "snapshot").strip().splitlines()[-1].split()[0]
    snapshot_seconds = time.perf_counter() - started
    code = """
import json, pyotp, sqlalchemy as sa
from pairjobs import create_app
from pairjobs.models.base import utcnow
from pairjobs.domain.accounts import issue_token
from pairjobs.domain.search import open_positions
from pairjobs.extensions import db
from pairjobs.models import Application, Organization, Position, Role, User
from pairjobs.infra.clock import today
app = create_app()
with app.app_context():
    # The busiest employer: the one with the most applications.
    org_id = db.session.scalar(sa.select(Position.organization_id).join(Application)
        .group_by(Position.organization_id).order_by(sa.func.count().desc(), Position.organization_id)
        .limit(1))
    employer = db.session.scalar(sa.select(User).where(User.organization_id == org_id).order_by(User.id))
    open_ids = db.session.scalars(sa.select(Position.id).where(open_positions(today()))
                                  .order_by(Position.id).limit(400)).all()
    candidates = db.session.scalars(sa.select(User).where(User.role == Role.CANDIDATE)
                                    .order_by(User.id.desc()).limit(150)).all()
    taken = set(db.session.execute(sa.select(Application.candidate_id, Application.position_id)
                                   .where(Application.candidate_id.in_([c.id for c in candidates]))).all())
    pairs = []
    for c in candidates:
        token, _ = issue_token(c)
        pairs += [f"{token} {p}" for p in open_ids if (c.id, p) not in taken]
    # Monitors sign in with a second factor: the bench's two (one per server: a code is accepted once)
    # have one, whose key the bench keeps.
    monitor, cold = (User(email=f"bench-{name}@synth.pairjobs.example", name="Bench", role=Role.MONITOR,
                          password_hash=employer.password_hash, totp_secret=pyotp.random_base32(),
                          totp_enabled_at=utcnow()) for name in ("monitor", "cold-monitor"))
    db.session.add_all([monitor, cold]); db.session.flush()
    employer_token, _ = issue_token(employer)
    monitor_token, _ = issue_token(monitor)
    departments = sorted(db.session.scalars(sa.select(Position.department_code).distinct()).all())
    db.session.commit()
    print(json.dumps({"positions": open_ids[:200], "employer": employer.email, "monitor": monitor.email,
                      "monitor_totp": monitor.totp_secret, "cold_monitor": cold.email,
                      "cold_monitor_totp": cold.totp_secret,
                      "employer_token": employer_token, "monitor_token": monitor_token, "pairs": pairs,
                      "departments": departments}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=os.environ | env, check=True,
                         capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    data["synth"] = synth
    data["snapshot_day"], data["snapshot_seconds"] = snapshot_day, snapshot_seconds
    return data


def login(base: str, email: str, totp: str | None = None) -> str:
    """Sign in through the login form (and the code page, with the account's TOTP key); the Cookie header
    of the session."""
    from pairjobs.seed.synth import SYNTH_PASSWORD

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        # Stay off the landing page (a monitor's is the dashboard).
        def redirect_request(self, *args, **kwargs):
            return None

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": SYNTH_PASSWORD, "csrf_token": token}).encode()
    post_form(opener, base + "/login", body)
    if totp is not None:
        page = opener.open(base + "/login/code").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        code = urllib.parse.urlencode({"code": pyotp.TOTP(totp).now(), "csrf_token": token}).encode()
        landing = post_form(opener, base + "/login/code", code)
        if landing.startswith("/login"):
            raise RuntimeError(f"{email}: the second factor was refused")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def post_form(opener, url: str, body: bytes) -> str:
    """POST a form whose answer is a redirect (not followed); where it points."""
    try:
        opener.open(url, data=body)
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            raise
        return redirect.headers.get("Location", "")
    return ""


def search_paths(departments: list[str]) -> list[str]:
    """Searches with text and two filters: every word × department, alternating the contract filter."""
    paths = []
    for i, (word, department) in enumerate((w, d) for w in SEARCH_WORDS for d in departments):
        contract = "stable_only=1" if i % 2 == 0 else "contract_type=cdd"
        paths.append(f"/jobs?q={word}&department={department}&{contract}")
    return paths


def first_request_ms(url: str, headers: dict) -> float:
    started = time.perf_counter()
    urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=600).read()
    return (time.perf_counter() - started) * 1000


class Bench:
    """One scale on one database: the servers, the load, and the rows of the table."""

    def __init__(self, work: Path, url: str, scale: str, duration: int):
        self.work, self.url, self.scale, self.duration = work, url, scale, duration
        work.mkdir(exist_ok=True)
        self.env = {"DATABASE_URL": url, "PAIRJOBS_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
                    "PUBLIC_URL": "http://127.0.0.1",
                    "SESSION_COOKIE_SECURE": "0", "PAIRJOBS_INSTANCE": str(work), "MAIL_BACKEND": "outbox",
                    "RATELIMIT_STORAGE_URI": "memory://"}
        print(f"Preparing {scale} data on {url.split(':')[0].split('+')[0]}…", flush=True)
        self.data = prepare(self.env, scale)
        print(self.data["synth"], flush=True)
        self.processes: list[subprocess.Popen] = []

    def file(self, name: str, lines: list[str]) -> str:
        path = self.work / name
        path.write_text("\n".join(lines) + "\n")
        return str(path)

    def start(self, **env) -> str:
        process, base = serve("wsgi:app", self.env | env, ROOT)
        self.processes.append(process)
        return base

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait()

    def searches(self, base: str) -> dict:
        paths = self.file("search.txt", search_paths(self.data["departments"]))
        wrk(base + "/", 5, script_args=["paths", paths])  # warm up
        return wrk(base + "/", self.duration, script_args=["paths", paths])

    def full(self) -> tuple[list[tuple[str, dict]], dict]:
        """Every page of the issue, with the result cache on; the search also with it off."""
        base, uncached = self.start(), self.start(RESULT_CACHE="0")
        d = self.data
        rows, notes = [], {}
        try:
            employer = {"Cookie": login(base, d["employer"])}
            monitor = {"Cookie": login(base, d["monitor"], d["monitor_totp"])}
            notes["dashboard_cold_ms"] = first_request_ms(base + "/reports/", monitor)
            recorded = f"/reports/?as_of={d['snapshot_day']}"
            cold_monitor = {"Cookie": login(uncached, d["cold_monitor"], d["cold_monitor_totp"])}
            notes["snapshot_cold_ms"] = first_request_ms(uncached + recorded, cold_monitor)
            wrk(base + "/reports/", 20, monitor, connections=8)  # every worker computes its cache once
            wrk(base + "/api/v1/reports/summary", 5, {"Authorization": f"Bearer {d['monitor_token']}"})
            positions = self.file("positions.txt", [f"/jobs/{p}" for p in d["positions"]])
            wrk(base + "/", 2, script_args=["paths", positions])
            rows.append(("home page", wrk(base + "/", self.duration)))
            rows.append((SEARCH, self.searches(base)))
            rows.append((SEARCH_OFF, self.searches(uncached)))
            rows.append((POSITION, wrk(base + "/", self.duration, script_args=["paths", positions])))
            rows.append(("employer pipeline (page)",
                         wrk(base + "/employer/applications", self.duration, employer)))
            rows.append(("employer pipeline (API)",
                         wrk(base + "/api/v1/applications?per_page=20", self.duration,
                                                        {"Authorization": f"Bearer {d['employer_token']}"})))
            rows.append((DASHBOARD, wrk(base + "/reports/", self.duration, monitor)))
            rows.append((DASHBOARD_API, wrk(base + "/api/v1/reports/summary", self.duration,
                                            {"Authorization": f"Bearer {d['monitor_token']}"})))
            rows.append((SNAPSHOT, wrk(uncached + recorded, self.duration, cold_monitor)))
            rows.append((SNAPSHOT_API, wrk(f"{uncached}/api/v1/reports/summary?as_of={d['snapshot_day']}",
                                           self.duration, {"Authorization": f"Bearer {d['monitor_token']}"})))
            pairs = self.file("pairs.txt", d["pairs"])
            rows.append(("apply (POST)", wrk(base + "/", self.duration, script_args=["apply", pairs])))
        finally:
            self.stop()
        return rows, notes

    def search_only(self) -> dict[str, dict]:
        base, uncached = self.start(), self.start(RESULT_CACHE="0")
        try:
            return {SEARCH: self.searches(base), SEARCH_OFF: self.searches(uncached)}
        finally:
            self.stop()


def _on_server(postgres: str, *statements: str) -> None:
    import sqlalchemy as sa

    server = sa.create_engine(postgres.replace("postgresql://", "postgresql+psycopg://", 1),
                              isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))
    server.dispose()


def database_url(work: Path, postgres: str | None, name: str) -> str:
    """A new, empty database for the bench: a SQLite file, or pairjobs_bench_<name> on the server."""
    if not postgres:
        return f"sqlite:///{work / f'bench-{name}.sqlite'}"
    _on_server(postgres, f"DROP DATABASE IF EXISTS pairjobs_bench_{name}",
               f"CREATE DATABASE pairjobs_bench_{name}")
    return postgres.replace("postgresql://", "postgresql+psycopg://",
                            1).rsplit("/", 1)[0] + f"/pairjobs_bench_{name}"


def drop_database(postgres: str, name: str) -> None:
    _on_server(postgres, f"DROP DATABASE IF EXISTS pairjobs_bench_{name} WITH (FORCE)")


def verdict(name: str, r: dict, baseline_rps: float) -> str:
    share, p95 = TARGETS.get(name, (None, None))
    parts = []
    if share is not None:
        parts.append(f"≥ {share}× {'✓' if r['rps'] / baseline_rps >= share else '✗'}")
    if p95 is not None:
        parts.append(f"p95 < {p95} ms {'✓' if r['p95'] < p95 and not r['errors'] else '✗'}")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national", choices=["tiny", "small", "national"])
    parser.add_argument("--postgres",
                        help="a PostgreSQL server URL; the bench creates its own databases there")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--no-growth", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pairjobs-bench-"))
    database = "postgresql" if args.postgres else "sqlite"

    # The baseline runs on the same kind of database as pairjobs.
    baseline_env = {"BASELINE_DATABASE_URL": database_url(work, args.postgres, "baseline")}
    subprocess.run([sys.executable, "-c", "from baseline import seed; seed()"], cwd=ROOT / "bench",
                   env=os.environ | baseline_env, check=True)

    try:
        growth = None
        if not args.no_growth and args.scale == "national":
            small = Bench(work / "small", database_url(work, args.postgres, "small"), "small", args.duration)
            growth = small.search_only()
        bench = Bench(work / "main", database_url(work, args.postgres, args.scale), args.scale, args.duration)

        baseline, baseline_url = serve("baseline:app", baseline_env, ROOT / "bench")
        try:
            wrk(baseline_url + "/fortunes", 2)
            base_row = wrk(baseline_url + "/fortunes", args.duration)
        finally:
            baseline.terminate()
        rows, notes = bench.full()
        rows.insert(0, (BASELINE, base_row))
        write_table(args, database, bench, rows, notes, growth)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.postgres:
            for name in ("baseline", "small", args.scale):
                drop_database(args.postgres, name)


def write_table(args, database: str, bench: Bench, rows, notes: dict, growth: dict | None) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    base_rps = rows[0][1]["rps"]
    lines = [
        f"# pairjobs benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"- database: {database}; dataset: {args.scale} ({bench.data['synth']})",
        (f"- commit: {commit}; gunicorn 2 workers × 4 threads; wrk 2 threads, 16 connections, "
         f"{args.duration} s per row, on loopback"),
        (f"- search: {len(SEARCH_WORDS)} words × {len(bench.data['departments'])} departments, alternating "
         "stable jobs only / CDD; position page: 200 different open positions"),
        "",
        "| request | requests/s | × baseline | p50 ms | p95 ms | errors | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(f"| {name} | {r['rps']:.0f} | {r['rps'] / base_rps:.2f} | {r['p50']:.1f} | "
                     f"{r['p95']:.1f} | {r['errors']} | "
                     f"{verdict(name, r, base_rps) if name != BASELINE else ''} |")
    lines += ["", (f"- monitor dashboard, first request after start-up (cache cold): "
                   f"{notes['dashboard_cold_ms']:.0f} ms"),
              (f"- monitor dashboard of a recorded snapshot ({bench.data['snapshot_day']}), first request "
               f"after start-up, result cache off: {notes['snapshot_cold_ms']:.0f} ms "
               f"(target < {SNAPSHOT_COLD_MS} ms "
               f"{'✓' if notes['snapshot_cold_ms'] < SNAPSHOT_COLD_MS else '✗'})"),
              f"- recording that snapshot (`flask snapshot`): {bench.data['snapshot_seconds']:.1f} s"]
    if growth:
        national = dict(rows)
        lines += ["", "Search latency as the data grows tenfold (6,000 → 60,000 positions):", "",
                  "| search | p50 ms at 6,000 | p50 ms at 60,000 | ratio | target |", "|---|---|---|---|---|"]
        for name in (SEARCH, SEARCH_OFF):
            ratio = national[name]["p50"] / growth[name]["p50"]
            lines.append(f"| {name} | {growth[name]['p50']:.1f} | {national[name]['p50']:.1f} | "
                         f"{ratio:.2f} | ≤ {GROWTH_LIMIT} {'✓' if ratio <= GROWTH_LIMIT else '✗'} |")
    table = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / f"{datetime.now():%Y%m%d-%H%M}-{args.scale}-{database}.md"
    out.write_text(table)
    print(table)
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
