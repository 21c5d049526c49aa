import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]


def test_env_example_lists_every_variable_that_settings_read():
    settings_source = (PROJECT / "kinerja/config/settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings_source))
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", (PROJECT / ".env.example").read_text(), re.M))
    assert read, "no variables found in settings"
    assert read - listed == set()
