"""Who may reach what: role checks for views, shared by HTML pages and the API."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from pairjobs.extensions import login_manager
from pairjobs.models import Role


def roles_required(*roles: Role, approved: bool = False):
    """Route decorator: anonymous users go to the login page, other roles get 403.

    With approved=True, an employer must also have been approved by an administrator.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            if approved and not current_user.is_approved:
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # read by the authorization tests
        return wrapped

    return decorator
