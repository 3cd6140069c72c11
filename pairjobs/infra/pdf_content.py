"""What a PDF may not carry to be stored as a certificate: active content (scripts, launch and other
actions that reach outside the document, embedded files, rich media, XFA forms), found by walking the
document's objects with pypdf (names are read decoded, so `/J#61vaScript` is `/JavaScript`)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

# Keys whose presence is active content, and the action types (/S) that run or reach outside. An
# /OpenAction or /AA that only shows a page is harmless; the actions they hold are checked like any other.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/GoToE",
                  "/Rendition", "/Sound", "/Movie"}
MAX_OBJECTS = 200_000  # a certificate has a few hundred; beyond, it is not one

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files are refused, not logged at length


class Unreadable(ValueError):
    """The file is not a PDF that can be checked (damaged, encrypted, or too large a graph)."""


def active_content(data: bytes) -> str | None:
    """The first active content found in the PDF (its key or action), or None when there is none.
    Raises Unreadable when the document cannot be read to the end."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Unreadable("encrypted")
        return _walk(reader.trailer)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise Unreadable(str(exc)) from None  # pypdf's errors, and ours (Unreadable is a ValueError)


def _walk(root: PdfObject) -> str | None:
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [root]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            resolved = item.get_object()
            if resolved is None:
                continue
            item = resolved
        visited += 1
        if visited > MAX_OBJECTS:
            raise Unreadable("too many objects")
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            for key, value in item.items():
                if key in ACTIVE_KEYS:
                    return str(key)
                if key == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    return str(value)
                if key != "/Parent":  # the page tree is reached from the root
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None
