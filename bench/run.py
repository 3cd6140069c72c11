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
HOME = "home page"
SEARCH = "search: text + 2 filters"
LONG_TAIL = "search: long-tail mix, each query once"
POSITION = "position page"
PIPELINE = "employer pipeline (page)"
PIPELINE_API = "employer pipeline (API)"
EMPLOYER_HOME = "employer home"
CANDIDATE = "candidate pages"
SNAPSHOT = "monitor dashboard, recorded snapshot (page)"
SNAPSHOT_API = "monitor dashboard, recorded snapshot (API summary)"
APPLY = "apply (POST)"
# Row -> (minimum share of the baseline's requests/s, maximum p95 in ms); every row: no error.
TARGETS = {
    HOME: (None, 150), SEARCH: (0.5, 100), LONG_TAIL: (0.5, 100), POSITION: (0.5, 150),
    PIPELINE: (0.3, 150), PIPELINE_API: (0.3, 150), EMPLOYER_HOME: (None, 150), CANDIDATE: (None, 150),
    SNAPSHOT: (None, 100), SNAPSHOT_API: (None, 100),
    APPLY: (None, 150),
}
SNAPSHOT_FIRST_MS = 300  # a recorded date's dashboard, first request after start-up
LIVE_FIRST_MS = 1000  # today's dashboard, first request after start-up
GROWTH_LIMIT = 1.3  # search p50, national / small scale
WORKER_RSS_MB = 300  # peak resident memory of a gunicorn worker
LONG_TAIL_QUERIES = 30_000  # more than a run sends: no query is asked twice


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
        connections: int = 16, check: bool = True) -> dict:
    """Load one URL (or the paths of a file, or the applications of a file) with wrk. The URL, or the file's
    first path, must answer 200 with these headers first: a redirect (to the login page) is not a result."""
    if check and (not script_args or script_args[0] == "paths"):
        first = url if not script_args else url.rstrip("/") + Path(script_args[1]).read_text().split("\n")[0]
        first_request_ms(first, headers or {})
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
    started = time.perf_counter()
    # Today's figures computed ahead, as the cron task does every few minutes (TODAY_FIGURES_AHEAD is on in
    # production): the first request of today's dashboard reads them.
    flask(env, "today-figures")
    today_seconds = time.perf_counter() - started
    code = """
import json, pyotp, sqlalchemy as sa
from pairjobs import create_app
from pairjobs.models.base import utcnow
from pairjobs.domain.accounts import issue_token
from pairjobs.domain.search import open_positions
from pairjobs.domain.search.text import units, words_of
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
    monitor, cold, live = (
        User(email=f"bench-{name}@synth.pairjobs.example", name="Bench", role=Role.MONITOR,
             password_hash=employer.password_hash, totp_secret=pyotp.random_base32(),
             totp_enabled_at=utcnow())
        for name in ("monitor", "cold-monitor", "live-monitor"))
    db.session.add_all([monitor, cold, live]); db.session.flush()
    employer_token, _ = issue_token(employer)
    monitor_token, _ = issue_token(monitor)
    departments = sorted(db.session.scalars(sa.select(Position.department_code).distinct()).all())
    # The candidate with the most applications, and one of them.
    busiest = db.session.execute(sa.select(Application.candidate_id, sa.func.max(Application.id))
        .group_by(Application.candidate_id).order_by(sa.func.count().desc(), Application.candidate_id)
        .limit(1)).one()
    candidate = db.session.get(User, busiest[0])
    # The indexed vocabulary, as the positions' texts hold it (little words left out).
    documents = db.session.scalars(sa.select(Position.search_document).where(open_positions(today()))
                                   .order_by(Position.id).limit(5000)).all()
    vocabulary = sorted({w for d in documents for w in words_of(d) if units(w)})
    communes = sorted(db.session.scalars(sa.select(Position.commune_code).distinct()
                                         .where(Position.commune_code.is_not(None))).all())
    db.session.commit()
    print(json.dumps({"positions": open_ids[:200], "employer": employer.email, "monitor": monitor.email,
                      "monitor_totp": monitor.totp_secret, "cold_monitor": cold.email,
                      "cold_monitor_totp": cold.totp_secret, "live_monitor": live.email,
                      "live_monitor_totp": live.totp_secret, "candidate": candidate.email,
                      "candidate_application": busiest[1],
                      "employer_token": employer_token, "monitor_token": monitor_token, "pairs": pairs,
                      "departments": departments, "vocabulary": vocabulary, "communes": communes,
                      "documents": [words_of(d) for d in documents[:2000]]}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=os.environ | env, check=True,
                         capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    data["synth"] = synth
    data["snapshot_day"], data["snapshot_seconds"] = snapshot_day, snapshot_seconds
    data["today_seconds"] = today_seconds
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


def long_tail_paths(data: dict, count: int = LONG_TAIL_QUERIES, seed: int = 2026) -> list[str]:
    """Distinct searches of the long tail: a word of the indexed vocabulary, or two words of one position
    (each of the 2,000 first positions gives pairs), with two filters drawn from those of the search form
    (department, contract, distance from a commune, minimum pay, publication, working time). At least 500
    different words and word pairs; every path differs."""
    import random

    rng = random.Random(seed)
    words = [[w] for w in data["vocabulary"]]
    pairs = {tuple(sorted(rng.sample(sorted(set(d)), 2))) for d in data["documents"] if len(set(d)) > 1
             for _ in range(10)}
    texts = [" ".join(t) for t in words + sorted(pairs)]
    if len(texts) < 500:
        raise SystemExit(f"only {len(texts)} words and pairs in the indexed vocabulary")
    filters = [
        lambda: f"department={rng.choice(data['departments'])}",
        lambda: rng.choice(["stable_only=1", "contract_type=cdd_public", "contract_type=cdi_private"]),
        lambda: f"near={rng.choice(data['communes'])}&radius_km={rng.choice([10, 20, 30, 50])}",
        lambda: f"min_salary={rng.choice([1600, 1800, 2000, 2200])}",
        lambda: f"published_since={rng.choice([7, 14, 30])}",
        lambda: f"min_fte={rng.choice([50, 80, 100])}",
    ]
    paths: set[str] = set()
    while len(paths) < count:
        first, second = rng.sample(filters, 2)
        query = urllib.parse.urlencode({"q": rng.choice(texts)})
        paths.add(f"/jobs?{query}&{first()}&{second()}")
    ordered = sorted(paths)
    rng.shuffle(ordered)
    return ordered


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def first_request_ms(url: str, headers: dict) -> float:
    """The time of one request, which must answer 200 (not a redirect to the login page)."""
    started = time.perf_counter()
    answer = urllib.request.build_opener(_NoRedirect).open(urllib.request.Request(url, headers=headers),
                                                           timeout=600)
    answer.read()
    if answer.status != 200:
        raise SystemExit(f"{url}: HTTP {answer.status}")
    return (time.perf_counter() - started) * 1000


def worker_peak_rss_mb(master: subprocess.Popen) -> float:
    """The largest peak resident memory (VmHWM) of a gunicorn master's workers, in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks)


class Bench:
    """One scale on one database: the servers, the load, and the rows of the table. Every server runs with
    the production settings and RESULT_CACHE=0: what the first visitor of each query gets."""

    def __init__(self, work: Path, url: str, scale: str, duration: int):
        self.work, self.url, self.scale, self.duration = work, url, scale, duration
        work.mkdir(exist_ok=True)
        self.env = {"DATABASE_URL": url, "PAIRJOBS_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
                    "PUBLIC_URL": "http://127.0.0.1", "RESULT_CACHE": "0",
                    "SESSION_COOKIE_SECURE": "0", "PAIRJOBS_INSTANCE": str(work), "MAIL_BACKEND": "outbox",
                    "RATELIMIT_STORAGE_URI": "memory://"}
        print(f"Preparing {scale} data on {url.split(':')[0].split('+')[0]}…", flush=True)
        self.data = prepare(self.env, scale)
        print(self.data["synth"], flush=True)
        self.processes: list[subprocess.Popen] = []
        self.peak_rss_mb = 0.0

    def file(self, name: str, lines: list[str]) -> str:
        path = self.work / name
        path.write_text("\n".join(lines) + "\n")
        return str(path)

    def start(self) -> str:
        process, base = serve("wsgi:app", self.env, ROOT)
        self.processes.append(process)
        return base

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.peak_rss_mb = max(self.peak_rss_mb, worker_peak_rss_mb(process))
            process.terminate()
        for process in self.processes:
            process.wait()

    def searches(self, base: str) -> dict:
        paths = self.file("search.txt", search_paths(self.data["departments"]))
        wrk(base + "/", 5, script_args=["paths", paths])  # warm up
        return wrk(base + "/", self.duration, script_args=["paths", paths])

    def long_tail(self, base: str, offset: int = 0) -> dict:
        """Each query once: the list is longer than what a run sends (checked), and no warm-up."""
        paths = long_tail_paths(self.data, seed=2026 + offset)
        first_request_ms(base + "/jobs?q=pair", {})
        result = wrk(base + "/", self.duration, script_args=["paths", self.file("long-tail.txt", paths)],
                     check=False)
        if result["requests"] > len(paths):
            raise SystemExit(f"the long tail sent {result['requests']} requests for {len(paths)} queries")
        result["queries"] = len(paths)
        return result

    def full(self) -> tuple[list[tuple[str, dict]], dict]:
        """Every row of the table; the first requests after start-up on servers of their own. Today's
        dashboard is measured by its first request only (its target): under load, requests of several
        seconds would still hold the workers during the rows after it."""
        d = self.data
        recorded = f"/reports/?as_of={d['snapshot_day']}"
        notes = {}
        fresh = self.start()
        live_monitor = {"Cookie": login(fresh, d["live_monitor"], d["live_monitor_totp"])}
        notes["live_first_ms"] = first_request_ms(fresh + "/reports/", live_monitor)
        fresh = self.start()
        cold_monitor = {"Cookie": login(fresh, d["cold_monitor"], d["cold_monitor_totp"])}
        notes["snapshot_first_ms"] = first_request_ms(fresh + recorded, cold_monitor)
        self.stop()
        self.processes = []
        base = self.start()
        rows = []
        try:
            employer = {"Cookie": login(base, d["employer"])}
            candidate = {"Cookie": login(base, d["candidate"])}
            monitor = {"Cookie": login(base, d["monitor"], d["monitor_totp"])}
            employer_api = {"Authorization": f"Bearer {d['employer_token']}"}
            monitor_api = {"Authorization": f"Bearer {d['monitor_token']}"}
            positions = self.file("positions.txt", [f"/jobs/{p}" for p in d["positions"]])
            candidate_pages = self.file("candidate.txt", [
                "/me/applications", f"/me/applications/{d['candidate_application']}", "/me/profile",
                "/me/credentials"])
            wrk(base + "/", 2, script_args=["paths", positions])  # warm up the workers
            rows.append((HOME, wrk(base + "/", self.duration)))
            rows.append((SEARCH, self.searches(base)))
            rows.append((LONG_TAIL, self.long_tail(base)))
            rows.append((POSITION, wrk(base + "/", self.duration, script_args=["paths", positions])))
            rows.append((PIPELINE, wrk(base + "/employer/applications", self.duration, employer)))
            rows.append((PIPELINE_API, wrk(base + "/api/v1/applications?per_page=20", self.duration,
                                           employer_api)))
            rows.append((EMPLOYER_HOME, wrk(base + "/employer/", self.duration, employer)))
            rows.append((CANDIDATE, wrk(base + "/", self.duration, candidate,
                                        script_args=["paths", candidate_pages])))
            rows.append((SNAPSHOT, wrk(base + recorded, self.duration, monitor)))
            rows.append((SNAPSHOT_API, wrk(f"{base}/api/v1/reports/summary?as_of={d['snapshot_day']}",
                                           self.duration, monitor_api)))
            pairs = self.file("pairs.txt", d["pairs"])
            rows.append((APPLY, wrk(base + "/", self.duration, script_args=["apply", pairs])))
        finally:
            self.stop()
        return rows, notes

    def search_only(self) -> dict[str, dict]:
        base = self.start()
        try:
            return {SEARCH: self.searches(base), LONG_TAIL: self.long_tail(base)}
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


def verdict(name: str, r: dict, baseline_rps: float) -> tuple[str, bool]:
    """The row's targets with ✓ or ✗, and whether they all hold (an error answer fails any row)."""
    share, p95 = TARGETS.get(name, (None, None))
    parts, met = [], r["errors"] == 0 and r["requests"] > 0
    if share is not None:
        ok = r["rps"] / baseline_rps >= share
        parts.append(f"≥ {share}× {'✓' if ok else '✗'}")
        met &= ok
    if p95 is not None:
        ok = r["p95"] < p95
        parts.append(f"p95 < {p95} ms {'✓' if ok else '✗'}")
        met &= ok
    if r["errors"]:
        parts.append("errors ✗")
    if not r["requests"]:
        parts.append("no answer ✗")
    return ", ".join(parts), met


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
        missed = write_table(args, database, bench, rows, notes, growth)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.postgres:
            for name in ("baseline", "small", args.scale):
                drop_database(args.postgres, name)
    if missed:
        raise SystemExit("Targets missed: " + "; ".join(missed))


def write_table(args, database: str, bench: Bench, rows, notes: dict, growth: dict | None) -> list[str]:
    """Print the table and write it under bench/results/; the targets missed."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    base_rps = rows[0][1]["rps"]
    national = dict(rows)
    lines = [
        f"# pairjobs benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"- database: {database}; dataset: {args.scale} ({bench.data['synth']})",
        (f"- commit: {commit}; gunicorn 2 workers × 4 threads, production settings, RESULT_CACHE=0; wrk 2 "
         f"threads, 16 connections, {args.duration} s per row, on loopback"),
        (f"- search: {len(SEARCH_WORDS)} words × {len(bench.data['departments'])} departments, alternating "
         "stable jobs only / CDD; long tail: words and word pairs of the indexed vocabulary with two filters "
         f"each, {national[LONG_TAIL]['queries']:,} different queries, each asked once; position page: 200 "
         "different open positions; candidate pages: applications, one application, profile, credentials "
         "of the candidate with the most applications"),
        "",
        "| request | requests/s | × baseline | p50 ms | p95 ms | errors | target |",
        "|---|---|---|---|---|---|---|",
    ]
    missed = []
    for name, r in rows:
        text, met = verdict(name, r, base_rps) if name != BASELINE else ("", True)
        if not met:
            missed.append(name)
        lines.append(f"| {name} | {r['rps']:.0f} | {r['rps'] / base_rps:.2f} | {r['p50']:.1f} | "
                     f"{r['p95']:.1f} | {r['errors']} | {text} |")

    def check(label: str, ok: bool) -> str:
        if not ok:
            missed.append(label)
        return "✓" if ok else "✗"

    live_ok = check("live dashboard, first request", notes["live_first_ms"] < LIVE_FIRST_MS)
    snapshot_ok = check("snapshot dashboard, first request", notes["snapshot_first_ms"] < SNAPSHOT_FIRST_MS)
    memory_ok = check("worker memory", bench.peak_rss_mb < WORKER_RSS_MB)
    lines += ["",
              (f"- monitor dashboard for today, first request after start-up: "
               f"{notes['live_first_ms']:.0f} ms (target < {LIVE_FIRST_MS} ms {live_ok})"),
              (f"- monitor dashboard of a recorded snapshot ({bench.data['snapshot_day']}), first request "
               f"after start-up: {notes['snapshot_first_ms']:.0f} ms (target < {SNAPSHOT_FIRST_MS} ms "
               f"{snapshot_ok})"),
              (f"- peak resident memory of a gunicorn worker: {bench.peak_rss_mb:.0f} MB (target < "
               f"{WORKER_RSS_MB} MB {memory_ok})"),
              f"- recording that snapshot (`flask snapshot`): {bench.data['snapshot_seconds']:.1f} s",
              (f"- computing today's figures ahead (`flask today-figures`, cron): "
               f"{bench.data['today_seconds']:.1f} s")]
    if growth:
        lines += ["", "Search latency as the data grows tenfold (6,000 → 60,000 positions):", "",
                  "| search | p50 ms at 6,000 | p50 ms at 60,000 | ratio | target |", "|---|---|---|---|---|"]
        for name in (SEARCH, LONG_TAIL):
            ratio = national[name]["p50"] / growth[name]["p50"]
            grown = check(f"{name}, growth", ratio <= GROWTH_LIMIT)
            lines.append(f"| {name} | {growth[name]['p50']:.1f} | {national[name]['p50']:.1f} | "
                         f"{ratio:.2f} | ≤ {GROWTH_LIMIT} {grown} |")
    if missed:
        lines += ["", "Targets missed: " + "; ".join(missed)]
    table = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / f"{datetime.now():%Y%m%d-%H%M}-{args.scale}-{database}.md"
    out.write_text(table)
    print(table)
    print(f"Written to {out.relative_to(ROOT)}")
    return missed


if __name__ == "__main__":
    main()
