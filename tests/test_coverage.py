"""Nothing of substance lost: every part of every source text maps to the cards that carry it.

The source map `docs/_data/herkomst.yml` (content data, checked at build) cuts each source text into
consecutive sections, each opening with a phrase quoted from the source (`starts`). The sections tile
the whole text, so no passage can go unmapped: each section names the card sections that carry it, or
says why it is noise (a cookie banner, an unrelated provider's list). A section may not be long, so a
coarse mapping cannot hide a gap.

The source texts live outside the repository: `../shared/seeds` from the repository root, or wherever
WERKKAARTEN_SEEDS points (a path relative to the repository root, or absolute). Only the tests that
read them skip when they are missing; with WERKKAARTEN_REQUIRE_SEEDS=1 (the publish workflow sets it) they fail instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.addresses import page_url
from scripts.built_site import reader_pages

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "docs" / "_data" / "herkomst.yml"
SOURCES = ["000", "001", "002", "003", "004"]
#: Longest section, in characters of normalised source text.
MAX_SECTION = 2600


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_text(seeds: Path, key: str) -> str:
    (path,) = seeds.glob(f"{key}_*.txt")
    return normalise(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, list[dict]]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["sources"]


def name(section: dict) -> str:
    """How a message names a section: its path in the source and the editors' description."""
    return " › ".join(section["path"]) + (f" ({section['description']})" if section.get("description") else "")


def card_ids(section: dict) -> list[str]:
    """The cards a section maps to (the map names card sections, `card-id#anchor`)."""
    return list(dict.fromkeys(ref.partition("#")[0] for ref in section.get("cards", [])))


def spans(seeds: Path, key: str, sections: list[dict]) -> list[tuple[int, int, dict]]:
    """(start, end, section) for each section; asserts the starts are found and in order."""
    text = seed_text(seeds, key)
    found, position = [], 0
    for section in sections:
        start = text.find(normalise(section["starts"]), position)
        assert start >= 0, f"{key}: '{section['starts']}' not found after position {position}"
        found.append(start)
        position = start + 1
    ends = [*found[1:], len(text)]
    return [(s, e, section) for s, e, section in zip(found, ends, sections, strict=True)]


@pytest.mark.parametrize("key", SOURCES)
def test_sections_tile_the_whole_source(seeds: Path, manifest, key: str) -> None:
    sections = manifest[key]
    tiles = spans(seeds, key, sections)
    assert tiles[0][0] == 0, f"{key}: the first section must start at the beginning of the text"
    for start, end, section in tiles:
        assert end - start <= MAX_SECTION, f"{key}: section '{name(section)}' is {end - start} chars; split it"


@pytest.mark.parametrize("key", SOURCES)
def test_every_section_names_existing_cards_or_is_marked_noise(manifest, handbook, key: str) -> None:
    for section in manifest[key]:
        cards, noise = card_ids(section), section.get("noise")
        assert bool(cards) != bool(noise), f"{key}: '{name(section)}' needs cards, or noise with a reason"
        for card_id in cards:
            assert card_id in handbook.cards, f"{key}: '{name(section)}' maps to unknown card '{card_id}'"
            assert key in handbook.cards[card_id].sources, (
                f"{key}: '{name(section)}' maps to '{card_id}', which does not name source {key}"
            )


def test_every_card_carries_some_section(manifest, handbook) -> None:
    mapped = {card for sections in manifest.values() for s in sections for card in card_ids(s)}
    assert not set(handbook.cards) - mapped, f"cards that carry no source section: {set(handbook.cards) - mapped}"


def test_every_quote_of_the_thematic_text_is_on_the_site(seeds: Path, site: Path) -> None:
    """The professionals' quotes ("botsende beelden") are kept word for word."""
    quotes = re.findall(r"“([^”]{8,})”", seed_text(seeds, "003"))
    assert len(quotes) >= 19  # the thematic text holds 19 such quotes
    articles = (BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").select_one("article") for p in reader_pages(site))
    pages = " ".join(normalise(article.get_text(" ")) for article in articles if article)
    pages = pages.replace("’", "'")
    missing = [q for q in quotes if normalise(q).replace("’", "'") not in pages]
    assert not missing, f"quotes missing from the site: {missing}"


#: (card, figure, the source it comes from): figures a reader may quote, each on the card that names its source.
FIGURES = [
    ("kenmerken-complexe-scheiding", "15-20 procent", "003"),
    ("kenmerken-complexe-scheiding", "3300 en 4400", "003"),
    ("kenmerken-complexe-scheiding", "86.000", "004"),
    ("kenmerken-complexe-scheiding", "10 tot 15 procent", "004"),
    ("uithuisplaatsing", "550", "003"),
    ("intieme-terreur", "één van de vijf", "003"),
    ("casussupport", "5 december 2022", "002"),
    ("casussupport", "2 jeugdbeschermers", "002"),
    ("casussupport", "4 professionals", "002"),
    ("workshop-complexe-scheiding", "10", "002"),
    ("veiligheidsbeoordeling", "zes op een schaal van tien", "003"),
]


def figure_pattern(figure: str) -> re.Pattern[str]:
    """The figure as a whole number: '10' does not match in '100', '2010', '10.5' or '1,10'."""
    return re.compile(r"(?<!\d)(?<!\d[.,])" + re.escape(figure) + r"(?!\d)(?![.,]\d)", re.IGNORECASE)


@pytest.mark.parametrize(("card_id", "figure", "source"), FIGURES)
def test_figures_are_kept_and_attributed(page, handbook, card_id: str, figure: str, source: str) -> None:
    """Red when: '10 consulenten' becomes '100 consulenten' on the card, or the card stops naming the source."""
    card = page(page_url(handbook.paths[card_id])).select_one("article")
    text = normalise(card.get_text(" ")).replace("–", "-")
    assert figure_pattern(figure).search(text), f"{card_id}: figure '{figure}' missing"
    assert source in handbook.cards[card_id].sources, f"{card_id}: does not name source {source} of '{figure}'"
    header = card.select_one(".wk-kaartkop")
    assert header.find("a", href=re.compile(f"#bron-{source}$")), f"{card_id}: source {source} not in the header"


@pytest.mark.parametrize(("card_id", "figure", "source"), FIGURES)
def test_figures_come_from_the_source_named(seeds: Path, card_id: str, figure: str, source: str) -> None:
    """Red when: FIGURES attributes a figure to a source that does not hold it (86.000 to 003 instead of 004)."""
    text = seed_text(seeds, source).replace("–", "-")
    assert figure_pattern(figure).search(text), f"{card_id}: '{figure}' is not in source {source}"
