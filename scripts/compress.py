"""Write a gzip and a Brotli copy next to every text file of the built site, for hosts that serve them.

A reader's first visit loads Material's search index, script and stylesheet. Compressing them once,
at the highest levels, makes them smaller than a host compressing on the fly can afford to: nginx
serves `x.br` or `x.gz` for `x` with `brotli_static` and `gzip_static` (scripts/nginx.py shows the
configuration we ship), and hosts that compress by themselves simply ignore the copies. Copies are
byte-identical from build to build (no timestamp, no file name in the gzip header), like the rest
of the site.

Usage: python scripts/compress.py --site site
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import brotli

#: Text formats worth compressing; PDFs and images are compressed already.
SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"})
#: Below this size a compressed copy saves less than a packet.
MIN_BYTES = 1024


def compressible(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*")
        if path.suffix in SUFFIXES and path.is_file() and path.stat().st_size >= MIN_BYTES
    )


def compressed(data: bytes) -> tuple[bytes, bytes]:
    """The gzip and Brotli copies of one file: at the highest levels, and a function of its bytes alone."""
    return gzip.compress(data, compresslevel=9, mtime=0), brotli.compress(data, quality=11)


def compress_site(site: Path) -> tuple[int, int, int, int]:
    """Write the copies; return (files, raw bytes, gzip bytes, Brotli bytes)."""
    files = compressible(site)
    raw = gz = br = 0
    for path in files:
        data = path.read_bytes()
        gzipped, brotlied = compressed(data)
        path.with_name(path.name + ".gz").write_bytes(gzipped)
        path.with_name(path.name + ".br").write_bytes(brotlied)
        raw, gz, br = raw + len(data), gz + len(gzipped), br + len(brotlied)
    return len(files), raw, gz, br


def compress_and_report(site: Path) -> str:
    """The build's step (scripts/build.py runs it in its own process): the copies and a summary line."""
    files, raw, gz, br = compress_site(site)
    return f"compressed {files} files: {raw / 1024:.0f} KB → gzip {gz / 1024:.0f} KB, Brotli {br / 1024:.0f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    args = parser.parse_args()
    print(compress_and_report(args.site))


if __name__ == "__main__":
    main()
