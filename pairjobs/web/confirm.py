"""Destructive actions ask first: a form posted without `confirmed=1` (or the action's address opened) gets
a page that says what will happen and posts the same fields again, confirmed, with a fresh CSRF token."""

from __future__ import annotations

from flask import render_template, request


def confirmed() -> bool:
    """Whether the posted form carries the confirmation."""
    return request.form.get("confirmed") == "1"


def ask(title: str, question: str, yes: str, back: str) -> str:
    """The confirmation page: the question, a button that posts the same fields confirmed, a way back."""
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in ("confirmed", "csrf_token")]
    return render_template("confirm.html", title=title, question=question, yes=yes, back=back, fields=fields,
                           action=request.path)
