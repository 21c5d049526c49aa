import logging

from kinerja.core.logging import RedactPersonalData, redact


def test_nip_and_nik_numbers_are_masked_in_logs():
    assert "198503142010031001" not in redact("login failed for 198503142010031001")
    assert "3201234567890001" not in redact("NIK 3201234567890001")


def test_phone_numbers_are_masked_in_logs():
    assert redact("hubungi 081234567890 segera") == "hubungi [telepon] segera"
    assert redact("+6281234567890") == "[telepon]"


def test_the_filter_rewrites_the_record_message():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "user %s", ("198503142010031001",), None
    )
    assert RedactPersonalData().filter(record)
    assert "198503142010031001" not in record.getMessage()
