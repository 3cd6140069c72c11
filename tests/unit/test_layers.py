"""The domain knows nothing of the HTTP request: what import-linter cannot see, as it checks modules,
not the names taken from them (flask's current_app, for configuration, is allowed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "pairjobs" / "domain"
WEB_ONLY = {"request", "abort", "session", "g", "flash", "redirect", "url_for", "render_template"}


def web_names(source: str) -> set[str]:
    """The request-bound names a module takes from flask, by `from flask import …` or `flask.name`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "flask":
            found |= {alias.name for alias in node.names} & WEB_ONLY
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id == "flask"):
            found |= {node.attr} & WEB_ONLY
    return found


def test_the_check_sees_a_web_import():
    assert web_names("from flask import current_app, request\n") == {"request"}
    assert web_names("def f():\n    from flask import abort, g\n") == {"abort", "g"}
    assert web_names("import flask\nflask.redirect('/')\n") == {"redirect"}
    assert web_names("from flask import current_app\n") == set()


@pytest.mark.parametrize("path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_takes_nothing_from_the_request(path: Path):
    assert web_names(path.read_text(encoding="utf-8")) == set()
