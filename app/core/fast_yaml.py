"""The OpenAPI operations of every REST API are read from YAML docstrings when the
app starts: Flask-AppBuilder and apispec call ``yaml.safe_load`` about 900 times,
and pure-Python PyYAML spends one to two seconds of every start-up (each gunicorn
worker, each test app) doing it.  libyaml's C parser reads the same YAML the same
way; this points those two modules, and only them, at it."""
from __future__ import annotations

import types

import yaml


def _safe_load(stream):
    return yaml.load(stream, Loader=yaml.CSafeLoader)


def install() -> None:
    if not getattr(yaml, "__with_libyaml__", False):
        return  # PyYAML built without libyaml: keep the pure-Python parser
    import apispec.yaml_utils
    import flask_appbuilder.api

    shim = types.SimpleNamespace(**{name: getattr(yaml, name) for name in dir(yaml) if not name.startswith("__")})
    shim.safe_load = _safe_load
    apispec.yaml_utils.yaml = shim
    flask_appbuilder.api.yaml = shim
