"""The published address (`site_url`): how it is written on paper, and whether a reader can reach it.

Every printed link (PDFs, QR codes, citations, cards.json) starts with this address, so one wrong
character breaks or leaks all of them at once: a password, a `?query` or `#fragment` that every
page address is glued behind, or a host only the editor's own machine knows. `printable` writes
the one form all of them use (ASCII, as PDF link actions and QR readers need); `unreachable`
says why an address cannot be the published one, for `build.py --publish`.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import quote, urlsplit, urlunsplit

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
