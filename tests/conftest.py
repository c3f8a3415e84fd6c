"""Shared fixtures: one real strict build of the site per test run, and the minimal fixture built as tests change it.

The suite runs on every core (pytest-xdist, `-n auto` in pyproject.toml). Each worker has its own
session fixtures, so a site that takes seconds to build is made by `once_per_run`: the first worker
to ask builds it under a file lock, the others wait and read the same files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.handbook import Handbook  # noqa: E402 - the project root must be on the path first
from macros.validation import load_handbook  # noqa: E402
from scripts.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from scripts.project import BUILD_ENV, copy_project  # noqa: E402

BUILD = [sys.executable, str(ROOT / "scripts" / "build.py")]
#: The address the test builds are published at: a placeholder, so a build for it is never published
#: (scripts/build.py --publish refuses it), but distinct from the local print server's address.
SITE_URL = "https://werkkaarten.example.org/werkkaarten/"
TEST_ENV = {**BUILD_ENV, "SITE_URL": SITE_URL}


#: Where the run's temporary files go when the reader has not chosen (TMPDIR): memory, if the machine has
#: a tmpfs with room. The suite writes some 40 projects and sites; on this project's 2-core CI machine
#: the disk made `make check` three times slower (122 s against 42 s on one core).
MEMORY_TMP = Path("/dev/shm")
MEMORY_TMP_ROOM = 4 * 1024**3


def pytest_configure(config: pytest.Config) -> None:
    """Put the run's temporary files (and those of every build and browser it starts) in memory.

    Set here, before xdist starts its workers, so they and their subprocesses inherit it.
    """
    if os.environ.get("TMPDIR") or config.option.basetemp or not MEMORY_TMP.is_dir():
        return
    room = shutil.disk_usage(MEMORY_TMP).free
    if room >= MEMORY_TMP_ROOM and os.access(MEMORY_TMP, os.W_OK):
        os.environ["TMPDIR"] = str(MEMORY_TMP)
        tempfile.tempdir = str(MEMORY_TMP)


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


#: A build for a bad-input case needs no PDFs and no compressed copies (a second each, times 200 builds).
QUICK = ["--no-pdf", "--no-compress"]


def build(project: Path, site: Path, pdfs: bool = False, *extra: str, env: dict[str, str] | None = None) -> BuildResult:
    """The same build as `make build` (scripts/build.py), in a separate process.

    A separate process also because Playwright's sync API cannot start inside the browser tests'
    own session (the PDF step uses it).
    """
    run = subprocess.run(
        [*BUILD, "--project", str(project), "--site", str(site), *([] if pdfs else QUICK), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env or TEST_ENV,
        timeout=600,
    )
    return BuildResult(run.returncode, run.stdout + run.stderr, site)


#: The makers started ahead of time in this worker (`start_once_per_run`), by name.
_STARTED: dict[str, threading.Thread] = {}


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """The run's folder, above each worker's own.

    Asked in the test's own thread, never first in a background one: pytest's first `getbasetemp()` in a
    worker empties the worker's folder, and a second first call racing it from another thread would empty
    it again while a fixture is being copied into it (the whole bad-input tier once failed that way).
    """
    root = factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


def _make_once(root: Path, name: str, make: Callable[[Path], None]) -> Path:
    """Fill the folder unless another worker has (or has failed to); a failure is recorded for the others."""
    target = root / "once" / name
    failed = target.with_name(f"{name}.failed")
    done = target.with_name(f"{name}.done")
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(target.with_name(f"{name}.lock")):
        if not done.exists() and not failed.exists():
            try:
                make(target)
            except BaseException as error:
                failed.write_text(str(error) or type(error).__name__, encoding="utf-8")
                raise
            done.touch()
    return target


def start_once_per_run(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> None:
    """Begin making it now, in a thread, while this worker goes on with tests that do not need it.

    The maker's work is a subprocess, so the thread holds no core; `once_per_run` waits for it. A failure
    is left to `once_per_run` to report, in the first test that needs the result.
    """

    root = _run_folder(factory)

    def run() -> None:
        with contextlib.suppress(BaseException):
            _make_once(root, name, make)

    if name not in _STARTED:
        _STARTED[name] = threading.Thread(target=run, name=f"make {name}", daemon=True)
        _STARTED[name].start()


def once_per_run(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `make` fills, made once per test run however many workers ask for it.

    A failure is recorded too, so a second worker reports it instead of building again.
    """
    if name in _STARTED:
        _STARTED[name].join()
    target = _make_once(_run_folder(factory), name, make)
    failed = target.with_name(f"{name}.failed")
    if failed.exists():
        pytest.fail(f"{name} could not be made (see the first failure):\n{failed.read_text(encoding='utf-8')}")
    return target


def built(project: Path, pdfs: bool = False, *extra: str, env: dict[str, str] | None = None) -> Callable[[Path], None]:
    """`once_per_run`'s maker for a build of `project` into the folder it is given; a failed build fails."""

    def make(site: Path) -> None:
        result = build(project, site, pdfs, *extra, env=env)
        assert result.returncode == 0, f"build of {project} failed:\n{result.output[-4000:]}"

    return make


#: The shared build of the handbook (see `site`), as the fixture and its early start both make it.
SHARED_BUILD = built(ROOT, True, "--no-compress")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the working tree as `make build` does: pages, exports, PDFs, headers;
    all but the compressed copies, a function of each file's bytes that `fixture_site` checks (every kind
    of file the handbook has, built by the same step): the handbook's copies cost 16 s of one core.

    WERKKAARTEN_TEST_SITE names a site built before (scripts/build.py with the tests' SITE_URL), so a
    developer can rerun browser tests without a new build; it is never set by `make test`.
    """
    prebuilt = os.environ.get("WERKKAARTEN_TEST_SITE")
    if prebuilt:
        path = Path(prebuilt).resolve()
        if not (path / "cards.json").is_file():
            pytest.fail(f"WERKKAARTEN_TEST_SITE={prebuilt} is not a built site (no cards.json)", pytrace=False)
        return path
    return once_per_run(tmp_path_factory, "site", SHARED_BUILD)


@pytest.fixture(scope="session", autouse=True)
def _start_the_site_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start the shared build with the run's first test when any test of the run reads the site.

    It is the longest single step (a minute, PDFs included): started in the background, it runs while the
    workers build the fixtures that do not need it and run the unit tests (see the order below).
    """
    if os.environ.get("WERKKAARTEN_TEST_SITE"):
        return
    if any("site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        start_once_per_run(tmp_path_factory, "site", SHARED_BUILD)


#: The five source texts (see its README); only the tests that compare the site with them need them.
SEEDS = (ROOT / os.environ.get("WERKKAARTEN_SEEDS", "../shared/seeds")).resolve()


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The source texts' folder; the test skips without it, or fails when WERKKAARTEN_REQUIRE_SEEDS=1."""
    found = sorted(path.name[:3] for path in SEEDS.glob("00[0-4]_*.txt")) if SEEDS.is_dir() else []
    if found != ["000", "001", "002", "003", "004"]:
        message = f"the five source texts (000_…txt to 004_…txt) are not all at {SEEDS} (set WERKKAARTEN_SEEDS)"
        if os.environ.get("WERKKAARTEN_REQUIRE_SEEDS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return SEEDS


@pytest.fixture(scope="session")
def handbook() -> Handbook:
    """The validated content model, as the macros see it."""
    return load_handbook(ROOT / "docs")


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


#: A handbook of three cards and one checklist: the real code, theme and settings around minimal content,
#: so a bad-input build takes a second, not a full handbook's build.
FIXTURE_DOCS = ROOT / "tests" / "fixture" / "docs"
FIXTURE_NAV = """nav:
  - Start: index.md
  - Kaarten:
      - partnerschap/index.md
      - interventies/index.md
  - checklists/index.md
  - Per rol: rollen.md
  - opleiders.md
  - lespakket.md
  - Over:
      - over/bronnen.md
      - over/begrippen.md
"""


def fixture_project(target: Path) -> Path:
    """A copy of the minimal fixture as a buildable project (the real mkdocs.yml with a small nav)."""
    copy_project(target, docs=FIXTURE_DOCS)
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config.split("# --- Navigation")[0] + FIXTURE_NAV, encoding="utf-8")
    return target


def fixture_built_once(
    factory: pytest.TempPathFactory,
    name: str,
    change: Callable[[Path], None] | None = None,
    pdfs: bool = False,
    env: dict[str, str] | None = None,
) -> Path:
    """The minimal fixture, changed by `change` when given, built by the real command line once per run
    into the folder `name`; its project lies beside it (`<name>-project`)."""

    def make(site: Path) -> None:
        project = fixture_project(site.with_name(f"{name}-project"))
        if change:
            change(project)
        built(project, pdfs, env=env)(site)

    return once_per_run(factory, name, make)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The minimal fixture built by the real command line with everything `make build` makes (PDFs,
    compressed copies, headers): (project, site)."""
    site = fixture_built_once(tmp_path_factory, "fixture-site", pdfs=True)
    return site.with_name("fixture-site-project"), site


@pytest.fixture(scope="session")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture built with an injection payload in every free-text field; the build must pass."""
    from payloads import apply

    return fixture_built_once(tmp_path_factory, "injected-site", apply)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium (Debian's) for every browser test of the run."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: Fixtures that make a test a build, browser or source test (see the markers in pyproject.toml).
TIER_FIXTURES = {
    "browser": {"browser", "open_page", "base_url", "static_host_url", "served", "offline_edition"},
    "build": {
        "site",
        "page",
        "injected_site",
        "published",
        "addressed_site",
        "page_urls",
        "edited_site",
        "changed_site",
        "zensical_site",
        "built_cases",
        "fixture_site",
    },
    "seeds": {"seeds"},
}


#: Fixtures that make their own build, not from the shared site: their tests go first, so the workers
#: make them while the shared site builds in the background.
OWN_BUILDS = {
    "addressed_site",
    "built_cases",
    "changed_site",
    "edited_site",
    "fixture_site",
    "injected_site",
    "zensical_site",
}
#: The longest tests on the shared site go first among those, so no worker is left with one at the end.
LONGEST = (
    "test_every_page_loads_clean_and_passes_axe_in_both_schemes",
    "test_linkchecker_finds_no_broken_internal_link",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its tier from the fixtures it uses; one that uses none of them is `unit`.

    Then order the run around the shared site's build, which starts in the background with the first
    test: first the tests whose fixtures build something else (each worker builds one while the site
    builds), then the unit tests, then the tests that read the site, the longest first.
    """

    def phase(item: pytest.Item) -> tuple[int, int]:
        used = set(getattr(item, "fixturenames", ()))
        if used & OWN_BUILDS:
            return (0, int("site" in used))  # those that also compare with the site last
        if item.get_closest_marker("unit"):
            return (1, 0)
        return (2, 0 if getattr(item, "originalname", item.name) in LONGEST else 1)

    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        tiers = [tier for tier, fixtures in TIER_FIXTURES.items() if used & fixtures]
        tiers += [mark.name for mark in item.iter_markers() if mark.name in TIER_FIXTURES and mark.name not in tiers]
        for tier in tiers or ["unit"]:
            item.add_marker(tier)
    items.sort(key=phase)  # stable: within a phase, the order pytest chose
