"""wsgi.py runs the production configuration unless told otherwise, and refuses to start without a real
SECRET_KEY (issue 15, point 10)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "import wsgi; c = wsgi.app.config; print(c['DEBUG'], c['SESSION_COOKIE_SECURE'], c['MAIL_BACKEND'])"


def start(tmp_path, **env):
    base = {k: v for k, v in os.environ.items()
            if k not in {"PAIRJOBS_ENV", "SECRET_KEY", "PUBLIC_URL", "DATABASE_URL"}}
    return subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          env=base | {"PAIRJOBS_INSTANCE": str(tmp_path)} | env, timeout=120)


@pytest.mark.parametrize("env", [{}, {"PUBLIC_URL": "https://pairjobs.example"},
                                 {"SECRET_KEY": "", "PUBLIC_URL": "https://pairjobs.example"},
                                 {"SECRET_KEY": "short", "PUBLIC_URL": "https://pairjobs.example"}])
def test_wsgi_without_a_real_secret_key_does_not_start(tmp_path, env):
    result = start(tmp_path, **env)
    assert result.returncode != 0
    assert "SECRET_KEY must" in result.stderr


def test_wsgi_runs_the_production_configuration_by_default(tmp_path):
    result = start(tmp_path, SECRET_KEY="k" * 64, PUBLIC_URL="https://pairjobs.example")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "True", "smtp"]


def test_wsgi_follows_pairjobs_env_when_it_is_set(tmp_path):
    result = start(tmp_path, PAIRJOBS_ENV="development")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[1] == "False"
