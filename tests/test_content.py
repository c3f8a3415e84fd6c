"""The rebuilt guidance as a reader finds it: families, counts, structure, safety first, perspectives."""

from __future__ import annotations

import re

import pytest

from macros.rendering import page_url


def url(handbook, card_id: str) -> str:
    return page_url(handbook.paths[card_id])


def article(page, handbook, card_id: str):
    return page(url(handbook, card_id)).select_one("article")


@pytest.mark.parametrize(
    ("card_type", "minimum"),
    [
        ("principe", 8),
        ("gesprekshulp", 2),
        ("vraagstuk", 3),
        ("interventie", 20),
        ("tip", 1),
        ("les", 10),
        ("casus", 4),
        ("achtergrond", 9),
    ],
)
def test_each_family_has_its_cards_listed_on_its_index(page, handbook, card_type: str, minimum: int) -> None:
    cards = handbook.select(type=card_type)
    assert len(cards) >= minimum
    family = handbook.type_of(cards[0]).family
    grid_links = {a["href"] for a in page(f"{family}/").select("article .grid a")}
    for card in cards:
        assert f"{card.id}/" in grid_links, f"{card.id} is not listed on {family}/ (orphaned)"


def test_every_card_names_an_existing_source(page, handbook) -> None:
    sources = page("over/bronnen/")
    for card_id, card in handbook.cards.items():
        head = article(page, handbook, card_id).select_one(".wk-kaartkop")
        for key in card.sources:
            link = head.find("a", href=re.compile(f"#bron-{key}$"))
            assert link is not None, f"{card_id}: source {key} not named in the header"
            assert sources.find(id=f"bron-{key}") is not None


def test_the_three_questions_have_their_full_structure(page, handbook) -> None:
    expected_links = {
        "veilig-genoeg": ["dwangmaatregelen", "uithuisplaatsing", "zorg-en-veiligheidshuis"],
        "wat-is-er-aan-de-hand": [
            "geweld-na-scheiding",
            "intieme-terreur",
            "contactverlies",
            "masic",
            "verklarende-analyse",
            "top3",
        ],
        "werken-aan-herstel": [
            "mediation",
            "mda-plus-plus",
            "parallel-ouderschap",
            "neutraal-herformuleren",
            "meervoudige-partijdigheid",
            "traumasensitief-werken",
            "presentiebenadering",
            "motiverende-gespreksvoering",
        ],
    }
    for card_id, instruments in expected_links.items():
        body = article(page, handbook, card_id)
        for anchor in [
            "vraagstuk",
            "botsende-beelden",
            "van-botsen-naar-verbinden",
            "inzichten-en-instrumenten",
            "lees-meer",
        ]:
            assert body.find(id=anchor), f"{card_id}: section #{anchor} missing"
        assert body.select("blockquote"), f"{card_id}: the professionals' quotes are missing"
        section = body.find(id="inzichten-en-instrumenten").find_next_sibling()
        hrefs = " ".join(a["href"] for a in body.select("a[href]"))
        for instrument in instruments:
            assert f"/{instrument}/" in hrefs, f"{card_id}: no link to {instrument}"
        assert section is not None
        assert "leo-en-nora" in hrefs, f"{card_id}: does not refer back to the running case"


def test_all_fourteen_tips_and_the_human_measure_are_there(page, handbook) -> None:
    body = article(page, handbook, "tips-van-simone")
    for n in range(1, 15):
        assert body.find(id=f"tip-{n}"), f"tip {n} missing"
    assert body.find(id="menselijke-maat")
    assert "Ervaringsverhaal" in body.get_text(), "the tips are not labelled as a parent's experience story"


def test_every_intervention_opens_with_safety_and_lists_the_sources_cautions(page, handbook) -> None:
    for card in handbook.select(type="interventie"):
        body = article(page, handbook, card.id)
        titles = [t.get_text(strip=True) for t in body.select(".admonition-title")]
        assert "Eerst: is het veilig genoeg?" in titles, f"{card.id}: no safety question first"
        if card.cautions:
            assert "Let op" in titles, f"{card.id}: cautions declared but not shown"
            shown = body.find("p", string="Let op").find_parent(class_="admonition").get_text(" ")
            for caution in card.cautions:
                assert caution.text[:40] in " ".join(shown.split()), f"{card.id}: caution not shown"


@pytest.mark.parametrize(
    ("card_id", "needles"),
    [
        ("mediation", ["risico-inschatting", "gelijkwaardigheid", "gespreksonderwerpen"]),
        ("mda-plus-plus", ["intieme terreur"]),
        ("verklarende-analyse", ["intieme terreur", "stalking"]),
        ("uithuisplaatsing", ["traumatiserend"]),
    ],
)
def test_contra_indications_from_the_sources_are_declared(handbook, card_id: str, needles: list[str]) -> None:
    cautions = " ".join(c.text for c in handbook.cards[card_id].cautions).lower()
    for needle in needles:
        assert needle in cautions, f"{card_id}: caution about '{needle}' missing"


def test_contact_loss_states_the_three_conditions(page, handbook) -> None:
    body = article(page, handbook, "contactverlies")
    conditions = body.find(id="uiterste-gevallen").find_next("ol").find_all("li")
    assert len(conditions) == 3


@pytest.mark.parametrize(
    ("card_id", "label"),
    [("tips-van-simone", "ervaringsverhaal"), ("wat-viel-op", "praktijkverslag"), ("leernetwerk", "nieuwsartikel")],
)
def test_perspectives_are_labelled(page, handbook, card_id: str, label: str) -> None:
    titles = [t.get_text(strip=True).lower() for t in article(page, handbook, card_id).select(".admonition-title")]
    assert any(label in t for t in titles), f"{card_id}: no '{label}' label in {titles}"


def test_home_leads_by_question_family_and_role(page, handbook) -> None:
    home = page("")
    hrefs = [a["href"] for a in home.select("article a[href]")]
    for card in handbook.select(type="vraagstuk"):
        assert url(handbook, card.id) in hrefs
    for family in handbook.family_registry.families:
        assert f"{family.id}/" in hrefs
    roles = page("rollen/")
    for role in handbook.roles:
        assert f"rollen/#{role.id}" in hrefs
        section = roles.find(id=role.id)
        assert section is not None and section.find_next("ul").select("a"), f"role {role.id} lists no cards"


def test_cards_show_related_cards_and_case_moments(page, handbook) -> None:
    for card_id, card in handbook.cards.items():
        body = article(page, handbook, card_id)
        if handbook.related_to(card):
            assert body.find(id="samenhang"), f"{card_id}: related cards not shown"
        if handbook.moments_for(card):
            assert body.find(id="in-de-praktijk"), f"{card_id}: case moments not shown"
    assert len([c for c in handbook.cards.values() if handbook.moments_for(c)]) >= 10


def test_abbreviations_show_their_meaning_on_hover(page, handbook) -> None:
    abbrs = {a.get_text(): a["title"] for a in article(page, handbook, "zorg-en-veiligheidshuis").select("abbr")}
    assert "ZVH" in abbrs and "Zorg- en Veiligheidshuis" in abbrs["ZVH"]
    glossary = page("over/begrippen/").select("article dl dt")
    assert len(glossary) >= 25
