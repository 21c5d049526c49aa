"""Checking evidence files: allowed type by extension and by content, size, and SHA-256."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kinerja.core.files import clean_filename

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# The length of Evidence.original_name.
NAME_MAX_LENGTH = 255

# extension → (content type, check of the first bytes / of the zip members)
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
_OOXML_PART = {
    ALLOWED_TYPES[".xlsx"]: "xl/",
    ALLOWED_TYPES[".docx"]: "word/",
}


def max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    content_type: str
    size: int
    sha256: str


def _content_matches(uploaded, content_type: str) -> bool:
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if content_type in _MAGIC:
        return any(head.startswith(magic) for magic in _MAGIC[content_type])
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        uploaded.seek(0)
    part = _OOXML_PART[content_type]
    return "[Content_Types].xml" in names and any(name.startswith(part) for name in names)


def _refuse(message: str, code: str):
    raise ValidationError({"file": ValidationError(message, code=code)})


def check_evidence_file(uploaded) -> CheckedFile:
    """Validate an uploaded file (a Django File or UploadedFile) and compute its SHA-256.

    The extension decides the expected type and the first bytes must agree with it, so that a
    renamed executable or HTML page is refused whatever name or content type the browser sent.
    """
    name = clean_filename(uploaded.name, max_length=NAME_MAX_LENGTH)
    extension = PurePath(name).suffix.lower()
    allowed = ", ".join(sorted({e.lstrip(".").upper() for e in ALLOWED_TYPES} - {"JPEG"}))
    if extension not in ALLOWED_TYPES:
        _refuse(
            _("Only these file types are accepted: %(types)s.") % {"types": allowed}, "file_type"
        )
    limit = max_bytes()
    size = uploaded.size
    if size is None or size > limit:
        _refuse(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}, "file_size"
        )
    if size == 0:
        _refuse(_("The file is empty."), "file_empty")
    content_type = ALLOWED_TYPES[extension]
    if not _content_matches(uploaded, content_type):
        _refuse(
            _("The content of %(name)s is not a %(type)s file.")
            % {"name": name, "type": extension.lstrip(".").upper()},
            "file_content",
        )
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in (
        uploaded.chunks()
        if hasattr(uploaded, "chunks")
        else iter(lambda: uploaded.read(65536), b"")
    ):
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedFile(name, content_type, size, digest.hexdigest())
