"""Reference and demo data loaders (idempotent)."""


def load_demo():
    from seeds.demo import load_demo as _load

    return _load()
