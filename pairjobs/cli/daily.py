"""The commands cron runs: daily tasks (expired positions, search words, alerts, reminders, the
questionnaire's links, snapshots, purge) and every few minutes (mail, today's figures)."""

from __future__ import annotations

from functools import partial

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from pairjobs.cli import fail, run
from pairjobs.domain.errors import DomainError
from pairjobs.extensions import db


@click.command("close-expired")
@with_appcontext
def close_expired_command():
    """Close the published positions whose deadline has passed (run it daily from cron)."""
    from pairjobs.domain.positions import close_expired
    from pairjobs.infra.clock import today

    count = run(lambda: close_expired(today()))
    click.echo(f"Closed {count} expired position(s).")


@click.command("search-words")
@with_appcontext
def search_words_command():
    """Rebuild the words the search suggests from the open positions (run it daily from cron, after
    close-expired)."""
    from pairjobs.domain.search import rebuild_vocabulary
    from pairjobs.infra.clock import today

    count = run(lambda: rebuild_vocabulary(today()))
    click.echo(f"{count} word(s) from the open positions.")


@click.command("today-figures")
@with_appcontext
def today_figures_command():
    """Compute today's ARS figures ahead of the dashboard (run it from cron every few minutes: it does
    nothing while the records are unchanged). The dashboard reads them when TODAY_FIGURES_AHEAD is on."""
    from pairjobs.domain.monitoring.snapshots import computed_today
    from pairjobs.web.live_figures import compute_today

    try:
        computed = run(compute_today)
    except sa.exc.IntegrityError:  # another run stored today's figures first: they are as recent
        db.session.rollback()
        computed = None
    if computed is None:
        current = computed_today()
        when = current.taken_at.isoformat(timespec="seconds") if current else "?"
        click.echo(f"Today's figures are up to date (computed at {when}).")
        return
    click.echo(f"Today's figures computed at {computed.taken_at.isoformat(timespec='seconds')}.")


@click.command("send-mail")
@with_appcontext
def send_mail_command():
    """Send the e-mails waiting in the outbox, retrying failed ones (run it from cron)."""
    from pairjobs.infra.mail import deliver_pending

    sent, failed = deliver_pending(limit=1000)
    click.echo(f"Sent {sent} e-mail(s), {failed} failed.")
    if failed:
        raise SystemExit(1)


@click.command("send-alerts")
@with_appcontext
def send_alerts_command():
    """E-mail each subscriber the new positions matching their saved searches (run it daily)."""
    from pairjobs.domain.alerts import send_alerts
    from pairjobs.infra.clock import today
    from pairjobs.models.base import utcnow

    count = run(lambda: send_alerts(utcnow(), today()))  # delivered once committed (pairjobs.infra.mail)
    click.echo(f"Queued {count} alert e-mail(s).")


@click.command("questionnaire-links")
@with_appcontext
def questionnaire_links_command():
    """E-mail the open questionnaire's single-use links to the people with a running contract who have none
    yet, and delete the unused links of closed ones (run it daily: new hires get theirs)."""
    from pairjobs.domain import questionnaire
    from pairjobs.infra.clock import today

    forgotten = run(lambda: questionnaire.forget_links(today()))
    if forgotten:
        click.echo(f"Deleted {forgotten} link(s) of closed questionnaires, never used.")
    campaign = questionnaire.latest_campaign()
    if campaign is None or not questionnaire.is_open(campaign, today()):
        click.echo("No questionnaire open today.")
        return
    count = run(lambda: questionnaire.issue_links(campaign, today()))
    click.echo(f"Queued {count} questionnaire link(s) for {campaign.year}.")


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Remind of tomorrow's interviews, of applications left without an answer, of deadlines near and of
    verification proofs due; close the applications unanswered for too long (run it daily from cron)."""
    from flask import current_app

    from pairjobs.domain import verification
    from pairjobs.domain.follow_up import follow_up, remind_deadlines
    from pairjobs.domain.interviews import send_reminders
    from pairjobs.infra.clock import today
    from pairjobs.models.base import utcnow

    cfg, now = current_app.config, utcnow()
    interviews = run(lambda: send_reminders(now))  # delivered once committed (pairjobs.infra.mail)
    delays = cfg["APPLICATION_REMINDER_DAYS"], cfg["APPLICATION_EXPIRY_DAYS"]
    reminded, closed = run(lambda: follow_up(now, *delays))
    deadlines = run(lambda: remind_deadlines(today(), cfg["DEADLINE_REMINDER_DAYS"]))
    proofs = run(lambda: verification.remind(today()))
    click.echo(f"Reminded {interviews} interview(s); {reminded} application(s) waiting reminded to their "
               f"recruiters, {closed} closed without an answer; {deadlines} deadline(s) near; "
               f"{proofs} verification proof reminder(s).")


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete what the retention periods no longer allow to keep (run it daily from cron)."""
    from pairjobs.domain.retention import purge
    from pairjobs.infra.documents import delete_document
    from pairjobs.models.base import utcnow

    counts, keys = run(lambda: purge(utcnow()))
    for key in keys:
        delete_document(key)
    click.echo(", ".join(f"{kind}: {n}" for kind, n in counts.items()))


@click.command("snapshot")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Record this date (YYYY-MM-DD) instead of the month-ends due.")
@click.option("--revise", is_flag=True, help="Record the date again as a new revision (needs --reason).")
@click.option("--reason", default=None, help="Why the date is recorded again.")
@click.option("--publish", is_flag=True, help="Also publish the snapshot as open data.")
@with_appcontext
def snapshot_command(day, revise, reason, publish):
    """Freeze the figures of every month-end since the last recorded one up to yesterday (cron, daily), or
    of one date. The last line printed is the snapshot's date and revision."""
    from pairjobs.domain.monitoring import snapshots

    if day is None and revise:
        fail(DomainError("--revise needs --date."))
    days = [day.date()] if day is not None else snapshots.due_dates()
    if not days:
        last = snapshots.last_recorded_day()
        latest = snapshots.latest(last) if last else None
        click.echo("Nothing to record: every month-end up to yesterday is recorded.")
        if latest is not None:
            click.echo(f"{latest.day.isoformat()} revision {latest.revision}")
        return
    for each in days:
        current = snapshots.latest(each) if publish and not revise else None
        if current is not None:  # recorded already: --publish publishes its latest revision
            run(partial(snapshots.publish_snapshot, current))
            recorded = current
        else:
            recorded = run(partial(snapshots.record, each, revise=revise, reason=reason, publish=publish))
        if recorded.published_at:
            click.echo(f"Published as open data: /opendata/pairjobs-{recorded.day.isoformat()}.csv")
        click.echo(f"{recorded.day.isoformat()} revision {recorded.revision}")


COMMANDS = (close_expired_command, search_words_command, today_figures_command, send_mail_command,
            send_alerts_command, questionnaire_links_command, send_reminders_command, purge_command,
            snapshot_command)
