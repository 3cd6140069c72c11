"""`make bench`: pairjobs under gunicorn (2 workers × 4 threads) and a bare Flask baseline, measured
in the same run with wrk on loopback; writes a markdown table to bench/results/.

Usage: .venv/bin/python bench/run.py [--scale national|small|tiny] [--database-url URL] [--duration 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "2", "--threads", "4", "--worker-class",
                                "gthread", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
                               cwd=cwd, env=os.environ | env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return process, base
        except urllib.error.HTTPError:
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{app} did not start")


def wrk(url: str, duration: int, headers: dict | None = None, script_args: list[str] | None = None) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{duration}s", "-s", str(ROOT / "bench" / "wrk_stats.lua")]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, errors, requests = line.split()[1:]
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "errors": int(errors), "requests": int(requests)}


def prepare(env: dict, scale: str) -> dict:
    """Migrate, load synthetic data, and pick the URLs and credentials the load needs."""
    subprocess.run([str(BIN / "flask"), "--app", "pairjobs", "db", "upgrade"], cwd=ROOT, env=os.environ | env,
                   check=True, capture_output=True)
    synth = subprocess.run([str(BIN / "flask"), "--app", "pairjobs", "synth", "--scale", scale], cwd=ROOT,
                           env=os.environ | env, check=True, capture_output=True, text=True)
    code = """
import json, secrets, sqlalchemy as sa
from pairjobs import create_app
from pairjobs.domain.accounts import issue_token
from pairjobs.extensions import db
from pairjobs.models import Application, Organization, Position, PositionStatus, Role, User
from pairjobs.timeutil import today
app = create_app()
with app.app_context():
    org = db.session.scalar(sa.select(Organization).order_by(Organization.id))
    employer = db.session.scalar(sa.select(User).where(User.organization_id == org.id))
    position = db.session.scalar(sa.select(Position.id).where(Position.status == PositionStatus.PUBLISHED,
        sa.or_(Position.deadline.is_(None), Position.deadline >= today())).order_by(Position.id))
    open_ids = db.session.scalars(sa.select(Position.id).where(Position.status == PositionStatus.PUBLISHED,
        sa.or_(Position.deadline.is_(None), Position.deadline >= today())).order_by(Position.id).limit(400)).all()
    candidates = db.session.scalars(sa.select(User).where(User.role == Role.CANDIDATE).order_by(User.id.desc())
                                    .limit(150)).all()
    taken = set(db.session.execute(sa.select(Application.candidate_id, Application.position_id)).all())
    pairs = []
    for c in candidates:
        token, _ = issue_token(c)
        pairs += [f"{token} {p}" for p in open_ids if (c.id, p) not in taken]
    monitor = User(email="bench-monitor@synth.pairjobs.example", name="Bench", role=Role.MONITOR,
                   password_hash=employer.password_hash)
    db.session.add(monitor); db.session.flush()
    employer_token, _ = issue_token(employer)
    monitor_token, _ = issue_token(monitor)
    db.session.commit()
    print(json.dumps({"position": position, "employer": employer.email, "employer_token": employer_token,
                      "monitor_token": monitor_token, "pairs": pairs}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=os.environ | env, check=True,
                         capture_output=True, text=True).stdout
    import json

    data = json.loads(out.strip().splitlines()[-1])
    data["synth"] = synth.stdout.strip()
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national", choices=["tiny", "small", "national"])
    parser.add_argument("--database-url")
    parser.add_argument("--duration", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pairjobs-bench-"))
    url = args.database_url or f"sqlite:///{work / 'bench.sqlite'}"
    env = {"DATABASE_URL": url, "PAIRJOBS_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
           "SESSION_COOKIE_SECURE": "0", "PAIRJOBS_INSTANCE": str(work), "MAIL_BACKEND": "outbox",
           "RATELIMIT_STORAGE_URI": "memory://"}
    print(f"Preparing {args.scale} data on {url.split(':')[0]}…", flush=True)
    data = prepare(env, args.scale)
    print(data["synth"], flush=True)
    pairs_file = work / "pairs.txt"
    pairs_file.write_text("\n".join(data["pairs"]) + "\n")

    baseline_env = {"BASELINE_DATABASE_URL": f"sqlite:///{work / 'baseline.sqlite'}"}
    subprocess.run([sys.executable, "-c", "from baseline import seed; seed()"], cwd=ROOT / "bench",
                   env=os.environ | baseline_env, check=True)
    baseline, baseline_url = serve("baseline:app", baseline_env, ROOT / "bench")
    app, base = serve("wsgi:app", env, ROOT)
    bearer = {"Authorization": f"Bearer {data['employer_token']}"}
    monitor = {"Authorization": f"Bearer {data['monitor_token']}"}
    rows = []
    try:
        wrk(baseline_url + "/fortunes", 2)  # warm up
        wrk(base + "/jobs", 2)
        rows.append(("baseline: Fortunes (12 rows)", wrk(baseline_url + "/fortunes", args.duration)))
        rows.append(("home page", wrk(base + "/", args.duration)))
        rows.append(("search: text + 2 filters", wrk(base + "/jobs?q=mediateur&department=69&stable_only=1",
                                                     args.duration)))
        rows.append(("position page", wrk(f"{base}/jobs/{data['position']}", args.duration)))
        rows.append(("employer pipeline (API)", wrk(base + "/api/v1/applications?per_page=20", args.duration,
                                                    bearer)))
        rows.append(("monitor dashboard (API summary)", wrk(base + "/api/v1/reports/summary", args.duration,
                                                            monitor)))
        rows.append(("apply (POST)", wrk(base + "/", args.duration, script_args=[str(pairs_file)])))
    finally:
        app.terminate()
        baseline.terminate()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    base_rps = rows[0][1]["rps"]
    lines = [
        f"# pairjobs benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"- database: {url.split(':')[0]}; dataset: {args.scale} ({data['synth']})",
        f"- commit: {commit}; gunicorn 2 workers × 4 threads; wrk 2 threads, 16 connections, {args.duration} s",
        "",
        "| request | requests/s | × baseline | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(f"| {name} | {r['rps']:.0f} | {r['rps'] / base_rps:.2f} | {r['p50']:.1f} | {r['p95']:.1f} | "
                     f"{r['errors']} |")
    table = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / f"{datetime.now():%Y%m%d-%H%M}-{args.scale}-{url.split(':')[0]}.md"
    out.write_text(table)
    print(table)
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
