"""Write security headers for common static hosts, with a Content-Security-Policy the site satisfies.

Material puts a few small inline scripts in every page (theme and palette set-up). Rather than
allowing every inline script, the policy lists the SHA-256 hash of each one found in the built
site, so only those run. The same policy is written as a `_headers` file (Netlify, Cloudflare
Pages and others) and as an nginx snippet, both into the built site.

Usage: python scripts/security_headers.py [--site site]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def inline_script_hashes(site: Path) -> list[str]:
    hashes: set[str] = set()
    for page in site.rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find_all("script"):
            if script.get("src") or script.get("type") == "application/json":
                continue
            digest = hashlib.sha256(script.string.encode("utf-8")).digest() if script.string else b""
            if digest:
                hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes)


def policy(site: Path) -> dict[str, str]:
    """The headers every response should carry."""
    csp = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(inline_script_hashes(site)),
            # Material sets a few style attributes from its scripts (e.g. the sidebar height).
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        # Readers work on sensitive cases: a link they follow must not tell the next site where they were.
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }


def write(site: Path) -> dict[str, str]:
    headers = policy(site)
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    (site / "_headers").write_text(netlify, encoding="utf-8")
    nginx = "# Include in the server block that serves the site.\n" + "".join(
        f'add_header {name} "{value}" always;\n' for name, value in headers.items()
    )
    (site / "nginx-security-headers.conf").write_text(nginx, encoding="utf-8")
    return headers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    headers = write(args.site)
    print(f"_headers and nginx-security-headers.conf written ({len(headers)} headers)")


if __name__ == "__main__":
    main()
