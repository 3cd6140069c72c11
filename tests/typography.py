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
    """Keep the content of a French page (its header and footer are the catalogue's, checked there)."""
    if response.mimetype != "text/html":
        return
    html = response.get_data(as_text=True)
    if '<html lang="fr"' not in html[:300]:
        return
    start, end = html.find("<main"), html.rfind("</main>")
    content = html[start:end] if 0 <= start < end else html
    if all(content != kept for _where, kept in rendered[-3:]):  # the same page again (a redirect's target)
        rendered.append((where, content))


def problems(texts: list[tuple[str, str]]) -> list[str]:
    """Each fault found: where, what, and the words around it (texts may be HTML)."""
    found = []
    for where, text in texts:
        text = page_text(text) if "<" in text else text
        for pattern, fault in RULES:
            for match in pattern.finditer(text):
                around = " ".join(text[max(0, match.start() - 40):match.end() + 20].split())
                found.append(f"{where}: {fault}: …{around}…")
    return found
