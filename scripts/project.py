"""What it takes to build the project somewhere else: the benchmark and the tests build copies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from macros.addresses import printable
from macros.edition import Edition

ROOT = Path(__file__).resolve().parent.parent
#: Everything a copy of the project needs in order to build.
PROJECT_PARTS = ("docs", "overrides", "macros", "mkdocs.yml")
#: Silences Material's banner about MkDocs 2; we pin MkDocs 1.x.
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def copy_project(target: Path, docs: Path | None = None) -> Path:
    """A buildable copy of the project in `target`; `docs` replaces the handbook's content (a test fixture),
    so the handbook's own pages are not read at all."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = docs if docs is not None and part == "docs" else ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def site_url(project: Path = ROOT) -> str:
    """The published address (mkdocs.yml's site_url, from SITE_URL) as printed links write it (macros.addresses)."""
    from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !ENV tags as MkDocs does

    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        return printable(str(yaml_load(config)["site_url"]))


def edition(project: Path = ROOT) -> Edition:
    """Who publishes the edition the project builds (mkdocs.yml's extra.uitgave, from the environment)."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        return Edition.from_settings((yaml_load(config).get("extra") or {}).get("uitgave"))
