"""The NIP (Nomor Induk Pegawai) as people type it: the one spelling rule shared by logins
and the employee register (whose validity rules are in `kinerja.org.rules`)."""


def normalise_nip(raw: str) -> str:
    """Remove the spaces, dots and hyphens that people type or that spreadsheets keep."""
    return "".join(ch for ch in str(raw) if ch not in " .\t-")
