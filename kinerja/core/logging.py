"""Keep personal data out of log files: NIP/NIK-like numbers and phone numbers are masked."""

import logging
import re

_LONG_DIGITS = re.compile(r"(?<!\d)(\d{4})\d{8,}(\d{2})(?!\d)")
_PHONE = re.compile(r"(?<!\d)(\+62|62|0)8\d{7,11}(?!\d)")


def redact(text: str) -> str:
    text = _PHONE.sub("[telepon]", text)
    return _LONG_DIGITS.sub(r"\1********\2", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
