"""Read the registries and every card from disk.

mkdocs-macros calls `define_env` before MkDocs reads any page, so the handbook cannot wait for
MkDocs: it reads the Markdown files itself and validates them before the first page renders.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import HandbookError, Problem, problems_from_validation
from .model import Card, Checklist, ChecklistRegistry, FamilyRegistry, Role, SourceRegistry, Term

#: Where registries live inside docs/ (excluded from the published site by mkdocs.yml).
DATA_DIR = "_data"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)

M = TypeVar("M", bound=BaseModel)

#: libyaml's loader where PyYAML was built with it (ten times faster than the pure-Python one).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def read_front_matter(path: Path, label: str) -> dict[str, Any]:
    """The YAML block at the top of a Markdown file; an empty dict when there is none."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        return {}
    try:
        data = _load_yaml(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark else "front matter"
        raise HandbookError([Problem(label, where, f"front matter is not valid YAML ({error})")]) from None
    if not isinstance(data, dict):
        raise HandbookError([Problem(label, "front matter", "must be a mapping of fields")])
    return data


def read_yaml(path: Path, label: str) -> Any:
    try:
        return _load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise HandbookError([Problem(label, "yaml", f"not valid YAML ({error})")]) from None
    except FileNotFoundError:
        raise HandbookError([Problem(label, "file", "registry file is missing")]) from None


def parse(model: type[M], data: Any, label: str, prefix: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise HandbookError(problems_from_validation(label, prefix, error)) from None


def load_registry(docs_dir: Path, name: str, model: type[M]) -> M:
    """A registry file that is one mapping, validated as one model."""
    label = f"docs/{DATA_DIR}/{name}"
    return parse(model, read_yaml(docs_dir / DATA_DIR / name, label), label, "")


def load_list(docs_dir: Path, name: str, model: type[M]) -> list[M]:
    """A registry file that is a list of entries; errors name the entry's position."""
    label = f"docs/{DATA_DIR}/{name}"
    raw = read_yaml(docs_dir / DATA_DIR / name, label)
    if not isinstance(raw, list):
        raise HandbookError([Problem(label, "yaml", "must be a list of entries")])
    return [parse(model, item, label, str(n)) for n, item in enumerate(raw)]


def load_registries(
    docs_dir: Path,
) -> tuple[SourceRegistry, FamilyRegistry, list[Role], list[Term], ChecklistRegistry]:
    return (
        load_registry(docs_dir, "bronnen.yml", SourceRegistry),
        load_registry(docs_dir, "families.yml", FamilyRegistry),
        load_list(docs_dir, "rollen.yml", Role),
        load_list(docs_dir, "begrippen.yml", Term),
        load_registry(docs_dir, "checklists.yml", ChecklistRegistry),
    )


def load_pages(docs_dir: Path) -> tuple[list[tuple[str, Card]], list[tuple[str, Checklist]]]:
    """Every card (`card:` key) and checklist (`checklist:` key), with its path relative to docs/.

    All files are read before any error is raised, so one build reports every broken file.
    """
    cards: list[tuple[str, Card]] = []
    checklists: list[tuple[str, Checklist]] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        if src_uri.startswith(f"{DATA_DIR}/"):
            continue
        label = f"docs/{src_uri}"
        try:
            meta = read_front_matter(path, label)
            if "card" in meta:
                cards.append((src_uri, parse(Card, meta["card"], label, "card")))
            if "checklist" in meta:
                checklists.append((src_uri, parse(Checklist, meta["checklist"], label, "checklist")))
        except HandbookError as error:
            problems.extend(error.problems)
    if problems:
        raise HandbookError(problems)
    return cards, checklists
