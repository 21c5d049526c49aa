"""Names of files that clients upload: the one place that decides what may be kept and shown.

A client chooses the name of an uploaded file. Stored as sent, a name can carry a path
("../../etc/passwd"), hide as a dot-file, break a log line or a Content-Disposition header with a
newline or NUL, or disguise its extension with bidirectional controls (the right-to-left
override shows "invoice\u202efdp.exe" as "invoiceexe.pdf"). Every upload path cleans the name
here before storing, checking or showing it.
"""

from __future__ import annotations

import re
import unicodedata

# Control (Cc) and format (Cf: bidi overrides and isolates, LRM/RLM, zero-width characters),
# surrogates, and the line and paragraph separators: invisible or harmful in a name.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Characters Windows refuses in a file name; a downloaded file must still be savable there.
_RESERVED = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")
# An extension worth keeping when the name is cut: a dot and a few letters or digits.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")

DEFAULT_NAME = "file"


def clean_filename(raw: str | None, *, max_length: int = 255, default: str = DEFAULT_NAME) -> str:
    """The name to store and show for an uploaded file called `raw` by the client.

    Only the last path component is kept; control, format and bidirectional characters are
    removed; runs of white space become one space; reserved characters become "_"; leading
    dots and surrounding spaces and dots go. A name longer than `max_length` characters is cut
    in its stem so that its extension stays. A name with nothing left becomes `default`.
    """
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _RESERVED.sub("_", _SPACES.sub(" ", text))
    text = text.lstrip(". ").rstrip(". ")
    if len(text) > max_length:
        text = _shorten(text, max_length)
    return text or default


def _shorten(text: str, max_length: int) -> str:
    match = _EXTENSION.search(text)
    extension = match.group(0) if match and len(match.group(0)) < max_length else ""
    stem = text[: len(text) - len(extension)][: max_length - len(extension)].rstrip(". ")
    if not stem:
        return text[:max_length].rstrip(". ")
    return stem + extension
