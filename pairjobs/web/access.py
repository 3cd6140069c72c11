"""Who may reach what: role checks for views, shared by HTML pages and the API."""

from __future__ import annotations

from functools import wraps

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.extensions import db, login_manager
from pairjobs.models import Position, PositionStatus, Role


def refuse_pending() -> None:
    """The 403 of an employer awaiting approval: the same message on the pages and in the API."""
    abort(403, description=pending_message())


def pending_message() -> str:
    return _("Your employer account is awaiting approval.")


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
                refuse_pending()
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]  # read by the authorization tests
        return wrapped

    return decorator


def is_member(user, organization_id: int) -> bool:
    """Whether the user is an employer of that organization (approved or not)."""
    return bool(
        user is not None and getattr(user, "is_authenticated", False) and user.role is Role.EMPLOYER
        and user.organization_id == organization_id
    )


def can_view_position(user, position) -> bool:
    """Anyone sees a published position, and one closed after it was published (its page stays, with its
    outcome, for the people who applied); its organization's approved employers also see drafts."""
    was_public = position.status is PositionStatus.PUBLISHED or (
        position.status is PositionStatus.CLOSED and position.published_at is not None)
    return was_public or (is_member(user, position.organization_id) and user.is_approved)


def can_manage_position(user, position) -> bool:
    """Only approved employers of the owning organization edit, publish, close or duplicate."""
    return is_member(user, position.organization_id) and user.is_approved


def visible_position_or_404(position_id: int, user):
    """The position if the user may see it; 404 otherwise (never reveal that it exists)."""
    position = db.session.get(Position, position_id, options=[sa.orm.joinedload(Position.organization)])
    if position is None or not can_view_position(user, position):
        abort(404)
    return position


def managed_position_or_404(position_id: int, user):
    """The position if the user may manage it; 404 for another organization's, 403 if not approved."""
    position = db.session.get(Position, position_id)
    if position is None or not is_member(user, position.organization_id):
        abort(404)
    if not user.is_approved:
        refuse_pending()
    return position


def scope_applications(stmt, user):
    """Limit a select of Application to what the user may see: their own, or their organization's."""
    from pairjobs.models import Application

    if user is None or not getattr(user, "is_authenticated", False):
        return stmt.where(sa.false())
    if user.role is Role.CANDIDATE:
        return stmt.where(Application.candidate_id == user.id)
    if user.role is Role.EMPLOYER and user.is_approved:
        return stmt.join(Position, Position.id == Application.position_id).where(
            Position.organization_id == user.organization_id)
    return stmt.where(sa.false())


def visible_application_or_404(application_id: int, user):
    """The application if the user is its candidate or a recruiter of its organization; 404 otherwise."""
    from pairjobs.models import Application

    application = db.session.scalar(scope_applications(sa.select(Application), user)
                                    .where(Application.id == application_id))
    if application is None:
        abort(404)
    return application


def visible_interview_or_404(interview_id: int, user):
    """The interview if the user may see its application (its candidate, or a recruiter); 404 otherwise."""
    from pairjobs.models import Application, Interview

    interview = db.session.scalar(
        sa.select(Interview).join(Application, Interview.application_id == Application.id)
        .where(Interview.id == interview_id, Application.id.in_(
            scope_applications(sa.select(Application.id), user).scalar_subquery())))
    if interview is None:
        abort(404)
    return interview


def can_download_credential(user, credential) -> bool:
    """Its owner, administrators, and recruiters of an organization it was sent to with an application."""
    from pairjobs.models import Application, application_credential

    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.id == credential.user_id or user.role is Role.ADMIN:
        return True
    if user.role is not Role.EMPLOYER or not user.is_approved:
        return False
    return db.session.execute(
        sa.select(sa.func.count()).select_from(application_credential)
        .join(Application, Application.id == application_credential.c.application_id)
        .join(Position, Position.id == Application.position_id)
        .where(application_credential.c.credential_id == credential.id,
               Position.organization_id == user.organization_id)
    ).scalar_one() > 0


def managed_contract_or_404(contract_id: int, user):
    """A contract of the user's organization (approved recruiters only); 404 otherwise."""
    from pairjobs.models import Contract

    contract = db.session.get(Contract, contract_id)
    if contract is None or not is_member(user, contract.organization_id) or not user.is_approved:
        abort(404)
    return contract


def own_contract_or_404(contract_id: int, user):
    """A contract of the signed-in peer worker; 404 otherwise."""
    from pairjobs.models import Contract

    contract = db.session.get(Contract, contract_id)
    if contract is None or contract.person_id is None or contract.person_id != user.id:
        abort(404)
    return contract


def visible_contract_or_404(contract_id: int, user):
    """A contract of the user's organization, or the user's own contract; 404 otherwise."""
    if user.role is Role.EMPLOYER:
        return managed_contract_or_404(contract_id, user)
    return own_contract_or_404(contract_id, user)


def own_session_or_404(session_id: int, user):
    """A supervision session of one of the signed-in peer worker's contracts; 404 otherwise."""
    from pairjobs.models import SupervisionSession

    session = db.session.get(SupervisionSession, session_id)
    if session is None or session.contract.person_id is None or session.contract.person_id != user.id:
        abort(404)
    return session


def visible_session_or_404(session_id: int, user):
    """A supervision session of a contract of the user's organization, or of the user's own contract."""
    from pairjobs.models import SupervisionSession

    session = db.session.get(SupervisionSession, session_id)
    if session is None:
        abort(404)
    visible_contract_or_404(session.contract_id, user)
    return session
