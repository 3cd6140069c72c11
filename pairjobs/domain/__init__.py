"""Business rules and use-cases: no request, no commit (callers commit once)."""
