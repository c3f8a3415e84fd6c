"""Injection payloads for every free-text field of the minimal fixture (tests/fixture/docs).

Used by the static checks in test_security.py and the browser checks in test_browser.py, which load
the same built pages under the shipped policy and without any headers.
"""

from __future__ import annotations

from pathlib import Path

#: Payloads that pass the model (one line; summaries one sentence) and would run or redirect if
#: printed unescaped: a tag, an attribute break-out, a Markdown link to javascript:, a meta refresh.
TITLE = (
    'Kinderen <6 jaar> "><img src=x onerror=alert(1)> [k](javascript:alert(2)) *nadruk* '
    "</title><script>alert(3)</script>"
)
SUMMARY = (
    'Let op "><img src=x onerror=alert(4)> <script>alert(5)</script> 0;url=https://evil.example/" http-equiv="refresh".'
)
TEXT = "Tekst <script>alert(6)</script> [x](javascript:alert(7)) | {: onclick=alert(8) } & `code` _nadruk_ # kop"


def apply(project: Path) -> None:
    """Put a payload in every free-text field of the fixture's data."""

    def edit(file: str, old: str, new: str) -> None:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    def quoted(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    card = "docs/partnerschap/respecteer-ouders.md"
    edit(card, "title: Respecteer ouders", f"title: {quoted(TITLE)}")
    edit(
        card,
        "summary: Ouders willen eerder samenwerken als zij zich gerespecteerd voelen.",
        f"summary: {quoted(SUMMARY)}",
    )
    edit(card, 'text: "Heb ik ouders gerespecteerd?"', f"text: {quoted(TEXT)}")
    edit(
        card,
        "  reviewed: 2026-11-25",
        f"  changes:\n    - date: 2026-11-26\n      summary: {quoted(TEXT)}\n  reviewed: 2026-11-26",
    )
    edit(card, "{{ card_link('kind-centraal') }}", "{{ card_link('kind-centraal', text='<script>alert(9)</script>') }}")
    edit("docs/interventies/mediation.md", "text: Niet bij intieme terreur, zegt de bron.", f"text: {quoted(TEXT)}")
    edit("docs/checklists/voor-het-gesprek.md", "title: Voor het gesprek", f"title: {quoted(TITLE[:80])}")
    edit(
        "docs/checklists/voor-het-gesprek.md",
        "purpose: Bereid een gesprek met ouders voor.",
        f"purpose: {quoted(SUMMARY)}",
    )
    pack = "docs/lespakketten/eerste.md"
    edit(pack, "title: Eerste lespakket", f"title: {quoted(TITLE[:100])}")
    edit(pack, "summary: Een lespakket voor de test.", f"summary: {quoted(SUMMARY)}")
    edit(pack, "audience: Opleiders in de test", f"audience: {quoted(TEXT)}")
    edit(pack, "note: Bespreek in tweetallen.", f"note: {quoted(TEXT)}")
    sources = "docs/_data/bronnen.yml"
    edit(sources, "title: Bron een", f"title: {quoted(TEXT)}")
    edit(sources, "publisher: Uitgever een", f"publisher: {quoted(TEXT)}")
    edit(sources, "about: Een bron voor de testkaarten.", f"about: {quoted(TEXT)}")
    edit(sources, "caution: Dit is het perspectief van één ouder.", f"caution: {quoted(TEXT)}")
    edit(sources, "label: Ervaringsverhaal van een ouder", f"label: {quoted(TEXT)}")
    edit("docs/_data/families.yml", "intro: Testfamilie met uitgangspunten.", f"intro: {quoted(TEXT)}")
    edit("docs/_data/families.yml", "title: Interventies", f"title: {quoted(TEXT)}")
    edit("docs/_data/rollen.yml", "about: Verwijzen en casusregie voeren.", f"about: {quoted(TEXT)}")
    edit("docs/_data/rollen.yml", "title: Wijkteam", f"title: {quoted(TEXT)}")
    glossary = "docs/_data/begrippen.yml"
    edit(glossary, "term: Veilig Thuis", f"term: {quoted(TEXT)}")
    edit(glossary, "definition: Samenwerking van meerdere organisaties rond één gezin.", f"definition: {quoted(TEXT)}")
    edit("docs/_data/checklists.yml", "how: Lees elk punt en doe het.", f"how: {quoted(TEXT)}")
    edit(
        "docs/_data/checklists.yml",
        "voor-een-gesprek: Voor een gesprek met ouders",
        f"voor-een-gesprek: {quoted(TEXT)}",
    )
