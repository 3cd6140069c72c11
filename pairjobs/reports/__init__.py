"""Regional monitoring for the ARS."""
