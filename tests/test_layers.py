"""The import structure drawn from the code itself (every import, those inside
functions included): no cycle, no upward import.  The contracts are in
``.importlinter``; this runs them in the suite, so a new upward import or cycle
fails here, with import-linter's report of where."""
from __future__ import annotations

import configparser
import os
import subprocess
import sys

from app import DOMAINS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = os.path.join(ROOT, ".importlinter")


def test_import_contracts_are_kept():
    lint = os.path.join(os.path.dirname(sys.executable), "lint-imports")
    run = subprocess.run([lint, CONFIG, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


def test_every_domain_sits_in_a_layer():
    parser = configparser.ConfigParser()
    parser.read(CONFIG)
    layers = parser["importlinter:contract:layers"]["layers"]
    packages = {name.strip() for line in layers.splitlines() for name in line.replace(":", "|").split("|")
                if name.strip()}
    outside = [d for d in DOMAINS if not any(d == p or d.startswith(p + ".") for p in packages)]
    assert outside == [], "add these to a layer of .importlinter"


def test_tests_share_helpers_through_fixture_modules_only():
    """A test module imports fixture modules (conftest, factories, fixtures, races,
    web, role_matrix …), never another test module."""
    import pathlib
    import re

    offenders = []
    for path in sorted(pathlib.Path(ROOT, "tests").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(from|import)\s+tests(\.\w+)*\.test_\w+", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
