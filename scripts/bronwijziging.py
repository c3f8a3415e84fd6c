"""Which cards to review when a source is revised: compare a new version of a source with the source map.

The source map (docs/_data/herkomst.yml) cuts each source into sections that open with a phrase quoted
from the source (`starts`) and names the card sections that carry each. This script finds every section
in the old and in the new text and lists, per section that changed, disappeared or was added, the card
sections to review with the date each card was last reviewed. It exits 1 when a section can no longer be
found in the new text: the map must then be brought up to date (a new `starts`, or the section removed).

The old text is the version the map was made from: `--oud`, or the source text in WERKKAARTEN_SEEDS
(default ../shared/seeds, the file <key>_*.txt).

Usage:
    python scripts/bronwijziging.py 003 pad/naar/nieuwe-versie.txt        (make bronwijziging BRON=003 TEKST=...)
    python scripts/bronwijziging.py 003 nieuw.txt --oud oud.txt --docs tests/fixture/docs
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.errors import HandbookError  # noqa: E402
from macros.handbook import Handbook, Passage  # noqa: E402
from macros.validation import load_handbook  # noqa: E402

#: Words added at the end of a section without any other change, from which on it counts as a new section.
NEW_SECTION_WORDS = 8


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def spans(text: str, passages: list[Passage]) -> list[tuple[Passage, int, int] | tuple[Passage, None, None]]:
    """Where each section lies in a text, in order: (passage, start, end), or (passage, None, None) when
    its opening phrase is not found after the previous section's start."""
    found: list[tuple[Passage, int | None]] = []
    position = 0
    for passage in passages:
        at = text.find(normalise(passage.section.starts), position)
        found.append((passage, at if at >= 0 else None))
        if at >= 0:
            position = at + 1
    starts = [start for _, start in found if start is not None]
    result: list[tuple[Passage, int, int] | tuple[Passage, None, None]] = []
    for passage, begin in found:
        if begin is None:
            result.append((passage, None, None))
        else:
            end = next((s for s in starts if s > begin), len(text))
            result.append((passage, begin, end))
    return result


@dataclass
class Finding:
    """One section that changed (`gewijzigd`), disappeared (`weg`) or was added (`nieuw`, after `passage`)."""

    kind: str
    passage: Passage
    detail: str = ""


@dataclass
class Report:
    key: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def lost(self) -> bool:
        """A section of the map can no longer be found in the new text."""
        return any(finding.kind == "weg" for finding in self.findings)


def _words(text: str) -> list[str]:
    return text.split(" ")


def compare(handbook: Handbook, key: str, old_text: str, new_text: str) -> Report:
    """Every section of source `key` in the old and the new text: what changed, what went, what was added."""
    passages = handbook.passages(key)
    if not passages:
        raise ValueError(f"source {key} has no outline in docs/_data/herkomst.yml")
    old, new = normalise(old_text), normalise(new_text)
    old_spans = {id(p): (s, e) for p, s, e in spans(old, passages)}
    report = Report(key)
    for passage, start, end in spans(new, passages):
        old_start, old_end = old_spans[id(passage)]
        if start is None or end is None:
            report.findings.append(Finding("weg", passage, f"'{passage.section.starts}' staat niet meer in de tekst"))
            continue
        if old_start is None or old_end is None:
            raise ValueError(f"source {key}: '{passage.section.starts}' is not in the old text; is it the right one?")
        before, after = _words(old[old_start:old_end]), _words(new[start:end])
        if before == after:
            continue
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        if all(op[0] == "insert" for op in changes) and sum(op[4] - op[3] for op in changes) >= NEW_SECTION_WORDS:
            added = " ".join(after[changes[0][3] : changes[0][3] + 8])
            report.findings.append(Finding("nieuw", passage, f"nieuwe tekst na dit deel: '{added} …'"))
        else:
            _, i1, i2, j1, j2 = changes[0]
            was, now = " ".join(before[i1:i2][:12]), " ".join(after[j1:j2][:12])
            report.findings.append(Finding("gewijzigd", passage, f"'{was}' → '{now}'"))
    return report


LABELS = {
    "gewijzigd": "GEWIJZIGD",
    "weg": "NIET MEER GEVONDEN",
    "nieuw": "NIEUW DEEL (na dit deel; bekijk waar het hoort)",
}


def format_report(handbook: Handbook, report: Report) -> str:
    """The report as an editor reads it: per section, the card sections to review and their review dates."""
    if not report.findings:
        return f"Bron {report.key}: geen verschil met de kaart van de bron; niets te herzien.\n"
    lines = [f"Bron {report.key}: {len(report.findings)} deel/delen om na te lopen.", ""]
    for finding in report.findings:
        section = finding.passage.section
        where = " › ".join(section.path) + (f" ({section.description})" if section.description else "")
        lines.append(f"{LABELS[finding.kind]}: deel {finding.passage.number}: {where}")
        lines.append(f"  {finding.detail}")
        if section.noise:
            lines.append(f"  weggelaten deel ({section.noise}): geen kaart te herzien")
        for carrier in handbook.carriers(finding.passage):
            card = carrier.card
            ref = f"{card.id}#{carrier.anchor}"
            lines.append(
                f"  - {card.code} {ref} ({carrier.heading}), docs/{handbook.paths[card.id]}, beoordeeld {card.reviewed}"
            )
        lines.append("")
    if report.lost:
        lines.append(
            "Een deel staat niet meer in de nieuwe tekst: werk docs/_data/herkomst.yml bij (starts, of het deel weg)."
        )
    return "\n".join(lines) + "\n"


def old_source(key: str) -> Path:
    """The version the map was made from: the source text in WERKKAARTEN_SEEDS (default ../shared/seeds)."""
    seeds = Path(os.environ.get("WERKKAARTEN_SEEDS", "../shared/seeds"))
    seeds = seeds if seeds.is_absolute() else ROOT / seeds
    found = sorted(seeds.glob(f"{key}_*.txt"))
    if not found:
        raise FileNotFoundError(f"no old text of source {key} in {seeds}; give it with --oud")
    return found[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bron", help="the source key, as in docs/_data/bronnen.yml (003)")
    parser.add_argument("tekst", type=Path, help="the new version of the source, as plain text (UTF-8)")
    parser.add_argument("--oud", type=Path, help="the version the map was made from (default: from the seeds)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    try:
        handbook = load_handbook(args.docs)
        old_path = args.oud or old_source(args.bron)
        old_text = old_path.read_text(encoding="utf-8")
        new_text = args.tekst.read_text(encoding="utf-8")
        report = compare(handbook, args.bron, old_text, new_text)
    except HandbookError as error:
        print(error, file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"bronwijziging: {error}", file=sys.stderr)
        return 2
    print(format_report(handbook, report), end="")
    return 1 if report.lost else 0


if __name__ == "__main__":
    sys.exit(main())
