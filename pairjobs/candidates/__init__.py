"""The peer worker's space: profile, credentials, applications, their data."""
