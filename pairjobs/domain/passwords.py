"""Password hashing with argon2id; parameters come from configuration."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


@cache
def _hasher(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hasher() -> PasswordHasher:
    """The argon2id hasher configured for this application."""
    cfg = current_app.config
    return _hasher(cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_COST"], cfg["ARGON2_PARALLELISM"])


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether the password matches the hash."""
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A valid hash of a random password, verified when the e-mail is unknown so that both failures
# take the same time and say the same thing.
_DUMMY_PASSWORD = "pairjobs-no-such-account"


def burn_verification() -> None:
    """Spend the time of one verification (for unknown accounts)."""
    verify_password(_dummy_hash(), _DUMMY_PASSWORD + "x")


def _dummy_hash() -> str:
    cfg = current_app.config
    return _dummy_hash_for(cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_COST"], cfg["ARGON2_PARALLELISM"])


@cache
def _dummy_hash_for(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return _hasher(time_cost, memory_cost, parallelism).hash(_DUMMY_PASSWORD)


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with older parameters."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
