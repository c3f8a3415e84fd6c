"""Course packs (lespakketten, issue 14): declared packs built into pages, short links, QR codes and
handout PDFs, and the ad-hoc pack a trainer puts together in the browser.

These tests read the one real build of the run (conftest `site`). The ad-hoc pack is driven in
Chromium in test_browser.py (one browser per run: Playwright's sync API allows one at a time). Bad
pack data (unknown, duplicate, empty, malformed) is covered by the fixture builds in test_bad_input.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from conftest import SITE_URL
from pypdf import PdfReader

from macros.addresses import AD_HOC_PAGE, pack_pdf_path, page_url, short_link_path
from macros.handout import handout_item
from scripts.make_pdfs import link_targets

#: A4 in PDF points, and how far a page may differ from it (Chromium rounds to whole points).
A4 = (595.3, 841.9)


def _pack_url(handbook, pack) -> str:
    return page_url(handbook.pack_paths[pack.id])


# -- the declared packs -------------------------------------------------------------------------------


def test_there_are_packs_from_the_sources_the_issue_names(handbook) -> None:
    """Partnership (001), working across domains with Leo en Nora (003), a stuck case (002)."""
    packs = handbook.ordered_packs()
    assert len(packs) >= 3
    assert [p.code for p in packs] == [f"LP{n}" for n in range(1, len(packs) + 1)]
    by_source = {key: [p for p in packs if key in handbook.pack_sources(p)] for key in ("001", "002", "003")}
    assert all(by_source.values()), by_source
    assert any(item.card == "leo-en-nora" for p in by_source["003"] for item in p.items)
    for pack in packs:
        assert all(entry.target is not None for entry in handbook.resolve(pack))


def test_every_pack_page_shows_what_for_whom_and_its_items_in_order(page, handbook, site: Path) -> None:
    """Red when: the items come out of order, or an item's summary, note or link is missing."""
    for pack in handbook.ordered_packs():
        html = page(_pack_url(handbook, pack))
        article = html.select_one("article")
        assert pack.title in article.h1.get_text()
        text = " ".join(article.get_text(" ").split())
        for value in (pack.summary, pack.audience, pack.duration, *pack.goals):
            assert " ".join(value.split()) in text, f"{pack.id}: {value!r} not on the page"
        parts = article.select("h2[id^=onderdeel-]")
        assert [h["id"] for h in parts] == [f"onderdeel-{n}" for n in range(1, len(pack.items) + 1)]
        for heading, entry in zip(parts, handbook.resolve(pack), strict=True):
            assert entry.target.title in heading.get_text(), f"{pack.id}: {heading.get_text()}"
            block = heading.find_parent("div", class_="wk-lp-onderdeel")
            summary = entry.card.summary if entry.card else entry.checklist.purpose
            assert " ".join(summary.split()) in " ".join(block.get_text(" ").split())
            if entry.item.note:
                assert entry.item.note in block.select_one(".wk-lp-notitie").get_text()
            if entry.card:
                in_pack = [r.code.lower() for r in handbook.resolve(pack)]
                for group in handout_item(handbook, entry.card).groups:
                    twin = next((code for code in group.same_as if code in in_pack), None)
                    if twin:  # printed once, in that checklist's part (issue 22, F7)
                        assert f"als checklist in onderdeel {in_pack.index(twin) + 1}" in block.get_text()
                    else:
                        assert all(point in block.get_text() for point in group.points)
            else:
                assert len(block.select(".wk-checklist li")) == len(entry.checklist.items)
            link = block.select_one(".wk-lp-soort a")
            target = (site / _pack_url(handbook, pack) / link["href"]).resolve()
            assert (target / "index.html").is_file(), f"{pack.id}: {link['href']} leads nowhere"
            assert SITE_URL + short_link_path(entry.code) in block.get_text()
        contents = [a["href"] for a in article.select(".wk-lp-inhoud a")]
        assert contents == [f"#onderdeel-{n}" for n in range(1, len(pack.items) + 1)] + ["#bronnen"]
        for key in handbook.pack_sources(pack):
            assert handbook.source(key).title in article.select_one("#bronnen").find_next("ul").get_text()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _notices_travel(handbook, pack, text: str) -> list[str]:
    """What of each item's perspective notices, caveats and kind headings is missing from `text`."""
    missing = []
    for entry in handbook.resolve(pack):
        item = handout_item(handbook, entry.target)
        wanted = [n.text for n in item.notices] + [g.heading for g in item.groups] + [g.caveat for g in item.groups]
        wanted += [item.how, item.next_step_heading]
        missing += [f"{entry.code}: {w!r}" for w in wanted if w and _flat(w) not in text]
    return missing


def test_perspective_notices_and_caveats_travel_into_every_pack_page_and_handout(page, handbook, site) -> None:
    """A card's perspective notice ("praktijkverslag, geen onderzoek") and a list's caveat ("geen
    screeningsinstrument") are repeated wherever its content is, on the page and in the PDF.

    Red when: the pack template or the handout drops a notice, or a card's signs or reflection
    questions are headed as something to tick ("Om te checken").
    """
    practice = handbook.kind_of("002").caution
    screening = handbook.checklist_registry.kinds["signs"].how
    seen = {"002": False, "signs": False}
    for pack in handbook.ordered_packs():
        article = _flat(page(_pack_url(handbook, pack)).select_one("article").get_text(" "))
        pdf = _flat(" ".join(_pages(site / pack_pdf_path(pack.id)))).replace("- ", "")
        assert not _notices_travel(handbook, pack, article), _notices_travel(handbook, pack, article)
        assert "Om te checken" not in article and "Kernpunten" not in article
        for entry in handbook.resolve(pack):
            if "002" in handout_item(handbook, entry.target).sources:
                seen["002"] = True
                assert _flat(practice) in article and _flat(practice)[:60] in pdf, f"{pack.id}: 002 notice"
            if entry.checklist and entry.checklist.kind == "signs":
                seen["signs"] = True
                assert _flat(screening) in article and "geen screeningsinstrument" in pdf, f"{pack.id}: signs caveat"
    assert all(seen.values()), f"no declared pack holds a 002 card and a list of signs: {seen}"


def test_a_cards_points_are_headed_by_their_kind(handbook) -> None:
    """Signs stay signs to discuss (with the caveat), reflection questions stay questions for oneself."""
    a3 = handout_item(handbook, handbook.cards["intieme-terreur"])
    kinds = {check.kind for check in handbook.cards["intieme-terreur"].checks}
    headings = {g.heading for g in a3.groups}
    assert "sign" in kinds and "Signalen om te bespreken" in headings
    sign_group = next(g for g in a3.groups if g.heading == "Signalen om te bespreken")
    assert "geen screeningsinstrument" in sign_group.caveat
    reflective = [c for c in handbook.cards.values() if c.checks and {k.kind for k in c.checks} == {"reflection"}]
    assert reflective and all(
        [g.heading for g in handout_item(handbook, c).groups] == ["Reflectievragen"] for c in reflective
    )


def test_every_pack_has_a_short_link_a_qr_code_and_a_handout(site: Path, handbook) -> None:
    for pack in handbook.ordered_packs():
        redirect = (site / short_link_path(pack.code) / "index.html").read_text(encoding="utf-8")
        target = re.search(r'url=([^"]+)"', redirect).group(1)
        assert (site / short_link_path(pack.code) / target).resolve() == (site / _pack_url(handbook, pack)).resolve()
        assert (site / "qr" / f"{pack.code.lower()}.svg").is_file()
        assert (site / pack_pdf_path(pack.id)).is_file()


def test_pack_codes_share_the_code_space_of_cards_and_checklists(handbook) -> None:
    codes = [c.code for c in handbook.cards.values()] + [c.code for c in handbook.checklists.values()]
    codes += [p.code for p in handbook.packs.values()]
    assert len(codes) == len(set(codes))
    assert {short_link_path(p.code) for p in handbook.packs.values()} <= {
        page_url(path) for path in handbook.short_links()
    }


def _pages(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


def test_one_handout_per_pack_a4_with_contents_page_numbers_and_published_links(site: Path, handbook) -> None:
    """Cover (title, goals, QR, address), contents with the page each part starts on, the parts in
    order, then sources and how to cite; every page A4 with 'pagina n van m'; every link published.

    Red when: the contents list leaves out the page numbers, a part starts on another page than the
    contents says, or a link still points to the local print server.
    """
    handouts = sorted((site / "pdf" / "lespakket").glob("*.pdf"))
    assert [p.stem for p in handouts] == sorted(p.id for p in handbook.packs.values())
    for pack in handbook.ordered_packs():
        pdf = site / pack_pdf_path(pack.id)
        reader = PdfReader(pdf)
        texts = _pages(pdf)
        count = len(texts)
        for number, page in enumerate(reader.pages, start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, f"{pdf.name} p{number}: {width}x{height}"
            assert f"pagina {number} van {count}" in texts[number - 1], f"{pdf.name}: no page number on {number}"
        cover = texts[0]
        assert pack.title in cover and SITE_URL + short_link_path(pack.code) in cover.replace(" ", "")
        assert all(" ".join(goal.split()) in cover for goal in pack.goals)
        assert texts[1].startswith("Inhoud"), f"{pdf.name}: page 2 is not the contents list"
        numbers = [int(n) for n in re.findall(r"· pagina (\d+)", texts[1])]
        assert len(numbers) == len(pack.items) + 1, f"{pdf.name}: contents numbers {numbers}"
        assert numbers == sorted(numbers) and numbers[0] == 3 and numbers[-1] <= count
        for n, (entry, start) in enumerate(zip(handbook.resolve(pack), numbers, strict=False), start=1):
            heading = f"{n}. {entry.target.title}"[:50]
            assert heading in texts[start - 1], f"{pdf.name}: '{heading}' is not on page {start}"
        assert "Bronnen" in texts[numbers[-1] - 1] and "Zo citeer je dit lespakket" in " ".join(
            texts[numbers[-1] - 1 :]
        )
        assert count - numbers[-1] <= 1, f"{pdf.name}: {count} pages, sources start on {numbers[-1]}"
        targets = link_targets(pdf)
        assert len(targets) >= len(pack.items), f"{pdf.name}: only {len(targets)} links"
        for target in targets:
            assert target.startswith(SITE_URL), f"{pdf.name}: {target} is not on the published site"


def test_cards_json_and_its_schema_list_the_packs(site: Path, handbook) -> None:
    index = json.loads((site / "cards.json").read_text(encoding="utf-8"))
    schema = json.loads((site / index["$schema"]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(index)
    packs = [item for item in index["items"] if item["kind"] == "lespakket"]
    assert [p["code"] for p in packs] == [p.code for p in handbook.ordered_packs()]
    for entry, pack in zip(packs, handbook.ordered_packs(), strict=True):
        assert entry["url"] == SITE_URL + _pack_url(handbook, pack)
        assert entry["short_url"] == SITE_URL + short_link_path(pack.code)
        assert entry["pdf"] == SITE_URL + pack_pdf_path(pack.id)
        assert entry["items"] == [f"{kind}/{item_id}" for kind, item_id in (i.ref for i in pack.items)]
        assert entry["sources"] == handbook.pack_sources(pack)


def test_the_trainers_page_leads_to_the_packs(page, handbook) -> None:
    trainers = page("opleiders/")
    hrefs = {a["href"] for a in trainers.select("article a[href]")}
    assert "../lespakketten/" in hrefs and "../lespakket/" in hrefs
    for pack in handbook.ordered_packs():
        assert f"../{_pack_url(handbook, pack)}" in hrefs
        assert f"{pack.id}/" in {a["href"] for a in page("lespakketten/").select("article a[href]")}
    nav = {a.get_text(strip=True) for a in trainers.select("nav.md-nav--primary a")}
    assert {"Lespakketten", "Lespakket samenstellen"} <= nav


def test_every_card_and_checklist_offers_aan_lespakket_toevoegen(page, handbook) -> None:
    """The control is a real link (works without script) to the ad-hoc pack with this item."""
    items = [(c, handbook.paths[c.id]) for c in handbook.ordered()]
    items += [(c, handbook.checklist_paths[c.id]) for c in handbook.ordered_checklists()]
    for item, path in items:  # a card and a checklist may share an id (veilig-genoeg), never a code
        links = page(page_url(path)).select("a.wk-lp-toevoegen")
        assert len(links) == 1, f"{item.code}: {len(links)} controls"
        assert links[0]["href"] == f"../../lespakket/?k={item.code.lower()}"
        assert links[0].get_text(strip=True) == "Aan lespakket toevoegen"


def test_the_ad_hoc_page_carries_every_item_and_says_what_it_needs(page, handbook, site: Path) -> None:
    html = page(page_url(AD_HOC_PAGE))
    data = json.loads(html.select_one("#wk-lespakket-data")["data-wk-lespakket"])
    codes = {c.code.lower() for c in [*handbook.cards.values(), *handbook.checklists.values()]}
    assert set(data["items"]) == codes
    for item in data["items"].values():
        assert (site / page_url(AD_HOC_PAGE) / data["root"] / item["path"] / "index.html").resolve().is_file()
        assert set(item["sources"]) <= set(data["sources"])
    assert "JavaScript nodig" in html.select_one(".wk-lpb-zonder-js").get_text()
    assert html.select_one(".wk-lpb-app").has_attr("hidden")
