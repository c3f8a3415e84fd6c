"""The rebuilt guidance as a reader finds it: families, counts, structure, safety first, perspectives."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import Tag

from macros.addresses import page_url

#: Any absolute base will do: links are resolved against it, then it is taken off again.
BASE = "https://site.invalid/"
#: The generated sections at the foot of a card, in the order the footer template writes them.
FOOTER = ("in-de-praktijk", "checklists", "samenhang", "bron")

#: The block a card opens with when one of its sources asks the safety question (003: "steeds").
SAFETY_TITLE = "Steeds: is het nog veilig genoeg?"


def url(handbook, card_id: str) -> str:
    return page_url(handbook.paths[card_id])


def article(page, handbook, card_id: str):
    return page(url(handbook, card_id)).select_one("article")


def words(text: str) -> str:
    return " ".join(text.split())


def target(from_url: str, href: str) -> str:
    """Where a link on the page at `from_url` leads, as a site path ('casussen/leo-en-nora/#meldingen')."""
    return urljoin(BASE + from_url, href).removeprefix(BASE)


def section(body: Tag, anchor: str) -> list[Tag]:
    """The elements of the section headed `#anchor`: its siblings up to the next h1/h2 (or the neighbours' nav)."""
    heading = body.find(id=anchor)
    assert heading is not None, f"section #{anchor} missing"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2", "nav"}:
            break
        parts.append(sibling)
    return parts


def before_footer(body: Tag) -> list[Tag]:
    """The card's own text: the article's elements before the first generated footer section."""
    parts = []
    for child in body.find_all(recursive=False):
        if child.get("id") in FOOTER:
            break
        parts.append(child)
    return parts


def link_targets(from_url: str, parts: list[Tag]) -> list[str]:
    return [target(from_url, a["href"]) for part in parts for a in part.select("a[href]")]


def listed_links(body: Tag, from_url: str, anchor: str) -> list[tuple[str, str]] | None:
    """(text, target) of each list link in the section `#anchor`; None when the page has no such section."""
    if body.find(id=anchor) is None:
        return None
    return [
        (words(a.get_text()), target(from_url, a["href"]))
        for part in section(body, anchor)
        for a in part.select("li a[href]")
    ]


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
    """Red when: a question card's 'Inzichten & instrumenten' or its text loses a link (the footer still has it)."""
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
        here = url(handbook, card_id)
        listed = {link.partition("#")[0] for link in link_targets(here, section(body, "inzichten-en-instrumenten"))}
        for instrument in instruments:
            assert url(handbook, instrument) in listed, f"{card_id}: no link to {instrument} under its instruments"
        case = url(handbook, "leo-en-nora")
        assert any(link.partition("#")[0] == case for link in link_targets(here, before_footer(body))), (
            f"{card_id}: the text does not refer back to the running case"
        )


def test_all_fourteen_tips_and_the_human_measure_are_there(page, handbook) -> None:
    """Red when: source 000 loses its experience-story notice (its kind has no caution)."""
    body = article(page, handbook, "tips-van-simone")
    for n in range(1, 15):
        assert body.find(id=f"tip-{n}"), f"tip {n} missing"
    assert body.find(id="menselijke-maat")
    notices = [t.get_text(strip=True) for t in body.select(".admonition-title, details > summary")]
    assert notices[:1] and notices[0].startswith("Perspectief: ervaringsverhaal"), (
        f"the tips are not labelled first as a parent's experience story: {notices[:1]}"
    )


#: Notices that may come before the safety question: the overdue warning and the perspective notices.
PREAMBLE = re.compile(r"Deze kaart is toe aan herziening|Perspectief: |Deze kaart gebruikt ook: ")


def test_interventions_from_the_thematic_text_open_with_safety_and_list_its_cautions(page, handbook) -> None:
    """The safety question opens an intervention only where its source asks it (003); cautions from
    guidance are 'Let op', a practice report's conclusions are observations.

    Red when: the safety question moves below the 'Let op' block, shows on a card from 002 or 004 only,
    or a caution's end or source is cut.
    """
    with_safety = 0
    for card in handbook.select(type="interventie"):
        body = article(page, handbook, card.id)
        notices = body.select(".admonition, details")
        titles = [n.select_one(".admonition-title, summary").get_text(strip=True) for n in notices]
        opening = [title for title in titles if not PREAMBLE.match(title)]
        if "003" in card.sources:
            with_safety += 1
            assert opening[:1] == [SAFETY_TITLE], f"{card.id}: opens with {opening[:1]}"
            safety = notices[titles.index(SAFETY_TITLE)]
            assert "(bron 003)" in safety.get_text(), f"{card.id}: the safety question does not name its source"
            assert "admonition warning" in " ".join(safety["class"]), f"{card.id}: safety is not styled as a warning"
        else:
            assert SAFETY_TITLE not in titles, f"{card.id}: safety question from no source of its own"
        guidance, observed = handbook.cautions_by_status(card)
        for heading, items in observed:
            assert heading.startswith("Uit een "), f"{card.id}: observations headed {heading!r}, not by kind of text"
            assert heading in titles, f"{card.id}: observations {heading!r} not shown"
            assert all(handbook.kind_of(c.sources[0]).guidance is False for c in items)
        if not guidance:
            assert "Let op" not in titles, f"{card.id}: a 'Let op' block without cautions from guidance"
            continue
        assert "Let op" in titles, f"{card.id}: cautions declared but not shown"
        items = notices[titles.index("Let op")].select("li")
        assert len(items) == len(guidance), f"{card.id}: {len(items)} cautions shown for {len(guidance)}"
        for item, caution in zip(items, guidance, strict=True):
            source = item.select_one(".wk-bronref")
            text = words("".join(s for s in item.find_all(string=True) if not s.find_parent(class_="wk-bronref")))
            assert text == words(caution.text), f"{card.id}: caution shown as '{text}'"
            shown = source.get_text(strip=True)
            assert shown == f"(bron {', '.join(caution.sources)})", f"{card.id}: caution source shown as {shown}"
    assert with_safety >= 15


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
    """Red when: a condition is reworded or dropped, or the list moves out of 'In uiterste gevallen'."""
    parts = section(article(page, handbook, "contactverlies"), "uiterste-gevallen")
    text = words(" ".join(part.get_text(" ") for part in parts))
    assert "alleen het geval wanneer aan alle drie deze voorwaarden is voldaan" in text
    lists = [part for part in parts if part.name == "ol"]
    assert len(lists) == 1, "the three conditions are not one numbered list in 'In uiterste gevallen'"
    conditions = [words(li.get_text(" ")) for li in lists[0].find_all("li")]
    assert conditions == [
        "er is al langere tijd heftige strijd tussen de ouders, waar het kind last van heeft; én",
        "het kind heeft zelf weerstand tegen contact met de contactverliezende ouder; én",
        "het kind groeit veilig op bij de primair verzorgende ouder.",
    ]


@pytest.mark.parametrize(
    ("card_id", "label"),
    [("tips-van-simone", "ervaringsverhaal"), ("wat-viel-op", "praktijkverslag"), ("leernetwerk", "nieuwsartikel")],
)
def test_perspectives_are_labelled(page, handbook, card_id: str, label: str) -> None:
    titles = [t.get_text(strip=True).lower() for t in article(page, handbook, card_id).select(".admonition-title")]
    assert any(label in t for t in titles), f"{card_id}: no '{label}' label in {titles}"


def test_home_leads_by_question_family_and_role(page, handbook) -> None:
    """Red when: a role lists no cards of its own (it used to borrow the next role's list), or its cards
    go back to the navigation's order (P1-P8 first) instead of families.yml `role_order`."""
    home = page("")
    hrefs = [a["href"] for a in home.select("article a[href]")]
    for card in handbook.select(type="vraagstuk"):
        assert url(handbook, card.id) in hrefs
    for family in handbook.family_registry.families:
        assert f"{family.id}/" in hrefs
    roles = page("rollen/").select_one("article")
    for role in handbook.roles:
        assert f"rollen/#{role.id}" in hrefs
        parts = section(roles, role.id)
        listed = [a.get_text(strip=True) for part in parts if part.name == "details" for a in part.select("li a")]
        families = [f for f in handbook.role_families() if handbook.select(role=role.id, family=f.id)]
        expected = [card.title for f in families for card in handbook.select(role=role.id, family=f.id)]
        assert listed and listed == expected, f"role {role.id} lists {listed}, expected {expected}"
        groups = [h.get_text(" ", strip=True).removesuffix("¶").strip() for part in parts for h in part.select("h3")]
        kinds = [" ".join(part.get("class", [])) for part in parts if part.name in ("div", "details")]
        wanted = [c.title for c in handbook.checklists_for_role(role.id)]
        assert kinds[: 2 if wanted else 1] == (["wk-rol-checklists"] if wanted else []) + ["wk-rol-kaarten"], kinds
        checklists = [a.get_text(strip=True) for part in parts if part.name == "div" for a in part.select("a")]
        assert checklists == wanted, f"role {role.id}: checklists first, expected {wanted}, got {checklists}"
        assert groups == [f.title for f in families], f"role {role.id}: cards not grouped by family: {groups}"


def test_cards_show_related_cards_and_case_moments(page, handbook) -> None:
    """Red when: the list items under 'Samenhang' or 'In de praktijk' are removed (the headings kept)."""
    for card_id, card in handbook.cards.items():
        here = url(handbook, card_id)
        body = article(page, handbook, card_id)
        shown = {anchor: listed_links(body, here, anchor) for anchor in ("samenhang", "in-de-praktijk")}
        related = [(words(other.title), url(handbook, other.id)) for other in handbook.related_to(card)]
        assert shown["samenhang"] == (related or None), f"{card_id}: related cards shown as {shown['samenhang']}"
        moments = [
            (words(f"{m.case.title}: {m.moment.title}"), f"{url(handbook, m.case.id)}#{m.moment.id}")
            for m in handbook.moments_for(card)
        ]
        assert shown["in-de-praktijk"] == (moments or None), f"{card_id}: moments shown as {shown['in-de-praktijk']}"
    assert len([c for c in handbook.cards.values() if handbook.moments_for(c)]) >= 10


def test_abbreviations_show_their_meaning_on_hover(page, handbook) -> None:
    abbrs = {a.get_text(): a["title"] for a in article(page, handbook, "zorg-en-veiligheidshuis").select("abbr")}
    assert "ZVH" in abbrs and "Zorg- en Veiligheidshuis" in abbrs["ZVH"]
    glossary = page("over/begrippen/").select("article dl dt")
    assert len(glossary) >= 25


# --- Typography: one style of quotes and apostrophes in every docs/ file -----------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: A curly apostrophe inside a word (zo’n, trauma’s): the house style is a straight ' there.
CURLY_APOSTROPHE = re.compile(r"\w’\w")
#: Markdown syntax that may hold straight double quotes: code, macros, HTML tags, admonition titles,
#: attribute lists and link titles. What is left after removing these is prose.
MARKDOWN_SYNTAX = re.compile(
    r"`[^`]*`"  # inline code
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # macros and template comments
    r"|<[^<>]*>"  # HTML tags and their attributes
    r"|^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+\"[^\"]*\")?"  # admonition type and title
    r"|\{\s*[#.:][^{}]*\}"  # attribute lists: { #anker }, { .class key="v" }
    r"|\]\([^()\s]*\s+\"[^\"]*\"\)"  # link titles: [tekst](adres "titel")
)


def _yaml_prose(text: str, first_line: int) -> list[tuple[int, str]]:
    """Every string value in YAML text, without its YAML quoting, with the line it starts on."""
    found: list[tuple[int, str]] = []
    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append((first_line + node.start_mark.line, node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(value for _key, value in node.value)
    return found


def quote_problems(name: str, text: str) -> list[str]:
    """'file:line: problem' for a curly apostrophe in a word, or straight double quotes used as quotation marks.

    YAML quoting (`text: "…"`, `sources: ["003"]`) is syntax, not prose: YAML values are read after parsing.
    In Markdown, code, macros, HTML, admonition titles, attribute lists and link titles are syntax too.
    """
    problems = [
        f"{name}:{number}: curly apostrophe in a word (write ' as in zo'n): {line.strip()}"
        for number, line in enumerate(text.splitlines(), 1)
        if CURLY_APOSTROPHE.search(line)
    ]
    prose: list[tuple[int, str]] = []
    if name.endswith((".yml", ".yaml")):
        prose = _yaml_prose(text, 1)
    else:
        lines = text.splitlines()
        body_start = 0
        if lines and lines[0] == "---":
            end = lines.index("---", 1)
            prose += _yaml_prose("\n".join(lines[1:end]), 2)
            body_start = end + 1
        fenced = False
        for number, line in enumerate(lines[body_start:], body_start + 1):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            elif not fenced:
                prose.append((number, MARKDOWN_SYNTAX.sub("", line)))
    problems += [
        f"{name}:{number}: straight double quotes as quotation marks (write “…”): {value.strip()[:100]}"
        for number, value in prose
        if '"' in value
    ]
    return problems


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("x.md", "## Kop { #kop }\n\nDat is zo’n gesprek.\n"),
        ("x.md", '## Kop { #kop }\n\nZe zei "dat kan niet" en ging weg.\n'),
        ("x.md", '---\ncard:\n  summary: Ouders zeggen "genoeg".\n---\n\nTekst.\n'),
        ("x.yml", '- term: X\n  definition: Het label "vechtscheiding" is gangbaar.\n'),
        ("x.yml", "- term: X\n  definition: Bij trauma’s.\n"),
    ],
)
def test_the_quote_check_finds_a_real_case(name: str, text: str) -> None:
    assert quote_problems(name, text)


def test_the_quote_check_leaves_syntax_alone() -> None:
    markdown = (
        '---\ncard:\n  title: "Contactverlies: de drie voorwaarden"\n  sources: ["003"]\n'
        '  checks:\n    - text: "Heb ik gevraagd: “wat wilt u”?"\n---\n\n'
        '## Kop { #kop data-search-exclude }\n\n!!! note "Een titel"\n    Tekst met `code "x"`.\n\n'
        "{{ card_grid(type=\"casus\") }} en {{ card_link('x', text='zo\\'n') }}\n"
        '<p class="wk-download"><a href="x">PDF</a></p>\n\n```yaml\nsources: ["003"]\n```\n\n'
        "Zo'n citaat: “Ze zei ‘nee’.”\n"
    )
    assert quote_problems("x.md", markdown) == []
    assert quote_problems("x.yml", 'kinds:\n  read-do: {label: "Lezen en doen", how: Lees elk punt.}\n') == []


def test_quotes_and_apostrophes_follow_one_style() -> None:
    """Red when: a page or registry has zo’n (curly apostrophe in a word) or "…" as quotation marks in prose."""
    files = sorted(DOCS.rglob("*.md")) + sorted((DOCS / "_data").glob("*.yml"))
    assert len(files) > 100
    problems = [
        problem
        for path in files
        for problem in quote_problems(str(path.relative_to(DOCS.parent)), path.read_text("utf-8"))
    ]
    assert not problems, "\n".join(problems)


# -- the editors' "direct hulp" block (issue 18, UX F1) ---------------------------------------------

URGENT_TITLE = "Niet uit de bronnen: direct hulp"
#: Exactly the three facts the editors checked; nothing else may be added to the block.
URGENT_FACTS = [
    "Acuut gevaar: bel 112.",
    "Advies of een melding: Veilig Thuis, 0800-2000, dag en nacht.",
    "Volg de meldcode van je eigen organisatie.",
]
#: Pages where safety is the subject, and the sections of A14 on violence.
URGENT_PAGES = [
    "",
    "vraagstukken/veilig-genoeg/",
    "checklists/veilig-genoeg/",
    "checklists/signalen-intieme-terreur/",
    "achtergrond/intieme-terreur/",
]
URGENT_A14_SECTIONS = ["situationeel-geweld", "intieme-terreur", "acuut-gevaar"]


def _urgent_blocks(html) -> list[Tag]:
    return [
        t.find_parent("div", class_="admonition") for t in html.select(".admonition-title") if URGENT_TITLE in t.text
    ]


def _check_urgent(block: Tag, where: str, site_page: str) -> None:
    assert "danger" in block["class"], f"{where}: not styled as urgent"
    facts = [words(li.get_text(" ")).replace(" .", ".").replace(" ,", ",") for li in block.select("li")]
    assert facts == URGENT_FACTS, f"{where}: {facts}"
    assert [a["href"] for a in block.select("li a")] == ["tel:112", "tel:08002000"], where
    note = words(block.select("p")[-1].get_text(" "))
    assert note.startswith("Dit blok is van de redactie."), f"{where}: not labelled as the editors' own: {note}"
    # It links the cards where the sources name the Meldcode (001) and Veilig Thuis (003), nothing else.
    cards = [target(site_page, a["href"]) for a in block.select("p a")]
    assert cards == ["achtergrond/signs-of-safety/#meldcode-stap-3", "interventies/dwangmaatregelen/"], cards
    # No further number: only the source keys of the cards it links ("bron 001").
    assert re.search(r"\d{3,}", re.sub(r"bron \d{3}", "", note)) is None, f"{where}: another number: {note}"


def test_a_reader_in_danger_finds_the_way_on_every_page_about_safety(page) -> None:
    """Red when: a page where safety is the subject lacks the block, the block gains a fact of its
    own, or it stops saying it is the editors' and not from the sources."""
    for path in URGENT_PAGES:
        blocks = _urgent_blocks(page(path))
        assert len(blocks) == 1, f"{path or 'home'}: {len(blocks)} direct-hulp blocks"
        _check_urgent(blocks[0], path or "home", path)
    a14 = page("achtergrond/welke-aanpak-past/")
    for section in URGENT_A14_SECTIONS:
        heading = a14.select_one(f"h2#{section}")
        block = next((b for b in _urgent_blocks(a14) if b.find_previous("h2") is heading), None)
        assert block is not None, f"A14 #{section}: no direct-hulp block in this section"
        _check_urgent(block, f"A14 #{section}", "achtergrond/welke-aanpak-past/")
