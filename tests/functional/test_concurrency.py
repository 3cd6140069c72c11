"""Concurrency without loss, against a real multi-process server (gunicorn, 4 workers)."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from pairjobs.domain import accounts as accounts_domain
from pairjobs.extensions import db
from pairjobs.models import Application
from tests import factories
from tests.helpers import bearer_header, free_port, post_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gunicorn(app, database_url, tmp_path):
    """pairjobs under gunicorn with 4 worker processes, on the test database."""
    port = free_port()
    env = os.environ | {"PAIRJOBS_ENV": "testing", "DATABASE_URL": database_url,
                        "PAIRJOBS_INSTANCE": str(tmp_path)}
    server = subprocess.Popen(
        # --preload: the application is built once, before the workers fork (it opens no connection).
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "4", "--preload",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("gunicorn did not start: " + server.stderr.read().decode()[-2000:])
    yield base
    # Every request has been answered: the server and its workers are killed rather than shut down (a
    # worker of the preloaded application takes about two seconds to exit cleanly).
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)


def test_two_hundred_concurrent_applications_and_one_candidate_twenty_times(client, api, accounts, gunicorn):
    position = factories.position(accounts.organization, accounts.employer)
    # Made in one transaction (a commit each took a second of the suite).
    candidates = [accounts_domain.create_user(email=f"concurrent{n}@example.org", password=factories.PASSWORD,
                                              role=factories.Role.CANDIDATE, name=f"Candidate {n}",
                                              approved=True, confirmed=True) for n in range(200)]
    tokens = [accounts_domain.issue_token(c)[0] for c in candidates]  # issuing them is tested in test_api
    db.session.commit()
    url = f"{gunicorn}/api/v1/positions/{position.id}/applications"
    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(lambda t: post_json(url, bearer_header(t)), tokens))
    assert statuses == [201] * 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 200

    other_id = factories.position(accounts.organization, accounts.employer).id
    same = api.token(accounts.candidate)
    other_url = f"{gunicorn}/api/v1/positions/{other_id}/applications"
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = sorted(pool.map(lambda _: post_json(other_url, bearer_header(same)), range(20)))
    assert statuses == [201] + [409] * 19
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)
                             .where(Application.position_id == other_id)) == 1
