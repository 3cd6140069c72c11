"""Public job board: search and position pages."""
