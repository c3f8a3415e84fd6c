"""The benchmark: build time, scale, page weight, Lighthouse and PDFs, printed next to their targets.

Figures come from here, never from timed tests. Everything runs on copies in a temporary folder;
the project itself is not touched. Results are printed as a table and written as JSON. Both
builders are measured side by side: MkDocs with Material (the default) and Zensical (`make
build-zensical` installs it); without Zensical installed its columns are left out, and say so.

Usage: python scripts/bench.py [--runs 5] [--scales 1,10,30] [--lighthouse-runs 3] [--skip-lighthouse]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import DUMP_MARKDOWN  # noqa: E402
from macros.addresses import code_number  # noqa: E402
from scripts.browser import CHROMIUM_ARGS, chromium_path, desktop_chromium_path, free_port, serve  # noqa: E402
from scripts.build import ZENSICAL, build_pages, index_search  # noqa: E402
from scripts.built_site import reader_pages  # noqa: E402
from scripts.nginx import serve_nginx  # noqa: E402
from scripts.project import BUILD_ENV, copy_project  # noqa: E402

ENV = BUILD_ENV
LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22; this machine has Node 20
#: The pages measured: home, a typical card, a checklist and the largest page (A14).
PAGES = {
    "home": "",
    "card": "partnerschap/respecteer-ouders/",
    "checklist": "checklists/na-een-gesprek/",
    "largest": "achtergrond/welke-aanpak-past/",
}
#: The link followed from each for "next page".
FOLLOWING = {
    "home": "partnerschap/",
    "card": "partnerschap/persoon-niet-mishandeling/",
    "checklist": "checklists/",
    "largest": "achtergrond/intieme-terreur/",
}

TARGETS = {
    "build_ratio": "≤ 1.15 × stock Material",
    "build_per_page_flat": "within 20 % from 1× to 30×",
    "html_per_page_flat": "30× within 10 % of 1×",
    "first_visit_card": "card ≤ 80 KB (gzip on the fly), largest page ≤ 100 KB, card ≤ 60 KB (nginx shipped)",
    "following_page": "≤ 15 KB",
    "search_ms": "first results ≤ 1000 ms at 4× CPU slowdown",
    "lighthouse_mobile": "performance ≥ 98, accessibility, best practices and SEO 100",
}


# -- helpers ----------------------------------------------------------------------------------


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None, config: str = "mkdocs.yml") -> float:
    """Seconds for a strict MkDocs page build of `project` (scripts/build.py's own page step)."""
    started = time.perf_counter()
    build_pages(project, site, env=env, config=config, quiet=True)
    return time.perf_counter() - started


def zensical_build(project: Path, site: Path) -> float:
    """Seconds for a clean Zensical page build of a copy (scripts/build.py's own page step)."""
    started = time.perf_counter()
    build_pages(project, site, "zensical", quiet=True)
    return time.perf_counter() - started


BUILDERS: dict[str, Callable[[Path, Path], float]] = {"mkdocs": mkdocs_build, "zensical": zensical_build}


def builders() -> list[str]:
    return ["mkdocs", "zensical"] if ZENSICAL.exists() else ["mkdocs"]


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


# -- build: ours against stock Material ---------------------------------------------------------


def stock_project(ours: Path, target: Path) -> Path:
    """The same Markdown (macros rendered once) built by stock Material: no macros, no overrides."""
    dump = target / "docs"
    mkdocs_build(ours, target / "site-ours", env={**ENV, DUMP_MARKDOWN: str(dump)})
    for asset in (ours / "docs" / "assets").rglob("*"):
        if asset.is_file():
            out = dump / asset.relative_to(ours / "docs")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, out)
    config = yaml.load((ours / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    config["theme"].pop("custom_dir", None)
    config["theme"]["language"] = "nl"  # our "custom" language lives in overrides/, which stock does not have
    config["plugins"] = [{"search": {"lang": "nl"}}]
    config.pop("extra_javascript", None)
    config["nav"] = _expanded_nav(ours)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV` tags as their default value."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV [NAME, default]` → the default; a bare `!ENV NAME` → None."""
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1]
    return None


_PermissiveLoader.add_constructor("!ENV", _env_default)


def _expanded_nav(project: Path) -> list[Any]:
    sys.path.insert(0, str(project))
    from macros.navigation import expand_nav
    from macros.validation import load_handbook

    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    return expand_nav(config["nav"], load_handbook(project / "docs"))


def bench_build(work: Path, runs: int) -> dict[str, Any]:
    ours = copy_project(work / "ours")
    stock = stock_project(ours, work / "stock")
    times: dict[str, list[float]] = {"ours": [], "stock": [], "zensical": []}
    for _ in range(runs):  # alternate, so all see the same machine load
        times["ours"].append(mkdocs_build(ours, work / "site-ours"))
        times["stock"].append(mkdocs_build(stock, work / "site-stock"))
        if "zensical" in builders():
            times["zensical"].append(zensical_build(ours, work / "site-zensical"))
    ours_s, stock_s = statistics.median(times["ours"]), statistics.median(times["stock"])
    zensical_s = statistics.median(times["zensical"]) if times["zensical"] else None
    return {"ours_s": ours_s, "stock_s": stock_s, "ratio": ours_s / stock_s, "zensical_s": zensical_s, "runs": runs}


# -- scale --------------------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The handbook's own strict front-matter reader (a copy of a broken card stops here, not in MkDocs)."""
    from macros.loading import split_front_matter

    meta, body, _ = split_front_matter(text, "bench copy")
    return meta, body


def _card_folders(project: Path) -> list[str]:
    """The folders that hold cards, as the family registry names them (not a list kept here)."""
    registry = yaml.safe_load((project / "docs" / "_data" / "families.yml").read_text(encoding="utf-8"))
    return sorted({card_type["family"] for card_type in registry["types"].values()})


def replicate(project: Path, factor: int) -> None:
    """Add (factor - 1) synthetic copies of every card and checklist, with their own ids and codes."""
    docs = project / "docs"
    cards = [p for p in docs.rglob("*.md") if "card:" in p.read_text(encoding="utf-8")[:20]]
    checklists = sorted((docs / "checklists").glob("*.md"))
    checklists = [p for p in checklists if p.name != "index.md"]
    top: dict[str, int] = {}
    codes = [_front_matter(path.read_text(encoding="utf-8"))[0]["card"]["code"] for path in cards]
    # Old codes of cards that moved stay taken (their short links redirect): copies number past them.
    moved = yaml.safe_load((docs / "_data" / "verhuisd.yml").read_text(encoding="utf-8"))["moved"] or {}
    codes += [old[2:-3].upper() for old in moved if old.startswith("k/")]
    for code in codes:
        prefix = code.rstrip("0123456789")
        top[prefix] = max(top.get(prefix, 0), code_number(code))
    highest_checklist = max(
        code_number(_front_matter(path.read_text(encoding="utf-8"))[0]["checklist"]["code"]) for path in checklists
    )
    for copy in range(1, factor):
        for path in cards:
            meta, body = _front_matter(path.read_text(encoding="utf-8"))
            card = meta["card"]
            prefix = card["code"].rstrip("0123456789")
            card["id"] = f"{card['id']}-x{copy}"
            card["code"] = f"{prefix}{code_number(card['code']) + top[prefix] * copy}"
            card.pop("moments", None)  # moment anchors stay on the original case
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
            (path.parent / f"{card['id']}.md").write_text(text, encoding="utf-8")
        for path in checklists:
            meta, body = _front_matter(path.read_text(encoding="utf-8"))
            checklist = meta["checklist"]
            checklist["id"] = f"{checklist['id']}-x{copy}"
            checklist["code"] = f"CL{code_number(checklist['code']) + highest_checklist * copy}"
            checklist["items"] = [f"{ref.split('/')[0]}-x{copy}/{ref.split('/')[1]}" for ref in checklist["items"]]
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
            (path.parent / f"{checklist['id']}.md").write_text(text, encoding="utf-8")


def bench_scale(work: Path, scales: list[int], builder: str = "mkdocs") -> list[dict[str, Any]]:
    rows = []
    for factor in scales:
        project = work / f"scale-{factor}"
        if not project.exists():
            copy_project(project)
            replicate(project, factor)
        site = work / f"scale-{factor}-site-{builder}"
        seconds = BUILDERS[builder](project, site)
        pages = reader_pages(site)
        folders = "|".join(map(re.escape, _card_folders(project)))
        card_pages = [p for p in pages if re.search(rf"/({folders})/[^/]+/index", str(p))]
        sizes = [p.stat().st_size for p in card_pages]
        rows.append(
            {
                "factor": factor,
                "pages": len(pages),
                "build_s": seconds,
                "s_per_page": seconds / len(pages),
                "card_html_median_bytes": statistics.median(sizes),
                "all_html_mean_bytes": statistics.mean(p.stat().st_size for p in pages),
                "search_index_bytes": _search_index_bytes(site, project),
            }
        )
    return rows


def _search_index_bytes(site: Path, project: Path) -> int:
    """The size of the search index a reader may fetch from (Pagefind's, as `make build` writes it)."""
    index_search(site, project)
    return sum(file.stat().st_size for file in (site / "pagefind").rglob("*") if file.is_file())


# -- weight, Lighthouse, PDFs -------------------------------------------------------------------


#: What GitHub Pages sends: a short cache lifetime, so the next page reuses CSS and JS.
HOST_HEADERS = {"Cache-Control": "max-age=600"}
#: The host set-ups the README names, each a real server Chromium loads the pages from: a host that
#: gzips on the fly (GitHub Pages, level 6), one that compresses with Brotli on the fly (quality 5 stands
#: for hosts that offer it and choose their own level), and nginx as we ship it (the build's .br copies).
#: The last is the same nginx over HTTPS and HTTP/2, as a production host serves: there the headers
#: repeated on every response (the security policy) are compressed (HPACK), over HTTP/1.1 they are not.
HOSTS = ("gzip on the fly", "Brotli on the fly", "nginx (shipped)", "nginx (shipped), HTTP/2")
#: A query a reader types once search is open, and the CPU slowdown of Lighthouse's mobile profile.
SEARCH_QUERY = "intieme terreur"
CPU_SLOWDOWN = 4
#: Type the query into the open search field and wait until the panel lists its results (zoeken.js
#: marks the list with the query it answers): milliseconds from the first key to the results.
TIME_SEARCH = """async query => {
  const field = document.querySelector("input.md-search__input");
  const list = document.getElementById("wk-zoekresultaten");
  const started = performance.now();
  field.value = query;
  field.dispatchEvent(new Event("input"));
  await new Promise(done => {
    const check = () => list.getAttribute("data-wk-zoekterm") === query && list.children.length ? done() : 0;
    new MutationObserver(check).observe(list, { attributes: true, childList: true });
    check();
  });
  return performance.now() - started;
}"""


BUILD = [sys.executable, str(ROOT / "scripts" / "build.py")]


def site_for_port(work: Path, port: int, builder: str, scheme: str = "http") -> Path:
    """The site built for the address it is served from, as in production, with `make build`'s steps.

    Material's instant navigation only follows links listed in sitemap.xml, which holds
    `site_url` addresses; a site built for another origin loads every page in full.
    """
    site = work / f"site-{builder}-{scheme}-{port}"
    run = subprocess.run(
        [*BUILD, "--project", str(work / "ours"), "--site", str(site), "--no-pdf", "--builder", builder],
        env={**ENV, "SITE_URL": f"{scheme}://127.0.0.1:{port}/werkkaarten/"},
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"build for the benchmark failed:\n{run.stdout}{run.stderr}")
    return site


@contextlib.contextmanager
def _host(site: Path, setup: str, port: int) -> Iterator[str]:
    if setup.startswith("nginx"):
        with serve_nginx(site, port=port, tls=setup.endswith("HTTP/2")) as base:
            yield base
    else:
        with serve(
            site, headers=HOST_HEADERS, compress="gzip" if setup.startswith("gzip") else "br", port=port
        ) as base:
            yield base


class _Traffic:
    """Chromium's own accounting of what a page and its workers received (Playwright's request sizes):
    per finished same-origin request, the compressed body and the response headers. Requests from
    Pagefind's worker count too (a CDP session on the page alone would miss them).

    It also knows when the network is quiet: Chromium's own signal for that ("networkidle") sometimes
    never comes on a slowed-down CPU, with no request open (seen on 5 December 2026 in the search timing,
    in two of three benchmark runs), so requests in flight are counted here.
    """

    def __init__(self, context: Any, origin: str) -> None:
        self.origin = origin
        self.finished: list[tuple[str, int, int]] = []
        self.in_flight = 0
        self.last_change = time.monotonic()
        context.on("request", self._started)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._ended)

    def _started(self, request: Any) -> None:
        self.in_flight += 1
        self.last_change = time.monotonic()

    def _ended(self, request: Any) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def _finished(self, request: Any) -> None:
        self._ended(request)
        if request.url.startswith(self.origin):
            sizes = request.sizes()
            self.finished.append((request.url, sizes["responseBodySize"], sizes["responseHeadersSize"]))

    def wait_quiet(self, page: Any, quiet_s: float = 1.0, limit_s: float = 60) -> None:
        """Wait until no request has been open for `quiet_s` seconds (the benchmark may wait; tests may not)."""
        deadline = time.monotonic() + limit_s
        while self.in_flight > 0 or time.monotonic() - self.last_change < quiet_s:
            if time.monotonic() > deadline:
                raise SystemExit(f"the network never went quiet: {self.in_flight} requests open after {limit_s:.0f} s")
            page.wait_for_timeout(100)  # lets Playwright deliver the request events meanwhile

    def take(self) -> dict[str, Any]:
        """What arrived since the last call: bytes with and without headers, requests, and the URLs."""
        taken, self.finished = self.finished, []
        return {
            "bytes": sum(body + head for _, body, head in taken),
            "body_bytes": sum(body for _, body, _ in taken),
            "requests": len(taken),
            "urls": [url.removeprefix(self.origin) for url, _, _ in taken],
        }


def bench_weight(work: Path, builder: str) -> dict[str, Any]:
    """What a reader downloads, as Chromium counts it, for each host set-up: the first visit of each page,
    the next page (a click), and the first search (opened, one query typed, results shown).

    Also how long the first results take on a CPU slowed down as Lighthouse's mobile profile does,
    from opening search to results (Pagefind loads then) and for a second query (median of 5 each).
    """
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    port, tls_port = free_port(), free_port()
    site = site_for_port(work, port, builder)
    tls_site = site_for_port(work, tls_port, builder, "https")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for setup in HOSTS:
            rows: dict[str, Any] = {}
            tls = setup.endswith("HTTP/2")
            with _host(tls_site if tls else site, setup, tls_port if tls else port) as base:
                origin = base.split("/werkkaarten/")[0]
                for name, path in PAGES.items():
                    context = browser.new_context(ignore_https_errors=tls)  # our self-signed certificate
                    page = context.new_page()
                    traffic = _Traffic(context, origin)
                    page.goto(base + path, wait_until="load")
                    traffic.wait_quiet(page)
                    first = traffic.take()
                    target = FOLLOWING[name].rstrip("/").split("/")[-1]
                    page.locator(f"article a[href$='{target}/']").first.click()
                    traffic.wait_quiet(page)
                    following = traffic.take()
                    page.locator("input.md-search__input").click()
                    page.evaluate(TIME_SEARCH, SEARCH_QUERY)
                    traffic.wait_quiet(page)
                    search = traffic.take()
                    context.close()
                    rows[name] = {"first": first, "following": following, "first_search": search}
                if setup == HOSTS[0]:
                    results["search_ms"] = _search_timing(browser, base)
            results[setup] = rows
        browser.close()
    return results


def _search_timing(browser: Any, base: str, runs: int = 5) -> dict[str, float]:
    """Median milliseconds to the first results, on a CPU slowed `CPU_SLOWDOWN` times: right after search
    opens (Pagefind, its WebAssembly and the index parts the query needs load first), then a next query."""
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        traffic = _Traffic(context, base)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(base + PAGES["card"], wait_until="load")
        traffic.wait_quiet(page)
        page.locator("input.md-search__input").click()
        cold.append(page.evaluate(TIME_SEARCH, SEARCH_QUERY))
        warm.append(page.evaluate(TIME_SEARCH, "veiligheidsplan"))
        context.close()
    return {"opened_then_typed": statistics.median(cold), "next_query": statistics.median(warm)}


def lighthouse_bin() -> Path:
    """Lighthouse from the npm registry, pinned, installed once into build/ (not the project's deps)."""
    prefix = ROOT / "build" / "lighthouse"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                str(prefix),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def bench_lighthouse(work: Path, runs: int) -> dict[str, Any]:
    """Lighthouse on the site as we ship it for production: nginx with the build's Brotli copies and
    security headers, over HTTPS and HTTP/2 (our self-signed certificate, which Chromium is told to accept)."""
    binary = lighthouse_bin()
    flags = " ".join(["--headless=new", "--ignore-certificate-errors", *CHROMIUM_ARGS])
    results: dict[str, Any] = {}
    port = free_port()
    site = site_for_port(work, port, "mkdocs", "https")
    with serve_nginx(site, port=port, tls=True) as base:
        for preset in ("mobile", "desktop"):
            for name, path in PAGES.items():
                scores: list[dict[str, float]] = []
                for run in range(runs):
                    out = work / f"lh-{preset}-{name}-{run}.json"
                    command = [str(binary), base + path, "--quiet", "--output=json", f"--output-path={out}"]
                    command += [
                        f"--chrome-flags={flags}",
                        "--only-categories=performance,accessibility,best-practices,seo",
                    ]
                    if preset == "desktop":
                        command.append("--preset=desktop")
                    subprocess.run(
                        command, check=True, env={**ENV, "CHROME_PATH": desktop_chromium_path()}, capture_output=True
                    )
                    report = json.loads(out.read_text(encoding="utf-8"))
                    audits, categories = report["audits"], report["categories"]
                    scores.append(
                        {
                            "performance": categories["performance"]["score"] * 100,
                            "accessibility": categories["accessibility"]["score"] * 100,
                            "best_practices": categories["best-practices"]["score"] * 100,
                            "seo": categories["seo"]["score"] * 100,
                            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
                            "tbt_ms": audits["total-blocking-time"]["numericValue"],
                            "cls": audits["cumulative-layout-shift"]["numericValue"],
                        }
                    )
                results[f"{preset}/{name}"] = {key: statistics.median(s[key] for s in scores) for key in scores[0]}
    return results


def bench_pdf(site: Path) -> dict[str, Any]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdfs.py"), "--site", str(site)], capture_output=True, text=True
    )
    if run.returncode != 0:
        raise SystemExit(run.stderr)
    count = len(list((site / "pdf").glob("*.pdf"))) - 1
    return {"seconds": time.perf_counter() - started, "checklists": count}


# -- report -------------------------------------------------------------------------------------


def _build_report(results: dict[str, Any]) -> list[str]:
    build = results["build"]
    zensical = f"{build['zensical_s']:.2f} s" if build["zensical_s"] is not None else "not installed"
    lines = [
        f"Clean build (median of {build['runs']}): MkDocs + Material (ours) {build['ours_s']:.2f} s, "
        f"stock Material {build['stock_s']:.2f} s, ratio {build['ratio']:.2f}   target {TARGETS['build_ratio']}",
        f"Clean build, Zensical: {zensical}",
    ]
    for builder, rows in results["scale"].items():
        lines += [
            "",
            f"{builder:<9} {'scale':>6} {'pages':>6} {'build s':>8} {'s/page':>8} {'card HTML':>11} {'mean HTML':>11}"
            f" {'search index':>13}",
        ]
        for row in rows:
            lines.append(
                f"{'':<9} {row['factor']:>5}× {row['pages']:>6} {row['build_s']:>8.2f} {row['s_per_page']:>8.4f} "
                f"{kb(row['card_html_median_bytes']):>11} {kb(row['all_html_mean_bytes']):>11}"
                f" {kb(row['search_index_bytes']):>13}"
            )
        first, last = rows[0], rows[-1]
        change = last["card_html_median_bytes"] / first["card_html_median_bytes"] - 1
        per_page = last["s_per_page"] / first["s_per_page"] - 1
        lines.append(
            f"{'':<9} {first['factor']}×→{last['factor']}×: build time per page {per_page:+.0%} "
            f"(target {TARGETS['build_per_page_flat']}), "
            f"card HTML {change:+.0%} (target {TARGETS['html_per_page_flat']})"
        )
    return lines


def report(results: dict[str, Any]) -> str:
    lines = ["Werkkaarten benchmark", "=" * 72, f"{results['date']}, machine: {results['machine']}", ""]
    if "build" in results:
        lines += _build_report(results)
    for builder, weight in results["weight"].items():
        lines += [
            "",
            f"Page weight, {builder}, as Chromium received it (headers included; bodies alone in brackets):",
            f"{'host set-up':<24} {'page':<10} {'first visit':>20} {'next page':>20} {'first search':>20}",
        ]
        for setup in HOSTS:
            for name, row in weight[setup].items():
                cells = [
                    f"{kb(row[part]['bytes'])} ({kb(row[part]['body_bytes'])})"
                    for part in ("first", "following", "first_search")
                ]
                lines.append(f"{setup:<24} {name:<10} " + " ".join(f"{cell:>20}" for cell in cells))
        card = weight[HOSTS[0]]["card"]["first"]["urls"]
        lines.append("card, first visit, requests: " + ", ".join(url.split("/")[-1] or url for url in card))
        timing = weight["search_ms"]
        lines.append(
            f"search at {CPU_SLOWDOWN}× CPU slowdown (median of 5): first results {timing['opened_then_typed']:.0f} ms"
            f" after opening, {timing['next_query']:.0f} ms for a next query"
        )
    lines.append(
        f"targets: first visit {TARGETS['first_visit_card']}; next page {TARGETS['following_page']}; "
        f"{TARGETS['search_ms']}"
    )
    if results.get("lighthouse"):
        lines += [
            "",
            f"{'Lighthouse (median)':<22} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP ms':>8}"
            f" {'TBT ms':>7} {'CLS':>6}",
        ]
        for name, row in results["lighthouse"].items():
            lines.append(
                f"{name:<22} {row['performance']:>5.0f} {row['accessibility']:>5.0f} {row['best_practices']:>5.0f} "
                f"{row['seo']:>5.0f} {row['lcp_ms']:>8.0f} {row['tbt_ms']:>7.0f} {row['cls']:>6.3f}"
            )
        lines.append(f"target (mobile): {TARGETS['lighthouse_mobile']}")
    if "pdf" in results:
        pdf = results["pdf"]
        lines += ["", f"PDF: {pdf['checklists']} checklists and the all-in-one PDF in {pdf['seconds']:.1f} s"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,10,30")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument(
        "--only-weight", action="store_true", help="page weight, search and Lighthouse only (no build timings)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args()

    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    with tempfile.TemporaryDirectory(prefix="werkkaarten-bench-") as tmp:
        work = Path(tmp)
        if args.only_weight:
            copy_project(work / "ours")
        else:
            results["build"] = bench_build(work, args.runs)
            scales = [int(s) for s in args.scales.split(",")]
            results["scale"] = {builder: bench_scale(work, scales, builder) for builder in builders()}
            site = work / "site-ours"
            mkdocs_build(work / "ours", site)
            results["pdf"] = bench_pdf(site)
        results["weight"] = {builder: bench_weight(work, builder) for builder in builders()}
        if not args.skip_lighthouse:
            results["lighthouse"] = bench_lighthouse(work, args.lighthouse_runs)
        text = report(results)
    print(text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
