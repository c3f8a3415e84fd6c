"""Shared helpers for scripts and tests that need a real browser and a local server.

Chromium comes from Debian (`apt-get install chromium`), never from a browser download; these
helpers find it, start it with the flags a closed network needs, and serve a built site over HTTP
under a sub-path, as static hosting would.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli

#: Flags for a headless Chromium on a machine without internet: no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    """A port that is free now, for a site that must be built for the address it is served from."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


#: Browsers a reader uses, in the order they are looked for.
DESKTOP_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str:
    """The Chromium that prints the PDFs and runs the browser tests: the one named by $CHROMIUM, else
    Debian's headless shell (the same Chromium without a window: about a fifth less CPU for the same
    pages, which the 2-core test run feels), else a desktop Chromium; a clear message when there is none."""
    return _first_installed("chromium-headless-shell", "chromium-headless-shell", *DESKTOP_CHROMIUMS)


def desktop_chromium_path() -> str:
    """A reader's Chromium, for Lighthouse: it measures what a reader's browser does, so not the shell."""
    return _first_installed("chromium", *DESKTOP_CHROMIUMS)


def _first_installed(package: str, *names: str) -> str:
    """$CHROMIUM, else the first of `names` on PATH; else a message naming Debian's `package`."""
    for candidate in (os.environ.get("CHROMIUM"), *names):
        if candidate and (found := shutil.which(candidate)):
            return found
    raise SystemExit(f"Chromium not found: install it with 'apt-get install {package}' or set $CHROMIUM.")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _SubPathHandler(_QuietHandler):
    """Serves the site only under `prefix`, so a link that escapes the sub-path gets a 404."""

    prefix = "/"
    extra_headers: dict[str, str] = {}  # noqa: RUF012 - set per server by serve()

    #: Compress on the fly, as a static host or CDN does: "" (no), "gzip" (level 6, GitHub Pages) or "br"
    #: (Brotli at quality 5, for hosts that offer Brotli and choose their own level).
    encoding = ""
    #: File types worth compressing, as a static host or CDN would.
    compressible = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        """Like a static host: compress text files when the browser accepts it."""
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        accepts = self.encoding in self.headers.get("Accept-Encoding", "")
        if not (self.encoding and accepts and path.is_file() and path.suffix in self.compressible):
            super().do_GET()
            return
        data = path.read_bytes()
        body = gzip.compress(data, compresslevel=6) if self.encoding == "gzip" else brotli.compress(data, quality=5)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", self.encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(self.prefix) :])


@contextlib.contextmanager
def serve(
    site: Path,
    prefix: str = "/werkkaarten/",
    headers: dict[str, str] | None = None,
    compress: bool | str = False,
    port: int = 0,
) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 under `prefix` (with `headers` on every response, compressing on the fly
    if asked: True or "gzip" for gzip, "br" for Brotli).

    Yields the base URL, ending in '/'.
    """
    encoding = "gzip" if compress is True else (compress or "")
    settings = {"prefix": prefix, "extra_headers": headers or {}, "encoding": encoding}
    handler = type("Handler", (_SubPathHandler,), settings)
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
