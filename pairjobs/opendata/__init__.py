"""Open data: the published snapshots' files, public, without login."""
