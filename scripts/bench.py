"""The benchmark: build time, scale, page weight, Lighthouse and PDFs, printed next to their targets.

Figures come from here, never from timed tests. Everything runs on copies in a temporary folder;
the project itself is not touched. Results are printed as a table and written as JSON. Both
builders are measured side by side: MkDocs with Material (the default) and Zensical (`make
build-zensical` installs it); without Zensical installed its columns are left out, and say so.

Usage: python scripts/bench.py [--runs 5] [--scales 1,10,30] [--lighthouse-runs 3] [--skip-lighthouse]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import brotli
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import DUMP_MARKDOWN  # noqa: E402
from macros.addresses import code_number  # noqa: E402
from scripts.browser import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402
from scripts.build import ZENSICAL, build_pages  # noqa: E402
from scripts.built_site import reader_pages  # noqa: E402
from scripts.project import BUILD_ENV, copy_project  # noqa: E402

ENV = BUILD_ENV
LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22; this machine has Node 20
PAGES = {"home": "", "card": "partnerschap/respecteer-ouders/", "checklist": "checklists/na-een-gesprek/"}
FOLLOWING = {"home": "partnerschap/", "card": "partnerschap/persoon-niet-mishandeling/", "checklist": "checklists/"}

TARGETS = {
    "build_ratio": "≤ 1.15 × stock Material",
    "build_per_page_flat": "within 20 % from 1× to 30×",
    "html_per_page_flat": "30× within 10 % of 1×",
    "first_visit_card_gzip": "≤ 120 KB compressed",
    "following_page_gzip": "≤ 15 KB compressed",
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
                "search_index_bytes": _search_index(site).stat().st_size,
            }
        )
    return rows


# -- weight, Lighthouse, PDFs -------------------------------------------------------------------


#: What GitHub Pages sends: a short cache lifetime, so the next page reuses CSS, JS and the index.
HOST_HEADERS = {"Cache-Control": "max-age=600"}
#: The host set-ups the README names, and how each sends a file: our nginx configuration serves the
#: build's .br copy to browsers that accept Brotli (every browser over HTTPS) and its .gz copy to the
#: rest; a host that compresses on the fly sends gzip at level 6 (GitHub Pages) or Brotli at a
#: middle quality (hosts that offer Brotli choose their own level; 5 stands for them).
HOSTS = ("nginx (shipped): Brotli", "nginx (shipped): gzip", "Brotli on the fly", "gzip on the fly", "uncompressed")


def _sizes(file: Path) -> dict[str, int]:
    data = file.read_bytes()
    on_the_fly = len(gzip.compress(data, compresslevel=6, mtime=0))
    br, gz = file.with_name(file.name + ".br"), file.with_name(file.name + ".gz")
    return {
        HOSTS[0]: br.stat().st_size if br.exists() else on_the_fly,
        HOSTS[1]: gz.stat().st_size if gz.exists() else on_the_fly,
        HOSTS[2]: len(brotli.compress(data, quality=5)),
        HOSTS[3]: on_the_fly,
        HOSTS[4]: len(data),
    }


BUILD = [sys.executable, str(ROOT / "scripts" / "build.py")]


def site_for_port(work: Path, port: int, builder: str) -> Path:
    """The site built for the address it is served from, as in production, with `make build`'s steps.

    Material's instant navigation only follows links listed in sitemap.xml, which holds
    `site_url` addresses; a site built for another origin loads every page in full.
    """
    site = work / f"site-{builder}-{port}"
    run = subprocess.run(
        [*BUILD, "--project", str(work / "ours"), "--site", str(site), "--no-pdf", "--builder", builder],
        env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/werkkaarten/"},
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"build for the benchmark failed:\n{run.stdout}{run.stderr}")
    return site


def bench_weight(work: Path, builder: str) -> dict[str, Any]:
    """Bytes a reader downloads on a first visit and on the next page, for each host set-up.

    Chromium loads each page and follows one link; what it requests (and does not take from its
    cache) is counted with the size each host set-up sends for that file. HTTP headers are left out.
    """
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    port = free_port()
    site = site_for_port(work, port, builder)
    with serve(site, headers=HOST_HEADERS, port=port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            urls: dict[str, str] = {}
            loaded: list[str] = []
            cdp.on(
                "Network.responseReceived", lambda e, urls=urls: urls.__setitem__(e["requestId"], e["response"]["url"])
            )
            cdp.on(
                "Network.loadingFinished",
                lambda e, urls=urls, loaded=loaded: (
                    loaded.append(urls.get(e["requestId"], "")) if e["encodedDataLength"] > 0 else None
                ),
            )
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            first = list(loaded)
            loaded.clear()
            target = FOLLOWING[name].rstrip("/").split("/")[-1]
            page.locator(f"article a[href$='{target}/']").first.click()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            following = list(loaded)
            context.close()
            results[name] = {
                "first": _totals(site, base, first),
                "following": _totals(site, base, following),
                "first_requests": len(first),
                "following_urls": [u.removeprefix(base) for u in following],
                "first_by_type": _by_type(site, base, first),
            }
        browser.close()
    return results


def _file_of(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = url.removeprefix(base).split("?")[0].split("#")[0]
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return file if file.is_file() else None


def _totals(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    totals = dict.fromkeys(HOSTS, 0)
    for url in urls:
        if file := _file_of(site, base, url):
            for host, size in _sizes(file).items():
                totals[host] += size
    return totals


def _by_type(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    """The first visit by kind of file, as nginx (shipped) sends it with Brotli."""
    totals: dict[str, int] = {}
    for url in urls:
        if file := _file_of(site, base, url):
            kind = "search index" if file.name in ("search_index.json", "search.json") else file.suffix.lstrip(".")
            totals[kind] = totals.get(kind, 0) + _sizes(file)[HOSTS[0]]
    return totals


def _search_index(site: Path) -> Path:
    """Material writes search/search_index.json, Zensical search.json."""
    material = site / "search" / "search_index.json"
    return material if material.exists() else site / "search.json"


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
    binary = lighthouse_bin()
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    results: dict[str, Any] = {}
    port = free_port()
    site = site_for_port(work, port, "mkdocs")
    with serve(site, compress=True, headers=HOST_HEADERS, port=port) as base:
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
                        command, check=True, env={**ENV, "CHROME_PATH": chromium_path()}, capture_output=True
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


def report(results: dict[str, Any]) -> str:
    lines = ["Werkkaarten benchmark", "=" * 72, f"Machine: {results['machine']}", ""]
    build = results["build"]
    zensical = f"{build['zensical_s']:.2f} s" if build["zensical_s"] is not None else "not installed"
    lines += [
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
    for builder, weight in results["weight"].items():
        lines += ["", f"Page weight, {builder}: first visit / next page, by host set-up"]
        lines.append(f"{'page':<10} " + " ".join(f"{host:>24}" for host in HOSTS))
        for name, row in weight.items():
            cells = [f"{kb(row['first'][h])} / {kb(row['following'][h])}" for h in HOSTS]
            lines.append(f"{name:<10} " + " ".join(f"{cell:>24}" for cell in cells))
        card = weight["card"]["first_by_type"]
        lines.append(
            "card, first visit by type (Brotli): " + ", ".join(f"{k} {kb(v)}" for k, v in sorted(card.items()))
        )
    lines.append(
        f"targets: first visit card {TARGETS['first_visit_card_gzip']} (the README's host set-ups), "
        f"following page {TARGETS['following_page_gzip']}"
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
    pdf = results["pdf"]
    lines += ["", f"PDF: {pdf['checklists']} checklists and the all-in-one PDF in {pdf['seconds']:.1f} s"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,10,30")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args()

    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    with tempfile.TemporaryDirectory(prefix="werkkaarten-bench-") as tmp:
        work = Path(tmp)
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
