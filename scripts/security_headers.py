"""The site's security policy: a fixed allow-list, checked against the built site, then shipped as headers.

The policy is written here, not derived from the output: the site runs only the script files listed
in ALLOWED_SCRIPTS, from its own host, and no inline script at all (Material's small start-up
scripts come from files, see overrides/partials/javascripts/). `check()` reads every built page
and stylesheet and reports anything outside the policy: an inline script, an event handler
attribute (`on...=`), an address with a scheme other than http, https, mailto and tel (so no
`javascript:`, however it is spelt), a `ping=`, a script that is not on the list, or a script,
style, image, frame or object from another host. A build with any of them fails, naming the page
and the element. Addresses are read as a browser reads them, the way the check of the Markdown
source reads them (macros/body.py: HTML references decoded, leading and trailing control characters
and spaces stripped, tabs and line breaks removed, as WHATWG URL parsing does). Only then are the
headers written: `_headers` (Netlify, Cloudflare Pages and others) and `nginx-security-headers.conf`,
each line within the hosts' limits.

Usage: python scripts/security_headers.py [--site site]
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.body import SAFE_SCHEMES, decoded, is_remote, unsafe_scheme  # noqa: E402
from scripts.project import site_url  # noqa: E402

#: The script files the site is meant to run, by path from the site root. Anything else fails.
ALLOWED_SCRIPTS = (
    re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"),  # Material's bundle
    # ours
    re.compile(
        r"assets/javascripts/(?:theme-start|theme-palette|kopieerknoppen|doorverwijzing|lespakket|lespakket-samenstellen|zoeken)\.js"
    ),
    re.compile(r"assets/javascripts/iframe-worker-shim\.js"),  # search from file:// (offline edition)
    # The ad-hoc pack's QR code: qrcode-generator 2.0.4 from npm, vendored as is (MIT; its licence is in
    # its header); lespakket-samenstellen.js adds it to the pack page only. No eval, no request.
    re.compile(r"assets/javascripts/qrcode-generator\.js"),
)
#: Script types a browser does not run (Material's configuration is JSON in a script element).
DATA_SCRIPT_TYPES = {"application/json"}
#: Elements that would embed another document or plug-in; the handbook has none.
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
#: Attributes whose value is an address that a browser follows or loads (`data-doel` is the target
#: doorverwijzing.js sends a short link's reader to).
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "xlink:href",
    "data-doel",
)
#: SVG animation elements that can set an attribute, and so an address (`<set attributeName="href" to=…>`).
ANIMATING = {"set", "animate"}
#: <link> relations that make the browser fetch the address (canonical and alternate do not).
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest", "apple-touch-icon"}
#: Cloudflare Pages reads at most 2,000 characters per `_headers` line; nginx has no lower limit.
MAX_HEADER_LINE = 2000

_SCRIPT_SCHEMES = {"javascript", "vbscript"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: A refresh: a delay, then `url=` and the address (quoted or not).
_REFRESH = re.compile(r"""^\s*\d[\d.]*\s*[;,]?\s*url\s*=\s*(["']?)(.*?)\1\s*$""", re.IGNORECASE | re.DOTALL)
_CSS_REMOTE = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*['\"]?\s*((?:https?:)?//[^'\")\s]*)", re.IGNORECASE)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Files only: no inline script, no eval, no other host. 'wasm-unsafe-eval' lets Pagefind's own
        # WebAssembly (pagefind/*.pagefind, from this site) compile; it does not allow eval().
        "script-src 'self' 'wasm-unsafe-eval'",
        # Material sets a few style attributes from its scripts (e.g. the sidebar height).
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # Readers work on sensitive cases: a link they follow must not tell the next site where they were.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def _visible(value: str) -> str:
    """Control characters written out (`\\t`, `\\x01`), so a message stays on one line and shows them."""
    return _CONTROL.sub(lambda match: repr(match.group(0))[1:-1], value)


def _snippet(element: lxml.html.HtmlElement) -> str:
    attributes = " ".join(f'{name}="{_visible(value[:60])}"' for name, value in element.attrib.items())
    return f"<{element.tag}{' ' + attributes if attributes else ''}>"


def _site_path(page: str, url: str, base_path: str) -> str:
    """A same-site address as a path from the site root ('' when it leaves the site).

    Pages link relatively; only the 404 page, served at any depth, links from the root
    (`/werkkaarten/...`, the path of site_url).
    """
    url = url.split("#")[0].split("?")[0]
    if url.startswith("/"):
        return url[len(base_path) :] if url.startswith(base_path) else ""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
    return "" if joined.startswith("..") else joined


def _address_problem(value: str) -> str | None:
    """What is wrong with an address a browser would follow or load, or None.

    Only http, https, mailto and tel addresses and addresses relative to the page are allowed:
    `java&#x09;script:`, `&#x01;javascript:` and ` JaVaScRiPt:` are all `javascript:` to a browser.
    """
    scheme = unsafe_scheme(decoded(value))
    if scheme is None:
        return None
    if scheme in _SCRIPT_SCHEMES:
        return "is a script address"
    return f"uses the scheme {scheme}: (allowed: {', '.join(sorted(SAFE_SCHEMES))} and relative addresses)"


def _remote(value: str) -> bool:
    return is_remote(decoded(value))


def _refresh_problem(content: str) -> str | None:
    """A refresh may only send the reader to a page of this site (the short links and moved pages)."""
    match = _REFRESH.match(content)
    if match is None or _remote(match.group(2)) or _address_problem(match.group(2)) is not None:
        return "only a redirect to a page of this site may use http-equiv"
    return None


def check_page(site: Path, page: str, base_path: str = "/") -> list[str]:
    """Everything on one built page that is outside the policy, one line each."""
    return check_html(page, (site / page).read_bytes(), base_path)


def check_html(page: str, html: bytes | str, base_path: str = "/") -> list[str]:
    """Everything in one page's HTML that is outside the policy, one line each (`page` names it)."""
    tree = lxml.html.fromstring(html)
    found: list[str] = []

    def bad(element: lxml.html.HtmlElement, reason: str) -> None:
        found.append(f"site/{page}: {_snippet(element)}: {reason}")

    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower()
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                bad(element, f"event handler attribute {name}= (scripts come from files only)")
            elif name in URL_ATTRIBUTES and (problem := _address_problem(value)):
                bad(element, f"{name} {problem}")
            elif name == "ping":
                bad(element, "ping= sends a request when the link is followed (the site sends none)")
            elif name == "style" and _CSS_REMOTE.search(value):
                bad(element, "style loads from another host")
        if tag in ANIMATING and (element.get("attributename") or "").lower() in URL_ATTRIBUTES:
            bad(element, "an animation may not set an address")
        if tag in EMBEDDING:
            bad(element, f"<{tag}> is not part of this site")
        elif tag == "script":
            src = element.get("src")
            if src is None:
                if (element.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
                    bad(element, "inline script (scripts come from files only)")
            elif _remote(src) or not any(p.fullmatch(_site_path(page, src, base_path)) for p in ALLOWED_SCRIPTS):
                bad(element, "script is not on the allow-list (scripts/security_headers.py)")
        elif tag == "style" and _CSS_REMOTE.search(element.text or ""):
            bad(element, "style loads from another host")
        elif tag == "link" and FETCHING_LINKS & set((element.get("rel") or "").lower().split()):
            if _remote(element.get("href", "")):
                bad(element, "loads from another host")
        elif tag == "meta" and element.get("http-equiv"):
            equiv = element.get("http-equiv", "").lower()
            problem = _refresh_problem(element.get("content", "")) if equiv == "refresh" else None
            if equiv != "refresh" or problem:
                bad(element, problem or "only a redirect to a page of this site may use http-equiv")
        for name in ("src", "srcset", "poster", "data"):
            value = element.get(name)
            addresses = [_candidate(part) for part in value.split(",")] if name == "srcset" and value else [value]
            if value and tag != "script" and any(_remote(address) for address in addresses):
                bad(element, f"{name} loads from another host")
    return found


def _candidate(part: str) -> str:
    """The address of one `srcset` candidate (`img.png 2x`): the browser splits it at white space."""
    words = part.split()
    return words[0] if words else ""


def check(site: Path, base_path: str = "/") -> list[str]:
    """Every violation of the policy in a built site (pages and stylesheets)."""
    found: list[str] = []
    for path in sorted(site.rglob("*.html")):
        found.extend(check_page(site, path.relative_to(site).as_posix(), base_path))
    for path in sorted(site.rglob("*.css")):
        for match in _CSS_REMOTE.finditer(path.read_text(encoding="utf-8")):
            found.append(
                f"site/{path.relative_to(site).as_posix()}: {match.group(1)}: stylesheet loads from another host"
            )
    return found


def header_files() -> dict[str, str]:
    """The two files the build ships: `_headers` and an nginx snippet, from the one policy."""
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in HEADERS.items())
    nginx = "# Include in the server or location block that serves the site.\n" + "".join(
        f'add_header {name} "{value}" always;\n' for name, value in HEADERS.items()
    )
    for name, text in (("_headers", netlify), ("nginx-security-headers.conf", nginx)):
        for line in text.splitlines():
            if len(line) > MAX_HEADER_LINE:
                raise SystemExit(f"{name}: a line of {len(line)} characters; hosts read at most {MAX_HEADER_LINE}")
    return {"_headers": netlify, "nginx-security-headers.conf": nginx}


def write(site: Path, base_path: str = "/") -> dict[str, str]:
    """Check the site against the policy; write the header files only when it passes."""
    violations = check(site, base_path)
    if violations:
        shown = "\n".join(f"  - {line}" for line in violations[:50])
        more = f"\n  ... and {len(violations) - 50} more" if len(violations) > 50 else ""
        raise SystemExit(f"Security policy: {len(violations)} problem(s) in the built site:\n{shown}{more}")
    for name, text in header_files().items():
        (site / name).write_text(text, encoding="utf-8")
    return HEADERS


def check_and_write(site: Path, project: Path) -> str:
    """The build's step (scripts/build.py runs it in its own process): a summary line, or SystemExit
    naming every problem."""
    headers = write(site, urlparse(site_url(project)).path or "/")
    return f"security policy holds; _headers and nginx-security-headers.conf written ({len(headers)} headers)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project whose site_url gives the path")
    args = parser.parse_args()
    print(check_and_write(args.site, args.project))


if __name__ == "__main__":
    main()
