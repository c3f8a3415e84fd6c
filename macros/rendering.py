"""Turn the handbook's data into Markdown for one page.

Markup lives in the Jinja templates under `macros/templates/`; this module only chooses data and
computes links. Links are relative `.md` links, so MkDocs' own link and anchor checks cover every
link the macros write, and the site works under any sub-path.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .addresses import (
    AD_HOC_PAGE,
    built_file_link,
    pack_pdf_path,
    page_url,
    pdf_path,
    printable,
    qr_path,
    relative_link,
    short_link_path,
    way_to_root,
    way_to_root_offline,
)
from .body import GENERATED_ANCHORS
from .edition import UNSET, Edition, build_date
from .errors import HandbookError, Problem
from .escaping import finalize, markdown_text
from .handbook import Handbook
from .handout import handout_item
from .model import Card, Change, Checklist, Pack

TEMPLATES = Path(__file__).parent / "templates"


def qr_code(url: str) -> segno.QRCode:
    """A QR code for a web address, medium error correction so a creased hand-out still scans.

    The mask is fixed: the standard allows all eight and every reader decodes them; searching for
    the best one made QR codes the slowest part of the build.
    """
    return segno.make(url, error="m", mask=0)


def qr_figure(url: str, scale: int, omitsize: bool = False) -> Markup:
    """The QR code as an inline image with its address as text alternative.

    The role and name sit on the <svg> itself: that is what Chromium's tagged print turns into a
    Figure with /Alt (a wrapping element with role="img" gives no figure in the PDF).
    """
    svg = qr_code(url).svg_inline(scale=scale, title=f"QR-code naar {url}", omitsize=omitsize)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="QR-code naar {escape(url)}" ', 1))


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(value: date) -> str:
    """Dates as Dutch readers write them (25 november 2026), independent of the machine's locale."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


#: Said wherever a course pack is shown: what in it is the editors' and what the sources'.
PACK_PROPOSAL = (
    "Samenvatting, doelgroep, duur, leerdoelen, volgorde en de aanwijzingen voor de opleider zijn een voorstel "
    "van de redactie; de inhoud komt uit de kaarten en hun bronnen."
)
#: In a copied citation kopieerknoppen.js puts the day of copying here; on paper it stays for the reader to fill.
ACCESSED = "[datum]"
#: Where the sources name the Meldcode (001) and Veilig Thuis (003): the "direct hulp" block links them.
#: How Pagefind weighs a page's search terms (body text weighs 1, an h1 7): above the body, so a card
#: that answers "ouderschapsplan" comes before pages that only mention a word of it, below a heading.
SEARCH_TERM_WEIGHT = 2
#: How Pagefind weighs a checklist's moment ("Als een kind een ouder niet meer wil zien"): like an h3, so
#: a list whose moment matches the query ranks with the cards that explain it, not below every mention.
MOMENT_WEIGHT = 5
URGENT_HELP_CARDS = ("signs-of-safety", "dwangmaatregelen")


class Renderer:
    """Renders the handbook's pieces as seen from one page (links depend on where you stand)."""

    def __init__(
        self,
        handbook: Handbook,
        site_url: str,
        directory_urls: bool = True,
        rewrites_links: bool = False,
        edition: Edition = UNSET,
    ) -> None:
        self.handbook = handbook
        self.site_url = printable(site_url)
        self.edition = edition
        self.directory_urls = directory_urls
        self.rewrites_links = rewrites_links
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates write Markdown, so HTML autoescaping is not enough: every printed value
            # goes through escaping.finalize, unless the code that made it marked it as Markup.
            autoescape=False,
            finalize=finalize,
            auto_reload=False,  # templates do not change during a build; skip a stat() per use
        )
        self.templates.filters["dutch_date"] = dutch_date
        self.templates.globals["PACK_PROPOSAL"] = PACK_PROPOSAL
        self.templates.globals["SEARCH_TERM_WEIGHT"] = SEARCH_TERM_WEIGHT
        self.templates.globals["MOMENT_WEIGHT"] = MOMENT_WEIGHT
        # Abbreviation definitions become an HTML attribute (escaped by Python-Markdown itself);
        # the model keeps them on one line, so they cannot end the definition early.
        self.templates.filters["abbr_title"] = Markup

    def site_file(self, page_uri: str, path: str) -> str:
        """A link to a file the build writes outside docs/ (PDFs, cards.json, QR codes).

        MkDocs leaves a link to a file it does not know as written, so for MkDocs the link is
        computed from where the page is written: `x/index.html` with directory URLs, `x.html` in
        the offline edition. Zensical rewrites every relative link in a page as if it were
        relative to the Markdown file (`rewrites_links`), so for Zensical it is written that way.
        scripts/check_links.py checks the result with either builder.
        """
        return built_file_link(page_uri, path, self.directory_urls, self.rewrites_links)

    def _render(self, template: str, page_uri: str, **data: object) -> str:
        def href(target: Card | str, anchor: str = "") -> str:
            """Link to a card (object or id) or to a page (a path relative to docs/)."""
            if isinstance(target, Card) or not target.endswith(".md"):  # a card, by object or id
                card = target if isinstance(target, Card) else self.handbook.card(target)
                target = self.handbook.paths[card.id]
            return Markup(relative_link(page_uri, target, anchor))

        return self.templates.get_template(template).render(hb=self.handbook, href=href, **data)

    def macros(self) -> dict[str, Callable[..., str]]:
        """The macros pages may call, by name; each takes the calling page's path first."""
        return {
            method.__name__: method
            for method in (
                self.card_link,
                self.card_grid,
                self.sources_list,
                self.family_grid,
                self.role_sections,
                self.role_links,
                self.checklist_grid,
                self.trainer_table,
                self.changes,
                self.glossary,
                self.site_file,
                self.code_key,
                self.pack_grid,
                self.pack_builder,
                self.urgent_help,
                self.edition_notice,
                self.situation_tiles,
                self.citation_of,
            )
        }

    # -- pieces authors call from pages --------------------------------------------------------

    def card_link(self, page_uri: str, card_id: str, anchor: str = "", text: str = "") -> str:
        """A link to a card by id, never by path: `{{ card_link('masic') }}`, `{{ card_link('masic', 'pilot') }}`."""
        card = self.handbook.card(card_id)
        if anchor and anchor not in self.handbook.anchors(self.handbook.paths[card.id]) | GENERATED_ANCHORS:
            message = f"'{anchor}' is not the anchor of a heading on {card.code} ({card_id})"
            raise HandbookError([Problem("macro", "card_link", message)])
        return self._render("card_link.md.jinja", page_uri, card=card, anchor=anchor, text=text).strip()

    def card_grid(
        self,
        page_uri: str,
        *,
        type: str | None = None,
        family: str | None = None,
        tag: str | None = None,
        role: str | None = None,
        question: str | None = None,
        source: str | None = None,
    ) -> str:
        """A grid of cards chosen by type, family, tag, role or question: `{{ card_grid(type="principe") }}`.

        A grid that matches nothing is an error, not an empty page section.
        """
        filters = {
            key: value
            for key, value in dict(
                type=type, family=family, tag=tag, role=role, question=question, source=source
            ).items()
            if value is not None
        }
        cards = self.handbook.select(**filters)
        if not cards:
            named = ", ".join(f"{key}={value!r}" for key, value in filters.items())
            raise HandbookError([Problem("macro", "card_grid", f"no card matches ({named}); check the filter")])
        return self._render("card_grid.md.jinja", page_uri, cards=cards)

    def sources_list(self, page_uri: str) -> str:
        """Every source with publisher, date, kind of text and the cards that use it."""
        return self._render("sources_list.md.jinja", page_uri)

    def family_grid(self, page_uri: str) -> str:
        """The families as a grid, with their intro and card count."""
        return self._render("family_grid.md.jinja", page_uri)

    def role_sections(self, page_uri: str) -> str:
        """One section per role (anchored by role id) listing the cards for that role."""
        return self._render("role_sections.md.jinja", page_uri)

    def role_links(self, page_uri: str) -> str:
        """Links to the role sections, for the home page."""
        return self._render("role_links.md.jinja", page_uri)

    def situation_tiles(self, page_uri: str, card_id: str) -> str:
        """The numbered sections of a card ("1. Een reguliere scheiding") as tiles that link straight to
        each: `{{ situation_tiles('welke-aanpak-past') }}`. The titles and anchors are the card's own."""
        card = self.handbook.card(card_id)
        situations = [
            (anchor, match.group(1))
            for anchor, title in self.handbook.sections(self.handbook.paths[card.id])
            if (match := re.match(r"^\d+\.\s+(.+)$", title))
        ]
        if not situations:
            message = f"{card.code} ({card_id}) has no numbered sections ('## 1. …') to show as tiles"
            raise HandbookError([Problem("macro", "situation_tiles", message)])
        return self._render("situation_tiles.md.jinja", page_uri, card=card, situations=situations)

    def code_key(self, page_uri: str) -> str:
        """What the letters of the codes mean (P1, V2, CL3 ...), from the card types: a key for readers."""
        return self._render("code_key.md.jinja", page_uri).strip()

    def glossary(self, page_uri: str) -> str:
        """The glossary as a definition list."""
        return self._render("glossary.md.jinja", page_uri)

    def urgent_help(self, page_uri: str) -> str:
        """The editors' "direct hulp" block (112, Veilig Thuis, the meldcode) where safety is the subject:
        `{{ urgent_help() }}`. Its links go to the cards where the sources name the Meldcode and Veilig Thuis."""
        return self._render(
            "urgent_help.md.jinja",
            page_uri,
            meldcode=self.handbook.card(URGENT_HELP_CARDS[0]),
            veilig_thuis=self.handbook.card(URGENT_HELP_CARDS[1]),
        )

    def edition_notice(self, page_uri: str) -> str:
        """Who publishes this edition, how to reach them, its status and the terms of reuse (the
        deployment's settings; a local build says they are unset): `{{ edition_notice() }}`."""
        return self._render("edition.md.jinja", page_uri, edition=self.edition)

    def abbreviations(self, page_uri: str) -> str:
        """Abbreviation definitions for Python-Markdown's abbr extension: hover text on every page."""
        return self._render("abbreviations.md.jinja", page_uri)

    # -- pieces around every card --------------------------------------------------------------

    def card_header(self, page_uri: str, card: Card) -> str:
        return self._render(
            "card_header.md.jinja",
            page_uri,
            card=card,
            overdue=card.review_due < build_date(),
        )

    def card_footer(self, page_uri: str, card: Card) -> str:
        return self._render(
            "card_footer.md.jinja",
            page_uri,
            card=card,
            citation=self.citation(card),
            short_url=self.short_url(card.code),
            pack_href=self.pack_add_href(page_uri, card.code),
            parts=self.handbook.herkomst_of(card),
        )

    # -- addresses and citations ----------------------------------------------------------------

    def short_url(self, code: str) -> str:
        """The short link for slides and paper: /k/<code>/ redirects to the page."""
        return self.site_url + short_link_path(code)

    def citation(self, item: Card | Checklist | Pack) -> str:
        """How to cite a card, checklist or pack: title, code, address, source, date of the content."""
        url = self.published_url(self.handbook.item_path(item))
        keys = self.handbook.pack_sources(item) if isinstance(item, Pack) else self.handbook.item_sources(item)
        sources = "; ".join(self.source_citation(k) for k in keys)
        publisher = f" {self.edition.uitgever}." if self.edition.uitgever else ""
        year = self.handbook.edition_date().year
        return (
            f"Werkkaarten ({year}). {item.title} ({item.code}).{publisher} Geraadpleegd op {ACCESSED}, van {url}. "
            f"Laatst beoordeeld op {dutch_date(item.reviewed)}. Bron: {sources}."
        )

    def citation_of(self, page_uri: str, card_id: str) -> str:
        """A card's citation as "Kopieer bronvermelding" copies it, for an example: `{{ citation_of('p1-id') }}`."""
        return markdown_text(self.citation(self.handbook.card(card_id)))

    def source_citation(self, key: str) -> str:
        """A source in a citation: title, publisher and its date, as the registry has them (a source without
        a date says so: the registry never guesses one)."""
        source = self.handbook.source(key)
        return f"{source.title}. {source.publisher}, {source.date}"

    def changes(self, page_uri: str) -> str:
        """Every recorded change by date, newest first (cards, checklists, packs and the glossary), for
        trainers who wrote a course on an older version; the first edition's date closes the list."""
        hb = self.handbook
        by_date: dict[date, list[tuple[str, str, str, Change]]] = {}
        changed: list[Card | Checklist | Pack] = [*hb.ordered(), *hb.ordered_checklists(), *hb.ordered_packs()]
        for item in changed:
            for change in item.changes:
                by_date.setdefault(change.date, []).append((item.code, item.title, hb.item_path(item), change))
        for site_change in hb.changelog.changes:
            title = hb.files[site_change.page].title or site_change.page
            by_date.setdefault(site_change.date, []).append(("", title, site_change.page, site_change))
        ordered = sorted(by_date.items(), key=lambda pair: pair[0], reverse=True)
        return self._render("changes.md.jinja", page_uri, changes=ordered, first_edition=hb.changelog.first_edition)

    def trainer_table(self, page_uri: str, items: str = "cards") -> str:
        """Cards ("cards") or checklists ("checklists") with code, short link, copy button and QR code."""
        if items not in ("cards", "checklists"):
            message = f"items must be 'cards' or 'checklists', not '{items}'"
            raise HandbookError([Problem("macro", "trainer_table", message)])
        chosen: list[Card | Checklist] = [
            *(self.handbook.ordered() if items == "cards" else self.handbook.ordered_checklists())
        ]
        rows = [
            {
                "code": item.code,
                "title": item.title,
                "path": self.handbook.item_path(item),
                "short_url": self.short_url(item.code),
                "qr_href": Markup(self.site_file(page_uri, qr_path(item.code))),
            }
            for item in chosen
        ]
        return self._render("trainer_table.md.jinja", page_uri, rows=rows)

    def published_url(self, page_uri: str) -> str:
        """The page's public address (printed on paper and in the QR code), from `site_url`."""
        return self.site_url + page_url(page_uri)

    # -- checklists ----------------------------------------------------------------------------

    def checklist_page(self, page_uri: str, checklist: Checklist, body: str) -> str:
        url = self.published_url(page_uri)
        qr = qr_figure(url, scale=2, omitsize=True)  # sized by the print CSS: 26 mm wide on paper
        return self._render(
            "checklist_page.md.jinja",
            page_uri,
            checklist=checklist,
            body=Markup(body),  # the author's own Markdown, checked by body.py and preflight.py
            url=url,
            qr=qr,
            citation=self.citation(checklist),
            latest_change=max(checklist.changes, key=lambda change: change.date, default=None),
            short_url=self.short_url(checklist.code),
            pack_href=self.pack_add_href(page_uri, checklist.code),
            pdf_href=Markup(self.site_file(page_uri, pdf_path(checklist.id))),
            hb_code_key=Markup(self.code_key(page_uri)),
        )

    def checklist_grid(self, page_uri: str) -> str:
        """All checklists as a grid with code, purpose, pause point and kind."""
        return self._render("checklist_grid.md.jinja", page_uri)

    # -- course packs (lespakketten) -------------------------------------------------------------

    def pack_grid(self, page_uri: str) -> str:
        """Every declared course pack with its code, summary, audience and duration."""
        return self._render("pack_grid.md.jinja", page_uri, packs=self.handbook.ordered_packs())

    def pack_add_href(self, page_uri: str, code: str) -> Markup:
        """The "Aan lespakket toevoegen" link: the ad-hoc pack page with this item in its address.

        A Markdown link to the page's source file, so either builder checks and rewrites it; the
        query travels with it (lespakket.js adds what was chosen before).
        """
        if AD_HOC_PAGE not in self.handbook.files:  # a handbook without the page offers no control
            return Markup("")
        return Markup(relative_link(page_uri, AD_HOC_PAGE) + f"?k={code.lower()}")

    def pack_page(self, page_uri: str, pack: Pack, body: str) -> str:
        """A declared pack's page: on screen what it is and its items; on paper the handout."""
        url = self.published_url(page_uri)
        short_url = self.short_url(pack.code)
        qr = qr_figure(short_url, scale=3)
        # Each part of the handout: its number, the pack's item with its card or checklist, what the
        # handout prints of it, the trainer's note on it, and where it is online.
        parts = [
            {
                "n": n,
                "resolved": resolved,
                "note": resolved.item.note,
                "path": self.handbook.item_path(resolved.target),
                "handout": handout_item(self.handbook, resolved.target),
                "short_url": self.short_url(resolved.code),
            }
            for n, resolved in enumerate(self.handbook.resolve(pack), start=1)
        ]
        # A card's list that a checklist of this pack prints too is printed once, there (handout.PointGroup).
        numbers = {resolved.code.lower(): n for n, resolved in enumerate(self.handbook.resolve(pack), start=1)}
        return self._render(
            "pack_page.md.jinja",
            page_uri,
            pack=pack,
            parts=parts,
            numbers=numbers,
            body=Markup(body),
            url=url,
            short_url=short_url,
            qr=qr,
            sources=self.handbook.pack_sources(pack),
            citation=self.citation(pack),
            pdf_href=Markup(self.site_file(page_uri, pack_pdf_path(pack.id))),
        )

    def pack_data(self, page_uri: str) -> dict[str, object]:
        """Every card and checklist as the ad-hoc pack page needs it, keyed by lowercase code, and every
        declared pack's code, title and address (so the page can point to a pack named in its address).

        Embedded in the page (no request), so the page also works from file:// in the offline edition.
        Addresses are site paths (x/y/) with the way back to the site root from this page: `root` as
        published, `root_html` in the offline edition (x/y.html), where lespakket.js turns x/y/ into
        x/y.html. The builder's own setting cannot say which: the offline plugin sets it later.
        """
        hb = self.handbook
        items: dict[str, object] = {}
        everything: list[Card | Checklist] = [*hb.ordered(), *hb.ordered_checklists()]
        for content in everything:
            items[content.code.lower()] = {
                **dataclasses.asdict(handout_item(hb, content)),
                "path": page_url(hb.item_path(content)),
                "short_url": self.short_url(content.code),
            }
        # A pack's code in the address is no item: the page names the pack and links to its page.
        packs = {
            pack.code.lower(): {"code": pack.code, "title": pack.title, "path": page_url(hb.pack_paths[pack.id])}
            for pack in hb.ordered_packs()
        }
        sources = {key: f"{s.title}. {s.publisher}, {s.date}." for key, s in hb.source_registry.sources.items()}
        return {
            "root": way_to_root(page_uri),
            # The pack's link as published (printed, copied and in its QR code): never file:// or local.
            "published": self.published_url(AD_HOC_PAGE),
            "proposal": PACK_PROPOSAL,
            "root_html": way_to_root_offline(page_uri),
            "items": items,
            "packs": packs,
            "sources": sources,
        }

    def pack_builder(self, page_uri: str) -> str:
        """The ad-hoc pack page's parts: the data of every item (JSON, not run) and its empty frames."""
        data = json.dumps(self.pack_data(page_uri), ensure_ascii=False, separators=(",", ":"))
        # An HTML attribute, escaped as one (& < > " '), rather than a script element: text from data
        # never stands inside a script, and nothing a browser could run is added to the page.
        return self._render("pack_builder.md.jinja", page_uri, data=Markup.escape(data))
