"""The build as a whole: it never half-publishes, it is reproducible, and what it prints points to the real site."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SITE_URL, TEST_ENV, build, fixture_project
from pypdf import PdfReader

from macros.addresses import printable, qr_path, unreachable
from macros.edition import Edition
from macros.rendering import Renderer, qr_code
from scripts.compress import compressed, compressible
from scripts.make_pdfs import link_targets
from scripts.url_contract import published_addresses, read_contract, update


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a site and a digest of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _append(project: Path, file: str, text: str) -> None:
    path = project / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


#: A failure at each step of the build, after the steps before it have written their files.
FAILURES = {
    "content model": lambda p: _append(p, "docs/partnerschap/kind-centraal.md", "\n{{ card_link('nergens') }}\n"),
    "strict link check": lambda p: _append(p, "docs/partnerschap/kind-centraal.md", "\n[weg](nergens.md)\n"),
    # A raw-HTML link on a page: MkDocs does not check it, Zensical checks no link at all.
    "links and anchors": lambda p: _append(p, "docs/index.md", '\n<a href="partnerschap/bestaat-niet/">weg</a>\n'),
    "PDFs": lambda p: _append(
        p,
        "docs/assets/stylesheets/werkkaarten.css",
        "\n@media print { .wk-checklist { min-height: 60cm !important; display: block !important; } }\n",
    ),
    "security policy": lambda p: _replace(
        p, "mkdocs.yml", "  - assets/javascripts/kopieerknoppen.js", "  - https://cdn.example.net/x.js"
    ),
}


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(fixture_site, tmp_path: Path) -> None:
    """A build fails at each step in turn, into the same previous site. One test, so the cases run one
    after another into one site (on one worker). Red when: scripts/build.py builds straight into site/
    (as `mkdocs build -d site` did)."""
    site = tmp_path / "site"
    shutil.copytree(fixture_site[1], site)
    (site / "MARKER").write_text("the previous site", encoding="utf-8")
    before = snapshot(site)
    for n, (step, breaks) in enumerate(FAILURES.items()):
        project = fixture_project(tmp_path / f"broken-{n}")
        breaks(project)
        # Only the PDF step's failure needs the PDF step; the others fail the same way without it.
        result = build(project, site, step == "PDFs")
        assert result.returncode != 0, f"the {step} failure did not fail the build:\n{result.output}"
        assert "site/ is unchanged" in result.output, f"{step}: {result.output}"
        assert snapshot(site) == before, f"a failed build ({step}) changed the previous site"
        assert not list(site.parent.glob(".site.new-*")), f"{step}: the temporary build folder was left behind"


def test_two_builds_of_the_same_tree_are_byte_identical(fixture_site, tmp_path: Path) -> None:
    """PDFs included. Red when: the PDFs keep Chromium's print date or the print server's random port.

    On the fixture, which has every kind of page, PDF and export the handbook has (cards of two
    families, a checklist, a declared pack and its handout, the ad-hoc pack page, glossary, sources):
    a second build of the whole handbook costs a minute of the run and reads the same code paths.
    The second build skips the compressed copies: a copy is a function of its file's bytes, so the
    copies of every file are made again from the second build and compared.
    """
    project, site = fixture_site
    again = build(project, tmp_path / "site", True, "--no-compress")
    assert again.returncode == 0, again.output
    ours = {path.relative_to(site).as_posix() + suffix for path in compressible(site) for suffix in (".gz", ".br")}
    first = {name: digest for name, digest in snapshot(site).items() if name not in ours}
    second = {name: digest for name, digest in snapshot(again.site).items() if name not in ours}
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, f"files differ between two builds: {differ[:10]}"
    pdfs = {"pdf/voor-het-gesprek.pdf", "pdf/alle-checklists.pdf", "pdf/lespakket/eerste.pdf"}
    assert pdfs <= first.keys(), sorted(name for name in first if name.endswith(".pdf"))
    for path in compressible(again.site):
        name = path.relative_to(again.site).as_posix()
        gzipped, brotlied = compressed(path.read_bytes())
        assert gzipped == (site / f"{name}.gz").read_bytes(), name
        assert brotlied == (site / f"{name}.br").read_bytes(), name


#: The only links on paper that are not addresses of the site: the numbers of the direct-hulp block.
PHONE_LINKS = {"tel:112", "tel:08002000"}


def test_every_link_in_every_pdf_points_to_the_published_site(site: Path, handbook) -> None:
    """Red when: make_pdfs.py leaves the links Chromium wrote (http://127.0.0.1:<port>/...)."""
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(handbook.checklists) + 1
    seen = 0
    for pdf in pdfs:
        targets = link_targets(pdf)
        assert targets, f"{pdf.name} has no links"
        for target in targets:
            seen += 1
            assert "127.0.0.1" not in target and "localhost" not in target, f"{pdf.name}: {target}"
            if target in PHONE_LINKS:  # the editors' direct-hulp block: 112 and Veilig Thuis
                continue
            assert target.startswith(SITE_URL), f"{pdf.name}: {target} is not on the published site"
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "127.0.0.1" not in text and SITE_URL.removeprefix("https://") in text.replace("\n", "")
    assert seen > 100


def test_the_published_address_is_on_every_qr_code_and_citation(site: Path) -> None:
    """A build for SITE_URL prints that address; never the local default.

    A QR code holds its address as modules, not text: each one is compared with the code that encodes the
    entry's short link in cards.json. Red when: QR codes are made from another address than the one
    cards.json publishes (the local default, or the page instead of the short link), or one is missing.
    """
    entries = json.loads((site / "cards.json").read_text(encoding="utf-8"))
    items = entries["items"]
    assert len(list((site / "qr").glob("*.svg"))) == len(items)
    for item in items:
        assert item["short_url"].startswith(SITE_URL), item["short_url"]
        expected = io.BytesIO()
        qr_code(item["short_url"]).save(expected, kind="svg", scale=8, border=2, title=item["title"])
        assert (site / qr_path(item["code"])).read_bytes() == expected.getvalue(), item["code"]
    card = (site / "partnerschap/respecteer-ouders/index.html").read_text(encoding="utf-8")
    assert f"{SITE_URL}partnerschap/respecteer-ouders/" in card and "127.0.0.1" not in card


@pytest.mark.parametrize(
    ("url", "publishable"),
    [
        ("https://werkkaarten.github.io/werkkaarten/", True),
        ("https://www.voorbeeldgemeente.nl/werkkaarten/", True),
        ("https://handboek.gemeente-voorbeeld.nl/", True),
        ("https://www.gemeente-voorbeeld.nl/jeugd/werkkaarten", True),
        ("https://werkkaarten.gemeënte-voorbeeld.de/werkkaarten/", True),
        ("https://werkkaarten.example.org/werkkaarten/", False),
        ("http://127.0.0.1:8000/werkkaarten/", False),
        ("http://localhost/werkkaarten/", False),
        ("https://192.168.1.5/", False),
        ("https://handboek.test/", False),
        # Round two of the fuzz report (F7): each of these was built and published.
        ("https://localhost./werkkaarten/", False),
        ("https://foo.localhost/werkkaarten/", False),
        ("https://127.1/werkkaarten/", False),
        ("https://2130706433/werkkaarten/", False),
        ("https://0x7f000001/werkkaarten/", False),
        ("https://100.64.0.1/werkkaarten/", False),
        ("https://[::1]/werkkaarten/", False),
        ("https://intranet/werkkaarten/", False),
        ("https://werkkaarten.internal/werkkaarten/", False),
        ("https://wiki.lan/", False),
        ("https://nas.home.arpa/", False),
        ("https://server.localdomain/", False),
        ("https://example.org./werkkaarten/", False),
        ("https://werkkaarten.example./", False),
        ("https://www.example-gemeente.nl/werkkaarten/", False),
        ("http://www.gemeente-voorbeeld.nl/werkkaarten/", False),
        ("https://www.gemeente-voorbeeld.nl/werkkaarten/?x=1#y", False),
        ("https://www.gemeente-voorbeeld.nl/werkkaarten/#", False),
        ("https://user:geheim@www.gemeente-voorbeeld.nl/werkkaarten/", False),
        ("ftp://www.gemeente-voorbeeld.nl/", False),
    ],
)
def test_publish_refuses_an_address_no_reader_can_reach_or_that_leaks(url: str, publishable: bool) -> None:
    assert (unreachable(url) is None) == publishable, unreachable(url)


def test_printed_addresses_are_ascii() -> None:
    """Red when: an IDN host or a path with an accent reaches a PDF link or QR code unencoded (F13)."""
    assert printable("https://Werkkaarten.Gemeënte-Voorbeeld.de./jeugd/één") == (
        "https://werkkaarten.xn--gemente-voorbeeld-fub.de/jeugd/%C3%A9%C3%A9n/"
    )


def publish(site: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`scripts/build.py --publish` as `make publish` runs it: the refusal comes before any build step."""
    command = [sys.executable, str(ROOT / "scripts/build.py"), "--site", str(site), "--publish"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)


def test_make_publish_stops_before_building_for_a_placeholder(tmp_path: Path) -> None:
    run = publish(tmp_path / "site", TEST_ENV)
    assert run.returncode != 0
    assert "refusing to publish" in run.stderr + run.stdout
    assert not (tmp_path / "site").exists()


def test_make_publish_stops_before_building_without_a_publisher(tmp_path: Path) -> None:
    """Red when: an edition can be published without saying who publishes it (UX F9)."""
    env = {**TEST_ENV, "SITE_URL": "https://handboek.gemeente-voorbeeld.nl/", "WERKKAARTEN_UITGEVER": "Gemeente"}
    env.pop("WERKKAARTEN_CONTACT", None)
    run = publish(tmp_path / "site", env)
    assert run.returncode != 0
    assert "WERKKAARTEN_CONTACT is not set" in run.stderr and "WERKKAARTEN_UITGEVER" not in run.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("contact", "problem"),
    [
        ("werkkaarten@gemeente-voorbeeld.nl", False),
        ("https://www.gemeente-voorbeeld.nl/contact", False),
        ("http://www.gemeente-voorbeeld.nl/contact", True),
        ("javascript:alert(1)", True),
        ("bel ons", True),
    ],
)
def test_the_contact_is_an_address_a_reader_can_use(contact: str, problem: bool) -> None:
    edition = Edition.from_settings({"uitgever": "Gemeente", "contact": contact, "hergebruik": "Vrij."})
    assert bool(edition.problems()) == problem


def test_about_page_names_the_publisher_or_says_it_is_unset(page, handbook) -> None:
    """The test build sets no publisher: the page says so and names the three settings. With settings,
    the name is text (escaped), the contact a mail link."""
    section = page("over/").select_one(".wk-uitgave")
    assert "niet ingesteld" in section.get_text() and "WERKKAARTEN_HERGEBRUIK" in section.get_text()
    assert "niet goedgekeurd" in section.get_text()
    edition = Edition("Gemeente <b>Voorbeeld</b>", "jeugd@gemeente-voorbeeld.nl", "Vrij, met bron.")
    rendered = Renderer(handbook, SITE_URL, edition=edition).edition_notice("over/index.md")
    assert "<b>" not in rendered and "(mailto:jeugd@gemeente-voorbeeld.nl)" in rendered


def test_contract_update_never_joins_two_addresses(site: Path, tmp_path: Path) -> None:
    """Red when: update() appends to a file whose last line has no newline."""
    contract = tmp_path / "contract.txt"
    contract.write_text("# header\nopleiders/", encoding="utf-8")  # an editor dropped the final newline
    update(site, contract)
    addresses = read_contract(contract)
    assert "opleiders/" in addresses
    assert set(published_addresses(site)) <= set(addresses)
    assert all(line.count("/#") <= 1 and "//" not in line for line in addresses), addresses[:5]


def test_our_scripts_and_stylesheet_are_published_minified(site: Path) -> None:
    """What every first visit loads of ours carries no comments or indentation; the vendored QR library
    keeps its licence header. Red when: the build's minify step is dropped (scripts/build.py, minify_own)."""
    sources = ROOT / "docs"
    own = [path.relative_to(sources) for path in sorted((sources / "assets" / "javascripts").glob("*.js"))]
    own.append(Path("assets/stylesheets/werkkaarten.css"))
    for name in own:
        written, published = (sources / name).read_text(encoding="utf-8"), (site / name).read_text(encoding="utf-8")
        if name.name == "qrcode-generator.js":
            assert published == written, "the vendored library is published as it came"
            continue
        assert len(published) < 0.85 * len(written), f"{name}: not minified ({len(published)} of {len(written)})"
        assert "\n  " not in published and not re.search(r"/\*(?!!)", published), f"{name}: comments or indentation"
