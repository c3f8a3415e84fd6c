"""Links that last: short links, the URL contract, cards.json, previews and review dates."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import SITE_URL, build, once_per_run

from macros.addresses import page_url, short_link_path
from scripts.project import copy_project
from scripts.url_contract import check, published_addresses, read_contract, resolve


def all_pages(handbook) -> list[tuple[str, str]]:
    """(code, page path) of every card and checklist."""
    pages = [(c.code, page_url(handbook.paths[c.id])) for c in handbook.ordered()]
    return pages + [(c.code, page_url(handbook.checklist_paths[c.id])) for c in handbook.ordered_checklists()]


def test_every_short_link_redirects_to_its_page(site: Path, handbook) -> None:
    for code, path in all_pages(handbook):
        short = short_link_path(code)
        assert (site / short / "index.html").is_file(), f"{short} missing"
        assert resolve(site, short) is None
        html = BeautifulSoup((site / short / "index.html").read_text(encoding="utf-8"), "lxml")
        target = re.search(r"url=(\S+)", html.find("meta", attrs={"http-equiv": "refresh"})["content"]).group(1)
        assert target == f"../../{path}", f"{short} → {target}, expected {path}"


def test_every_contract_address_resolves(site: Path) -> None:
    assert check(site) == []


def test_the_contract_lists_every_published_address(site: Path) -> None:
    missing = sorted(set(published_addresses(site)) - set(read_contract()))
    assert not missing, f"run 'make contract' to append new addresses: {missing[:10]}"


#: The changes of `edited_site`: P3's new title, and two changes recorded on P4 and P1 (newest last).
NEW_TITLE = ("partnerschap/keuzemogelijkheden.md", "title: Bied keuzemogelijkheden", "title: Laat ouders kiezen")
CHANGES = [
    ("partnerschap/kind-centraal.md", "2026-11-26", "26 november 2026", "P4", "Voorbeeld over wijn herschreven."),
    ("partnerschap/respecteer-ouders.md", "2026-11-27", "27 november 2026", "P1", "Voorbeeldvragen aangevuld."),
]
#: The card `edited_site` leaves past its review date.
AGED = "partnerschap/details-en-uitzonderingen.md"


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / "docs" / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An editor's day on a copy of the handbook, built once by the real command line: P3 renamed, the
    trainers' page moved with a redirect, P5 past its review date and two changes recorded. (site, output)"""

    def make(site: Path) -> None:
        project = copy_project(site.with_name("edited-project"))
        _edit(project, *NEW_TITLE)
        _move_trainers_page(project)
        _edit(project, AGED, "reviewed: 2026-11-25", "reviewed: 2020-01-01")
        for path, day, _, _, summary in CHANGES:
            change = f"  reviewed: {day}\n  changes:\n    - date: {day}\n      summary: {summary}\n"
            _edit(project, path, "  reviewed: 2026-11-25\n", change)
        # A new title is a change a reader must be told of (tests/test_content_lock.py); here only the
        # addresses count, so the copy starts with nothing recorded.
        (project / "docs/_data/vastgelegd.yml").write_text("recorded: {}\n", encoding="utf-8")
        result = build(project, site)
        assert result.returncode == 0, result.output
        site.with_name("edited-site.log").write_text(result.output, encoding="utf-8")

    site = once_per_run(tmp_path_factory, "edited-site", make)
    return site, site.with_name("edited-site.log").read_text(encoding="utf-8")


def test_renaming_a_title_changes_no_address(edited_site) -> None:
    """Red when: a page's address is made from its title (P3 would move to laat-ouders-kiezen/)."""
    site, _ = edited_site
    card = site / "partnerschap/keuzemogelijkheden/index.html"
    assert "Laat ouders kiezen" in card.read_text(encoding="utf-8")
    addresses = published_addresses(site)
    assert not [address for address in addresses if "laat-ouders-kiezen" in address]
    assert check(site) == []


def _move_trainers_page(project: Path) -> None:
    """The trainers' page moves; verhuisd.yml records it, so the build leaves a redirect behind."""
    (project / "docs/opleiders.md").rename(project / "docs/opleiders-en-docenten.md")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("- opleiders.md", "- opleiders-en-docenten.md"))
    moved = project / "docs/_data/verhuisd.yml"
    text = moved.read_text(encoding="utf-8").replace(
        "\nmoved:\n", "\nmoved:\n  opleiders.md: opleiders-en-docenten.md\n"
    )
    moved.write_text(text, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("(opleiders.md", "(opleiders-en-docenten.md"))
    # The editor updates every link (the build's link check would stop on the 404 page's), but an
    # address published before is still gone: only the contract sees that.
    not_found = project / "overrides/404.html"
    not_found.write_text(not_found.read_text(encoding="utf-8").replace("'opleiders/'", "'opleiders-en-docenten/'"))


def test_moving_a_page_without_a_redirect_breaks_the_contract(edited_site, tmp_path: Path) -> None:
    """The editor's day without the redirect: the same build less the redirect page at the old address
    (the build writes it from verhuisd.yml and nothing else). Red when: the contract check reads the
    addresses from the pages it finds instead of from the contract."""
    site, _ = edited_site
    moved = tmp_path / "site"
    shutil.copytree(site, moved, ignore=shutil.ignore_patterns("*.pdf", "*.gz", "*.br"))
    shutil.rmtree(moved / "opleiders")
    failures = check(moved)
    assert "opleiders/: no such page" in failures
    assert any(f.startswith("opleiders/#") for f in failures)


def test_moving_a_page_with_a_redirect_keeps_the_contract(edited_site) -> None:
    site, _ = edited_site
    assert (site / "opleiders-en-docenten" / "index.html").is_file()
    assert 'http-equiv="refresh"' in (site / "opleiders" / "index.html").read_text(encoding="utf-8")
    assert check(site) == []


def test_cards_json_validates_and_matches_the_site(site: Path, handbook) -> None:
    index = json.loads((site / "cards.json").read_text(encoding="utf-8"))
    schema = json.loads((site / index["$schema"]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(index)
    assert index["site"] == SITE_URL
    by_id = {item["id"]: item for item in index["items"] if item["kind"] == "card"}
    assert len(index["items"]) == len(handbook.cards) + len(handbook.checklists) + len(handbook.packs)
    for code, path in all_pages(handbook):
        item = next(i for i in index["items"] if i["code"] == code)
        assert item["url"] == SITE_URL + path
        assert item["short_url"] == SITE_URL + short_link_path(code)
        assert (site / path / "index.html").is_file()
        assert (site / "qr" / f"{code.lower()}.svg").is_file()
    for card in handbook.ordered():
        entry = by_id[card.id]
        assert entry["title"] == card.title and entry["sources"] == list(card.sources)
        assert entry["checklists"] == [c.id for c in handbook.checklists_for(card)]


def test_pages_carry_description_canonical_and_open_graph(page, handbook) -> None:
    for card in handbook.ordered():
        path = page_url(handbook.paths[card.id])
        head = page(path).head
        assert head.find("meta", attrs={"name": "description"})["content"] == card.summary
        assert head.find("link", rel="canonical")["href"] == SITE_URL + path
        assert head.find("meta", property="og:url")["content"] == SITE_URL + path
        assert head.find("meta", property="og:description")["content"] == card.summary
        assert head.title.get_text() == f"{card.title} · kaart {card.code} - Werkkaarten"


def test_sitemap_lists_pages_under_the_site_url(site: Path, handbook) -> None:
    sitemap = BeautifulSoup((site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    locs = {loc.get_text() for loc in sitemap.find_all("loc")}
    for _, path in all_pages(handbook):
        assert SITE_URL + path in locs


def test_a_card_past_its_review_date_warns_but_builds(edited_site) -> None:
    site, output = edited_site
    assert "details-en-uitzonderingen.md (P5) is past its review date" in output
    html = (site / "partnerschap/details-en-uitzonderingen/index.html").read_text(encoding="utf-8")
    assert "Deze kaart is toe aan herziening" in html


def test_changes_are_listed_by_date(edited_site) -> None:
    """Red when: the changes page lists an older date before a newer one."""
    site, _ = edited_site
    html = BeautifulSoup((site / "veranderd/index.html").read_text(encoding="utf-8"), "lxml")
    days = [h2["id"] for h2 in html.select("article h2[id]") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", h2["id"])]
    assert days == sorted(days, reverse=True), f"changes not newest first: {days}"
    assert days.index("2026-11-27") < days.index("2026-11-26"), days
    for _, day, dutch_day, code, summary in CHANGES:
        section = html.find(id=day)
        assert dutch_day in section.get_text(), day
        entries = section.find_next_sibling("ul").get_text(" ")
        assert code in entries and summary in entries, f"{day}: {entries}"
