"""Demo registrations (filled below)."""


def load():
    return None
