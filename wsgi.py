"""WSGI entry point: `gunicorn wsgi:app`."""

from pairjobs import create_app

app = create_app()
