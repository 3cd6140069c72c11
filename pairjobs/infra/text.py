"""The one normalisation of text people send: what is kept is printable, storable and deliverable.

Removed: C0 and C1 control characters (a multi-line text keeps its tabs and line breaks, as "\n"), the
Unicode line and paragraph separators (a line break in multi-line text, a space otherwise), lone
surrogates (no encoding can store them) and the non-characters U+FFFE and U+FFFF. So that an Atom feed
stays well-formed XML, a mail header stays deliverable and PostgreSQL can store every text.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile("[\u2028\u2029]")
_NEWLINES = re.compile(r"\r\n?")
_BREAKS = re.compile(r"[\t\r\n]+")
# C0 controls but tab and line feed, DEL and C1 controls, lone surrogates, U+FFFE and U+FFFF.
_UNWANTED_IN_PARAGRAPHS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNWANTED_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_paragraphs(text: str) -> str:
    """Multi-line text: line breaks as "\\n", tabs kept, every other control character removed."""
    text = _SEPARATORS.sub("\n", _NEWLINES.sub("\n", text))
    return _UNWANTED_IN_PARAGRAPHS.sub("", text)


def clean_line(text: str) -> str:
    """One line (a name, a title, a mail subject): line breaks and tabs become spaces, controls go."""
    text = _SEPARATORS.sub(" ", _BREAKS.sub(" ", text))
    return _UNWANTED_IN_A_LINE.sub("", text)
