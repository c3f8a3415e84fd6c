"""Shared fixtures: one real strict build of the site per test run, and a way to build broken copies."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.handbook import Handbook  # noqa: E402 - the project root must be on the path first
from scripts.project import BUILD_ENV, copy_project  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def build(project: Path, site: Path) -> BuildResult:
    run = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        timeout=600,
    )
    return BuildResult(run.returncode, run.stdout + run.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict from the working tree, with its checklist PDFs."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, f"strict build failed:\n{result.output}"
    # A separate process: Playwright's sync API cannot start inside the browser tests' own session.
    pdfs = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "make_pdfs.py"),
            "--site",
            str(result.site),
            "--docs",
            str(ROOT / "docs"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pdfs.returncode == 0, f"PDFs failed:\n{pdfs.stdout}{pdfs.stderr}"
    return result.site


@pytest.fixture(scope="session")
def handbook() -> Handbook:
    """The validated content model, as the macros see it."""
    return Handbook.from_disk(ROOT / "docs")


@pytest.fixture(scope="session")
def page(site: Path) -> Callable[[str], BeautifulSoup]:
    """Parsed HTML of a built page by its URL path ('partnerschap/respecteer-ouders/')."""
    cache: dict[str, BeautifulSoup] = {}

    def load(url: str) -> BeautifulSoup:
        if url not in cache:
            path = site / url / "index.html" if not url.endswith(".html") else site / url
            cache[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        return cache[url]

    return load


@pytest.fixture
def broken_project(tmp_path: Path) -> Callable[[Callable[[Path], None]], BuildResult]:
    """Copy the project, apply one mutation, build it strictly and return the result."""

    def run(mutate: Callable[[Path], None]) -> BuildResult:
        project = copy_project(tmp_path / "project")
        mutate(project)
        return build(project, tmp_path / "site")

    return run
