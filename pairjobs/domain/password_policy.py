"""What a new password must not be: short, common, the demo password, made of the person's address or
name, or of too few different characters."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"

# The password of every demo account (`flask demo`), published in the README: refused for real accounts.
DEMO_PASSWORD = "pairjobs-demo-2026"

# argon2 hashes anything, but a megabyte-long password is not a password.
MAX_LENGTH = 256
# Fewer different characters than this is a pattern, not a secret ("aaaaaaaaaaaa", "abababababab").
MIN_DISTINCT = 5
# Passwords where this share of the steps between characters go to the same or a neighbouring one.
PREDICTABLE_SHARE = 0.75
# Parts of an address or a name shorter than this are too common to refuse ("li", "jo").
MIN_PERSONAL_PART = 3


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    with COMMON_PASSWORDS.open(encoding="utf-8") as f:
        return frozenset(line.strip().lower() for line in f if line.strip() and not line.startswith("#"))


def _folded(text: str) -> str:
    """Lower-cased, without accents, spaces or punctuation: "Élodie-Marie" -> "elodiemarie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _is_common(password: str) -> bool:
    lowered = password.lower()
    folded = _folded(password)
    common = common_passwords()
    candidates = {
        lowered,
        lowered.strip("0123456789!.?*#@$%&_- "),  # "password1234", "!!azerty!!"
        lowered.rstrip("0123456789!.?*#@$%&_- "),
        lowered.lstrip("0123456789!.?*#@$%&_- "),
        folded,  # "pass word", "p.a.s.s.w.o.r.d"
    }
    for size in range(1, len(folded) // 2 + 1):  # a common password repeated: "trustno1trustno1"
        if len(folded) % size == 0 and folded[:size] * (len(folded) // size) == folded:
            candidates.add(folded[:size])
            break
    return not all(candidates) or any(c in common for c in candidates)


def _personal_parts(email: str, name: str) -> set[str]:
    """The pieces of the address's local part and of the name that a password must not contain."""
    local = (email or "").partition("@")[0]
    parts = {_folded(local)}
    parts.update(_folded(p) for p in re.split(r"[._+\-]+", local))
    parts.update(_folded(p) for p in re.split(r"[\s'’.\-]+", name or ""))
    return {p for p in parts if len(p) >= MIN_PERSONAL_PART}


def _low_variety(password: str) -> bool:
    folded = password.casefold()
    if len(set(folded)) < MIN_DISTINCT:
        return True
    # A short unit repeated: "abcdabcdabcd", "blueblueblue".
    for size in range(1, 5):
        unit = folded[:size]
        if len(folded) % size == 0 and unit * (len(folded) // size) == folded:
            return True
    # Mostly runs and repeats: "abcdefghijkl", "987654321098" (digits wrap around), "aabbccddeeff",
    # "1234567890ab": three steps in four to the same or a neighbouring character.
    predictable = sum(1 for a, b in pairwise(folded) if _neighbours(a, b))
    return predictable >= PREDICTABLE_SHARE * (len(folded) - 1)


def _neighbours(a: str, b: str) -> bool:
    if a.isdigit() and b.isdigit():
        return (ord(b) - ord(a)) % 10 in (0, 1, 9)
    return abs(ord(b) - ord(a)) <= 1


def password_problems(password: str, *, email: str = "", name: str = "", demo: bool = False) -> list[str]:
    """What is wrong with a new password for the account of this address and name (empty when acceptable).

    `demo` is for the demo accounts only, which use the published demo password.
    """
    password = password or ""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return [_("The password must have at least %(n)d characters.", n=minimum)]
    if len(password) > MAX_LENGTH:
        return [_("The password must have at most %(n)d characters.", n=MAX_LENGTH)]
    if demo:
        return []
    if _folded(DEMO_PASSWORD) in _folded(password):  # the demo password, or built on it
        return [_("This is the demo accounts' password, which everyone knows: choose another.")]
    if _low_variety(password):
        return [_("This password repeats too few different characters: choose a sentence of several words.")]
    if _is_common(password):
        return [_("This password is among the most common ones: choose another.")]
    folded = _folded(password)
    if any(part in folded for part in _personal_parts(email, name)):
        return [_("The password must not contain your name or your e-mail address.")]
    return []
