"""Every message a user can read has a French translation."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.typography import problems

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def extracted_messages() -> set[str]:
    messages = set()
    for directory, method_map in (("pairjobs", [("**.py", "python")]),
                                  ("templates", [("**.html", "jinja2"), ("**.txt", "jinja2"),
                                                 ("**.xml", "jinja2")])):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / directory), method_map=method_map, keywords=KEYWORDS
        ):
            messages.add(message[0] if isinstance(message, tuple) else message)
    return messages


def test_every_message_is_translated_into_french():
    with (ROOT / "pairjobs/translations/fr/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    def complete(message) -> bool:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        return bool(forms) and all(forms) and not message.fuzzy

    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and complete(m)}
    missing = sorted(extracted_messages() - translated)
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing)


def test_the_french_catalogue_follows_french_typography():
    """Non-breaking spaces before : ; ? ! and inside « », "1er" — also in messages no test renders."""
    with (ROOT / "pairjobs/translations/fr/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    texts = [(str(m.id), form) for m in catalog if m.id
             for form in (m.string if isinstance(m.string, tuple) else (m.string,)) if form]
    faults = problems(texts)
    assert faults == [], "\n".join(faults)
