"""French typography of what the functional tests render: every French page (and e-mail) is checked.

French puts a non-breaking space (U+00A0 or the narrow U+202F) before ":", ";", "?" and "!" and inside
« guillemets », and writes the first day of a month "1er". `IsolatedClient` hands every HTML response to
`record`; an autouse fixture of tests/functional checks what its test rendered (`problems`).
"""

from __future__ import annotations

import re
from html import unescape

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
RULES = (
    (re.compile(r"(?<=\S) [:;?!](?=[\s\u00a0\u202f<\"')]|$)"), "an ordinary space before a punctuation mark"),
    (re.compile(r"« | »"), "an ordinary space inside guillemets"),
    (re.compile(rf"(?<![\d/.-])1[ \u00a0\u202f]+(?:{MONTHS})\b"), "the first of a month not written 1er"),
)
_HIDDEN = re.compile(r"<(script|style|pre|code|textarea)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")

rendered: list[tuple[str, str]] = []  # (where, text) since the current test began


def page_text(html: str) -> str:
    """What a reader sees of a page: no markup, scripts, code samples or form contents."""
    return unescape(_TAG.sub(" ", _HIDDEN.sub(" ", html)))


def record(where: str, response) -> None:
    if response.mimetype == "text/html" and '<html lang="fr"' in response.get_data(as_text=True)[:300]:
        rendered.append((where, page_text(response.get_data(as_text=True))))


def problems(texts: list[tuple[str, str]]) -> list[str]:
    """Each fault found: where, what, and the words around it."""
    found = []
    for where, text in texts:
        for pattern, fault in RULES:
            for match in pattern.finditer(text):
                around = " ".join(text[max(0, match.start() - 40):match.end() + 20].split())
                found.append(f"{where}: {fault}: …{around}…")
    return found
