"""WSGI entry point: `gunicorn wsgi:app`.

It runs the production configuration unless PAIRJOBS_ENV names another one, so a server started without
settings never runs with the development secret key or debug settings; production refuses to start
without SECRET_KEY and PUBLIC_URL.
"""

import os

from pairjobs import create_app

app = create_app(os.environ.get("PAIRJOBS_ENV") or "production")
