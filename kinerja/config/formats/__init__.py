"""Kinerja's changes to Django's locale formats (FORMAT_MODULE_PATH).

A browser's date and time inputs (`type="date"`, `type="time"`) take and give ISO values
whatever the language, and Django renders a field's value with the first input format of the
language: ISO comes first here, so a date already chosen stays shown. The language's own formats
are still accepted after it, for typed text.
"""
