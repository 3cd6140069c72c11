"""Administration: organizations, employer approval, staff accounts."""
