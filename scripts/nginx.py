"""Serve a built site with Debian's nginx, as production does: under a sub-path, with the site's own
security headers (`nginx-security-headers.conf`, written by scripts/security_headers.py) and its
404 page.

The browser tests use `serve_nginx`; `render_conf` gives the nginx.conf text, readable and reusable
as the starting point of a real server block. nginx runs in the foreground on 127.0.0.1, as the
current user, with every file it writes (pid, logs, temp directories) in a temporary prefix: no
system paths, no system service. nginx itself comes from Debian (`make nginx`: scripts/ensure_debian_package.sh).

Usage: python scripts/nginx.py [--site site] [--port 8080] [--print-conf]
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import os
import pwd
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.browser import free_port  # noqa: E402 - the project root must be on the path first

#: The file scripts/security_headers.py writes into the site: `add_header ... always;` lines.
HEADERS_CONF = "nginx-security-headers.conf"
#: nginx's configuration parser takes at most this many characters in one parameter (NGX_CONF_BUFFER).
NGINX_MAX_PARAMETER = 4096
#: nginx's temporary directories; each is set, so none falls back to /var/lib/nginx.
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
#: Text types compressed on the fly, as a production server would (text/html always is).
GZIP_TYPES = "text/css application/javascript application/json image/svg+xml text/xml application/xml text/plain"
#: Debian's module that serves the build's pre-compressed `x.br` files (libnginx-mod-http-brotli-static).
BROTLI_STATIC = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


class NginxError(RuntimeError):
    """nginx is missing, rejects its configuration or does not start."""


def nginx_path() -> str:
    """Debian's nginx, or the one named by $NGINX; a clear message when there is none."""
    # /usr/sbin is not on a normal user's PATH on Debian, so it is named as well.
    for candidate in (os.environ.get("NGINX"), "nginx", "/usr/sbin/nginx"):
        if candidate and (found := shutil.which(candidate)):
            return found
    raise NginxError(
        "nginx not found: the browser tests serve the site with Debian's nginx. Install it with "
        "'make nginx' (scripts/ensure_debian_package.sh: apt-get install nginx, as root or with sudo), "
        "or set $NGINX=/path/to/nginx."
    )


def mime_types_path(nginx: str) -> Path:
    """The mime.types shipped next to nginx's own configuration (/etc/nginx/mime.types on Debian)."""
    built_with = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=False).stderr
    conf_path = re.search(r"--conf-path=(\S+)", built_with)
    candidates = [Path(conf_path.group(1)).parent / "mime.types"] if conf_path else []
    candidates.append(Path("/etc/nginx/mime.types"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise NginxError(f"nginx's mime.types not found (looked at {', '.join(map(str, candidates))})")


def worker_user(site: Path) -> str:
    """The `user` line: run as root, nginx's workers become the owner of the site, so they can read it."""
    if os.geteuid() != 0:
        return "# Not started as root: nginx runs as the current user (no `user` directive)."
    stat = site.stat()
    return f"user {pwd.getpwuid(stat.st_uid).pw_name} {grp.getgrgid(stat.st_gid).gr_name};"


def _q(path: Path | str) -> str:
    """A path as an nginx string (quoted, so spaces are fine)."""
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_conf(
    site: Path, prefix: str, port: int, workdir: Path, mime_types: Path, user: str = "", tls: bool = False
) -> str:
    """The nginx.conf that serves `site` under `prefix` on 127.0.0.1:`port`; nginx writes only in `workdir`.

    With `tls`, over HTTPS and HTTP/2 with the certificate `self_signed` made in `workdir`: how a
    production host serves, where the response headers repeated on every request are compressed
    (HPACK) and cost a few bytes each, not their full length as over HTTP/1.1.
    """
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    site, workdir = site.resolve(), workdir.resolve()
    temp = "\n".join(f"    {kind}_temp_path {_q(workdir / kind)};" for kind in TEMP_KINDS)
    # The build writes x.br and x.gz next to every text file (scripts/compress.py): served as they
    # are, they are smaller than on-the-fly compression, and cost the server nothing per request.
    brotli_module = f"load_module {_q(BROTLI_STATIC)};" if BROTLI_STATIC.exists() else ""
    brotli = (
        "brotli_static on;" if BROTLI_STATIC.exists() else "# brotli_static: install libnginx-mod-http-brotli-static"
    )
    # Nothing is published outside the sub-path: a link that escapes it is a 404 (at the root there
    # is no outside).
    outside = (
        ""
        if prefix == "/"
        else "\n        # Outside the sub-path nothing is published.\n"
        "        location / {\n            return 404;\n        }"
    )
    tls_files = (
        f"        ssl_certificate {_q(workdir / 'tls.crt')};\n        ssl_certificate_key {_q(workdir / 'tls.key')};"
        if tls
        else ""
    )
    return f"""\
# Serves {site} under {prefix} on http{"s" if tls else ""}://127.0.0.1:{port}{prefix}
# Written by scripts/nginx.py. Every file nginx writes is in {workdir}.
{brotli_module}
daemon off;
worker_processes 1;
{user}
pid {_q(workdir / "nginx.pid")};
lock_file {_q(workdir / "nginx.lock")};
error_log {_q(workdir / "error.log")} warn;

events {{
    worker_connections 256;
}}

http {{
    include {_q(mime_types)};
    default_type application/octet-stream;
    access_log {_q(workdir / "access.log")};
{temp}
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    gzip on;
    gzip_types {GZIP_TYPES};
    gzip_static on;
    {brotli}

    server {{
        listen 127.0.0.1:{port}{" ssl http2" if tls else ""};
        server_name localhost;
{tls_files}

        # The site's security headers, exactly as the build wrote them (`add_header ... always;`,
        # so error pages carry them too). No add_header below: it would replace these.
        include {_q(site / HEADERS_CONF)};

        # Any missing page, inside or outside the sub-path, gets the site's own 404 page.
        error_page 404 {prefix}404.html;

        location {prefix} {{
            alias {_q(f"{site}/")};
            index index.html;
        }}

{outside}
    }}
}}
"""


def _rejected(conf: Path, stderr: str, site: Path) -> str:
    """Why nginx refuses the configuration, with the configuration itself."""
    message = f"nginx refuses the configuration:\n{stderr.strip()}"
    longest = max((site / HEADERS_CONF).read_text(encoding="utf-8").splitlines(), key=len, default="")
    if "too long parameter" in stderr and len(longest) > NGINX_MAX_PARAMETER:
        message += (
            f"\n{HEADERS_CONF} has a line of {len(longest)} characters; nginx reads at most"
            f" {NGINX_MAX_PARAMETER} per parameter, so production nginx would refuse this snippet too."
        )
    return f"{message}\n--- {conf} ---\n{conf.read_text()}"


def _log(workdir: Path) -> str:
    parts = [(workdir / name).read_text(errors="replace") for name in ("stderr.log", "error.log")]
    return "".join(part for part in parts if part).strip() or "(no output)"


#: Our own self-signed certificate on 127.0.0.1: checked by nobody, only to see that nginx answers.
_UNVERIFIED = ssl.create_default_context()
_UNVERIFIED.check_hostname = False
_UNVERIFIED.verify_mode = ssl.CERT_NONE


def self_signed(workdir: Path) -> None:
    """tls.crt and tls.key for 127.0.0.1, valid for a day, made with Debian's openssl."""
    files = ["-keyout", str(workdir / "tls.key"), "-out", str(workdir / "tls.crt")]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", *files],
        check=True,
        capture_output=True,
    )


def _wait_until_serving(process: subprocess.Popen, url: str, workdir: Path, timeout: float = 15) -> None:
    """Return once nginx answers `url`; raise with its log when it exits or does not answer in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxError(f"nginx exited with code {process.returncode}:\n{_log(workdir)}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=_UNVERIFIED if url.startswith("https") else None):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if with an error page
        except OSError:
            time.sleep(0.05)
    raise NginxError(f"nginx did not answer {url} within {timeout} s:\n{_log(workdir)}")


@contextlib.contextmanager
def serve_nginx(site: Path, prefix: str = "/werkkaarten/", port: int = 0, tls: bool = False) -> Iterator[str]:
    """Serve the built `site` with nginx on 127.0.0.1 under `prefix`, on `port` (0: a free one); with
    `tls` over HTTPS and HTTP/2, with a self-signed certificate (a browser must be told to accept it).

    The site must hold nginx-security-headers.conf (scripts/security_headers.py). Yields the base
    URL, ending in '/'; stops nginx and removes its temporary prefix afterwards.
    """
    site = Path(site).resolve()
    if not (site / HEADERS_CONF).is_file():
        raise NginxError(f"{site / HEADERS_CONF} is missing: run scripts/security_headers.py --site {site}")
    nginx = nginx_path()
    mime_types = mime_types_path(nginx)
    with tempfile.TemporaryDirectory(prefix="werkkaarten-nginx-") as tmp:
        workdir = Path(tmp)
        conf = workdir / "nginx.conf"
        if tls:
            self_signed(workdir)
        # A free port can be taken between the probe and nginx's bind: try another one then.
        for attempt in range(3):
            chosen = port or free_port()
            conf.write_text(render_conf(site, prefix, chosen, workdir, mime_types, worker_user(site), tls))
            command = [nginx, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(conf)]
            check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
            if check.returncode != 0:
                raise NginxError(_rejected(conf, check.stderr, site))
            url = f"http{'s' if tls else ''}://127.0.0.1:{chosen}{prefix}"
            with (workdir / "stderr.log").open("w") as stderr:
                process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                _wait_until_serving(process, url, workdir)
            except NginxError as error:
                _stop(process)
                if port or attempt == 2 or "Address already in use" not in str(error):
                    raise
                continue
            break
        try:
            yield url
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # SIGTERM: nginx's fast shutdown, the worker goes with the master
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--prefix", default="/werkkaarten/")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--print-conf", action="store_true", help="print the nginx.conf and exit")
    args = parser.parse_args()
    if args.print_conf:
        workdir = Path(tempfile.gettempdir()) / "werkkaarten-nginx"
        user = worker_user(args.site)
        print(render_conf(args.site, args.prefix, args.port, workdir, mime_types_path(nginx_path()), user), end="")
        return
    with serve_nginx(args.site, args.prefix, args.port) as url:
        print(f"Serving {args.site} with nginx on {url} (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
