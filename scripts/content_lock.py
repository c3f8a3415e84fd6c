"""Record the handbook's content as it is now (docs/_data/vastgelegd.yml), after its changes are noted.

The build refuses content that changed without a change note (macros/content_lock.py); this script
writes the new fingerprints once the notes are there, so the next edit is compared with this state.
It reads and checks the whole handbook first, so it never records an unrecorded change.

Usage:
    python scripts/content_lock.py            # list pages whose recorded state is out of date; exit 1 if any
    python scripts/content_lock.py --update   # record the current state (make vastleggen)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content_lock import lock_text, stale  # noqa: E402
from macros.errors import HandbookError  # noqa: E402
from macros.loading import DATA_DIR  # noqa: E402
from macros.validation import load_handbook  # noqa: E402

LOCK_FILE = "vastgelegd.yml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--update", action="store_true", help="write the current state to the lock file")
    args = parser.parse_args()
    try:
        handbook = load_handbook(args.docs)
    except HandbookError as error:
        print(error, file=sys.stderr)
        return 1
    out_of_date = stale(handbook)
    if args.update:
        (args.docs / DATA_DIR / LOCK_FILE).write_text(lock_text(handbook), encoding="utf-8")
        print(f"docs/{DATA_DIR}/{LOCK_FILE}: {len(out_of_date)} page(s) recorded anew")
        return 0
    for key in out_of_date:
        print(f"docs/{key}: not recorded in docs/{DATA_DIR}/{LOCK_FILE}: run `make vastleggen`", file=sys.stderr)
    return 1 if out_of_date else 0


if __name__ == "__main__":
    sys.exit(main())
