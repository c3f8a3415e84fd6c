"""Every address the build writes: where a page, short link, QR code or PDF lives, how one page links
to another, and the published address (`site_url`) everything printed starts with.

One module, so a path rule is written once: a redirect page, a citation, a QR code and cards.json
cannot disagree about where a page is.

The published address: every printed link (PDFs, QR codes, citations, cards.json) starts with it, so
one wrong character breaks or leaks all of them at once: a password, a `?query` or `#fragment` that
every page address is glued behind, or a host only the editor's own machine knows. `printable` writes
the one form all of them use (ASCII, as PDF link actions and QR readers need); `unreachable` says why
an address cannot be the published one, for `build.py --publish`.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import socket
from urllib.parse import quote, urlsplit, urlunsplit

#: Where a pack's handout is written, relative to the site root (scripts/make_pdfs.py).
PACK_PDF_DIR = "pdf/lespakket"
#: The PDF with every checklist, for trainers.
ALL_CHECKLISTS_PDF = "pdf/alle-checklists.pdf"
#: The page where a trainer puts an ad-hoc pack together; the selection lives in its address (?k=p1,cl4).
AD_HOC_PAGE = "lespakket.md"

#: Special-use and placeholder names (RFC 2606, 6761, 6762, 8375 and common intranet suffixes): no reader
#: outside the editor's network reaches them.
LOCAL_SUFFIXES = (
    ".localhost",
    ".local",
    ".localdomain",
    ".internal",
    ".intranet",
    ".lan",
    ".home",
    ".corp",
    ".home.arpa",
    ".test",
    ".invalid",
    ".example",
    ".onion",
)
#: The reserved example domains, and the example host the README uses.
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net", "example-gemeente.nl")


def _host(url: str) -> str:
    """The host as a reader's browser would look it up: lower case, no trailing dot, punycode."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def printable(url: str) -> str:
    """The address as every printed link writes it: an ASCII host, a percent-encoded path ending in '/'.

    A query, fragment or user name are left in; `unreachable` refuses them before a publish.
    """
    parts = urlsplit(url.strip())
    host = _host(url)
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username is not None:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~-._")
    return urlunsplit((parts.scheme.lower(), netloc, path.rstrip("/") + "/", parts.query, parts.fragment))


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a host name stands for, read as a browser does (`127.1`, `2130706433`, `0x7f000001`)."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if not host.replace(".", "").replace("x", "").isalnum():
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def local_reason(url: str) -> str | None:
    """Why an address is a local or placeholder one (a build may still use it, and says so), or None."""
    parts = urlsplit(url.strip())
    host = _host(url)
    if parts.scheme.lower() not in ("http", "https") or not host:
        return "not a web address"
    address = _ip(host)
    if address is not None:
        if address.is_global:
            return None
        return f"{host} is a private or local address"
    if "." not in host:
        return f"{host} is a single-label host that only a local network knows"
    if host == "localhost" or f".{host}".endswith(LOCAL_SUFFIXES) or host.endswith(EXAMPLE_HOSTS):
        return f"{host} is a local or placeholder host"
    return None


def unreachable(url: str) -> str | None:
    """Why a reader could not reach, or should not be given, this address; None when it can be published."""
    parts = urlsplit(url.strip())
    if parts.username is not None or parts.password is not None:
        return "it holds a user name or password, which every printed link would carry"
    if parts.query or parts.fragment or url.strip().endswith(("?", "#")):
        return "it has a ?query or #fragment, and every page address would be glued behind it"
    reason = local_reason(url)
    if reason:
        return reason
    if parts.scheme.lower() != "https":
        return "it is not https; QR codes and PDFs would send readers to an unencrypted address"
    return None


# -- codes and the paths derived from them ------------------------------------------------------


def code_number(code: str) -> int:
    """The number of a code (P3 → 3, CL12 → 12, LP1 → 1): codes sort by it within their prefix."""
    return int(re.sub(r"\D", "", code))


def short_link_path(code: str) -> str:
    """Short links use the code (printed on every card and checklist): k/p3/, k/cl2/."""
    return f"k/{code.lower()}/"


def short_link_page(code: str) -> str:
    """The short link as the page path a redirect stands in for: k/p3/ is the page "k/p3.md"."""
    return f"k/{code.lower()}.md"


def qr_path(code: str) -> str:
    """QR codes for slides, one SVG per code, written by the post-build export."""
    return f"qr/{code.lower()}.svg"


def pdf_path(checklist_id: str) -> str:
    """Where the PDF of a checklist is written (scripts/make_pdfs.py), relative to the site root."""
    return f"pdf/{checklist_id}.pdf"


def pack_pdf_path(pack_id: str) -> str:
    """The handout PDF of a pack, next to the checklist PDFs."""
    return f"{PACK_PDF_DIR}/{pack_id}.pdf"


# -- pages and links between them ---------------------------------------------------------------


def page_url(src_uri: str) -> str:
    """Where MkDocs publishes a page, relative to the site root (directory URLs): x/y.md and x/y/index.md
    are both x/y/."""
    path = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{path}/" if path else ""


def relative_link(from_src_uri: str, to_src_uri: str, anchor: str = "") -> str:
    """A link from one Markdown file to another, as MkDocs resolves it (relative to the source file).

    A link within the page is only its anchor: builders write a link to the page itself differently
    (MkDocs `./#x`, Zensical `../page/#x`), and `#x` needs no rewriting by either."""
    if anchor and from_src_uri == to_src_uri:
        return f"#{anchor}"
    link = posixpath.relpath(to_src_uri, posixpath.dirname(from_src_uri) or ".")
    return f"{link}#{anchor}" if anchor else link


def site_relative(from_page: str, to_path: str) -> str:
    """A link from a page address (x/y/) to a site path, as a browser resolves it."""
    link = posixpath.relpath(to_path or ".", from_page.rstrip("/") or ".")
    return link + "/" if to_path.endswith("/") and not link.endswith("/") else link


def way_to_root(page_uri: str) -> str:
    """The way back to the site root from a page as published (x/y/ → ../../), '' at the root."""
    root = posixpath.relpath(".", page_url(page_uri).rstrip("/") or ".")
    return "" if root == "." else root + "/"


def way_to_root_offline(page_uri: str) -> str:
    """The way back to the site root from a page of the offline edition (x/y.html → ../)."""
    root = posixpath.relpath(".", posixpath.dirname(page_uri) or ".")
    return "" if root == "." else root + "/"


def built_file_link(page_uri: str, path: str, directory_urls: bool, rewrites_links: bool) -> str:
    """A link from a page to a file the build writes outside docs/ (PDFs, cards.json, QR codes).

    MkDocs leaves a link to a file it does not know as written, so for MkDocs the link is computed
    from where the page is written: `x/index.html` with directory URLs, `x.html` in the offline
    edition. Zensical rewrites every relative link in a page as if it were relative to the Markdown
    file (`rewrites_links`), so for Zensical it is written that way.
    """
    if rewrites_links:
        return posixpath.relpath(path, posixpath.dirname(page_uri) or ".")
    stem = page_uri.removesuffix(".md")
    in_own_folder = directory_urls and not stem.endswith("index") and stem != "index"
    page_dir = stem if in_own_folder else posixpath.dirname(stem)
    return posixpath.relpath(path, page_dir or ".")
