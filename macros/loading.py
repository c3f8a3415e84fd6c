"""Read the registries and every page from disk, refusing anything whose meaning is not plain.

mkdocs-macros calls `define_env` before MkDocs reads any page, so the handbook cannot wait for
MkDocs: it reads the Markdown files itself and validates them before the first page renders.
Reading is strict on purpose: a file that MkDocs would read one way and this loader another (a
byte-order mark, a block that is never closed, a key written twice) is an error with the file's
name, never a card that silently becomes a plain page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .body import body_problems
from .errors import HandbookError, Problem, problems_from_validation
from .model import (
    Card,
    ChangeLog,
    Checklist,
    ChecklistRegistry,
    ContentLock,
    FamilyRegistry,
    Herkomst,
    Moved,
    Pack,
    Role,
    SourceRegistry,
    Term,
)

#: Where registries live inside docs/ (excluded from the published site by mkdocs.yml).
DATA_DIR = "_data"
#: Suffixes MkDocs also builds as Markdown pages; this handbook reads and checks only .md.
OTHER_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")
#: The folder of the checklist pages; family folders come from the family registry.
CHECKLIST_DIR = "checklists"
#: The folder of the course packs (one file per pack, `lespakket:` front matter).
PACK_DIR = "lespakketten"
#: Front matter keys a page that is not a card or checklist may use (MkDocs and Material's own).
PAGE_KEYS = frozenset({"title", "description", "hide", "search", "template", "status", "subtitle", "icon"})

_BOM = b"\xef\xbb\xbf"
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

M = TypeVar("M", bound=BaseModel)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, first: int, again: int) -> None:
        super().__init__(f"{key}: written twice (line {first} and line {again}); keep one")
        self.key, self.line = key, again


#: libyaml's parser where PyYAML was built with it (ten times faster than the pure-Python one).
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: The tags plain YAML gives text, numbers, dates, lists and mappings. Anything else written as a tag
#: (`!!binary`, `!!set`, `!!python/…`, a local `!tag`) changes what a value is in a way a reviewer of the
#: file does not see (`!!binary` hides a title in base64), so it is refused.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _written_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class StrictLoader(_Base):
    """Safe YAML, plus: a key written twice is an error (PyYAML keeps the last one silently), and
    dates stay text so the model reports an impossible date as a field error, not a traceback.
    Only plain values: no merge keys (<<), no tags beyond text, numbers, dates, lists and mappings,
    and a mapping key is a plain value (text or a number), never a list or a mapping."""

    line_offset = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag == _MERGE_TAG:
            raise yaml.constructor.ConstructorError(
                None, None, "merge keys (<<) are not supported; write the fields out", node.start_mark
            )
        if node.tag not in _PLAIN_TAGS:
            message = f"the tag {_written_tag(node.tag)} is not supported; write the value as plain text"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                kinds = {"list": "a list", "dict": "a mapping"}
                what = kinds.get(type(key).__name__, type(key).__name__)
                message = f"a key must be plain text, not {what}"
                raise yaml.constructor.ConstructorError(None, None, message, key_node.start_mark)
            if key in seen:
                raise _DuplicateKey(key, seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _load_yaml(text: str, line_offset: int = 0) -> Any:
    loader = StrictLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _yaml_problem(label: str, error: yaml.YAMLError, line_offset: int) -> Problem:
    if isinstance(error, _DuplicateKey):
        return Problem(label, f"line {error.line}", f"key {error}")
    context = getattr(error, "context", None) or ""
    # An unclosed quote is found at the end of the block; where it was opened is what helps.
    mark = getattr(error, "context_mark" if "quoted scalar" in context else "problem_mark", None)
    where = f"line {mark.line + 1 + line_offset}" if mark else "yaml"
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    detail = f"{context}: {problem}" if context else problem
    return Problem(label, where, f"not valid YAML ({detail})")


def read_text(path: Path, label: str) -> str:
    """A file's text, only when there is one way to read it: UTF-8 without BOM, no symlink.

    CRLF line endings are read as LF (MkDocs does the same), so they never change meaning.
    """
    if path.is_symlink():
        raise HandbookError([Problem(label, "file", "is a symbolic link; put the file itself in docs/")])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise HandbookError([Problem(label, "file", "file is missing")]) from None
    if raw.startswith(_BOM):
        raise HandbookError(
            [Problem(label, "file", "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"byte 0x{byte} is not UTF-8; save the file as UTF-8"
        raise HandbookError([Problem(label, f"line {line}", message)]) from None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise HandbookError([Problem(label, f"line {line}", "a lone carriage return (CR); save with LF line endings")])
    return text


@dataclass(frozen=True)
class SourceFile:
    """One Markdown file as read: its front matter, its body and the file line the body starts on."""

    src_uri: str
    meta: dict[str, Any]
    body: str
    body_line: int

    @property
    def label(self) -> str:
        return f"docs/{self.src_uri}"

    @property
    def title(self) -> str:
        """The page's own H1, for a page that is no card (the glossary on the changes page)."""
        match = re.search(r"^# (.+?)\s*$", self.body, re.MULTILINE)
        return match.group(1) if match else ""


def split_front_matter(text: str, label: str) -> tuple[dict[str, Any], str, int]:
    """Front matter, body, and the file line where the body starts."""
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        first = next((line for line in lines if line.strip()), "")
        if first.rstrip() == "---":
            raise HandbookError([Problem(label, "front matter", "must start on the first line, with ---")])
        return {}, text, 1
    end = next((n for n, line in enumerate(lines[1:], start=1) if _FENCE.match(line)), None)
    if end is None:
        raise HandbookError([Problem(label, "front matter", "opened with --- on line 1 but never closed with ---")])
    block = "\n".join(lines[1:end])
    try:
        data = _load_yaml(block, line_offset=1) if block.strip() else {}
    except yaml.YAMLError as error:
        raise HandbookError([_yaml_problem(label, error, 1)]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise HandbookError([Problem(label, "front matter", "must be a mapping of fields")])
    return data, "\n".join(lines[end + 1 :]), end + 2


def read_markdown(path: Path, src_uri: str) -> SourceFile:
    label = f"docs/{src_uri}"
    meta, body, body_line = split_front_matter(read_text(path, label), label)
    return SourceFile(src_uri, meta, body, body_line)


def read_yaml(path: Path, label: str) -> Any:
    text = read_text(path, label)
    try:
        return _load_yaml(text)
    except yaml.YAMLError as error:
        raise HandbookError([_yaml_problem(label, error, 0)]) from None


def parse(model: type[M], data: Any, label: str, prefix: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise HandbookError(problems_from_validation(label, prefix, error)) from None


def load_registry(docs_dir: Path, name: str, model: type[M]) -> M:
    """A registry file that is one mapping, validated as one model."""
    label = f"docs/{DATA_DIR}/{name}"
    raw = read_yaml(docs_dir / DATA_DIR / name, label)
    if not isinstance(raw, dict):
        raise HandbookError([Problem(label, "yaml", "must be a mapping (the file is empty or a list)")])
    return parse(model, raw, label, "")


def load_list(docs_dir: Path, name: str, model: type[M]) -> list[M]:
    """A registry file that is a list of entries; errors name the entry's position."""
    label = f"docs/{DATA_DIR}/{name}"
    raw = read_yaml(docs_dir / DATA_DIR / name, label)
    if not isinstance(raw, list):
        raise HandbookError([Problem(label, "yaml", "must be a list of entries")])
    return [parse(model, item, label, str(n)) for n, item in enumerate(raw)]


def load_registries(
    docs_dir: Path,
) -> tuple[
    SourceRegistry, FamilyRegistry, list[Role], list[Term], ChecklistRegistry, Moved, ChangeLog, ContentLock, Herkomst
]:
    """Every registry; all are read before any error is raised, so one build lists every problem."""
    loaders = (
        lambda: load_registry(docs_dir, "bronnen.yml", SourceRegistry),
        lambda: load_registry(docs_dir, "families.yml", FamilyRegistry),
        lambda: load_list(docs_dir, "rollen.yml", Role),
        lambda: load_list(docs_dir, "begrippen.yml", Term),
        lambda: load_registry(docs_dir, "checklists.yml", ChecklistRegistry),
        lambda: load_registry(docs_dir, "verhuisd.yml", Moved),
        lambda: load_registry(docs_dir, "wijzigingen.yml", ChangeLog),
        lambda: load_registry(docs_dir, "vastgelegd.yml", ContentLock),
        lambda: load_registry(docs_dir, "herkomst.yml", Herkomst),
    )
    results: list[Any] = []
    problems: list[Problem] = []
    for load in loaders:
        try:
            results.append(load())
        except HandbookError as error:
            problems.extend(error.problems)
    if problems:
        raise HandbookError(problems)
    return tuple(results)


@dataclass
class LoadedPages:
    """Every Markdown file of docs/, and the cards, checklists and course packs among them."""

    files: dict[str, SourceFile]
    cards: list[tuple[str, Card]]
    checklists: list[tuple[str, Checklist]]
    packs: list[tuple[str, Pack]]


def _kind_of_folder(src_uri: str, card_folders: set[str]) -> str:
    folder, _, name = src_uri.rpartition("/")
    if name == "index.md" or "/" in folder:
        return "page"
    if folder == CHECKLIST_DIR:
        return "checklist"
    if folder == PACK_DIR:
        return "lespakket"
    return "card" if folder in card_folders else "page"


#: Where a card, a checklist or a course pack must be, for a page that holds one elsewhere.
_WHERE_IT_BELONGS = {
    "card": "cards belong in a family folder: docs/<family>/<card id>.md",
    "checklist": f"checklists belong in docs/{CHECKLIST_DIR}/<checklist id>.md, not in another folder or index.md",
    "lespakket": f"course packs belong in docs/{PACK_DIR}/<pack id>.md, not in a subfolder or index.md",
}


def _front_matter_problems(source: SourceFile, expected: str) -> list[Problem]:
    """A card folder holds cards only; every other page may use only the keys MkDocs knows."""
    keys = set(source.meta)
    if expected in ("card", "checklist", "lespakket"):
        if expected not in keys:
            found = f" (found: {', '.join(sorted(map(str, keys)))})" if keys else ""
            what = f"{expected}: front matter"
            message = f"every file in this folder except index.md must be a {expected}, with {what}{found}"
            return [Problem(source.label, expected, message)]
        return [
            Problem(source.label, str(key), f"unknown front matter key; a {expected} file holds only {expected}:")
            for key in sorted(keys - {expected}, key=str)
        ]
    problems = []
    for key in sorted(keys - PAGE_KEYS, key=str):
        hint = _WHERE_IT_BELONGS.get(str(key), f"use one of {sorted(PAGE_KEYS)}")
        problems.append(Problem(source.label, str(key), f"unknown front matter key on a page ({hint})"))
    return problems


def load_pages(docs_dir: Path, card_folders: set[str]) -> LoadedPages:
    """Every Markdown file, with the cards (`card:` key), checklists (`checklist:` key) and course packs
    (`lespakket:` key) among them.

    All files are read before any error is raised, so one build reports every broken file.
    """
    loaded = LoadedPages({}, [], [], [])
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        src_uri = path.relative_to(docs_dir).as_posix()
        if src_uri.startswith(f"{DATA_DIR}/"):
            continue
        if path.is_symlink():
            problems.append(Problem(f"docs/{src_uri}", "file", "is a symbolic link; put the file itself in docs/"))
            continue
        if path.suffix.lower() in OTHER_MARKDOWN_SUFFIXES and path.is_file():
            # MkDocs renders these as pages too, macros and all: unread, they would escape every check.
            problems.append(Problem(f"docs/{src_uri}", "file", f"is Markdown with the suffix {path.suffix}; use .md"))
            continue
        if path.suffix != ".md" or not path.is_file():
            continue
        try:
            source = read_markdown(path, src_uri)
        except HandbookError as error:
            problems.extend(error.problems)
            continue
        loaded.files[src_uri] = source
        kind = _kind_of_folder(src_uri, card_folders)
        found = _front_matter_problems(source, kind)
        problems.extend(found)
        problems.extend(body_problems(source.label, source.body, source.body_line, kind))
        if found:
            continue
        try:
            if kind == "card":
                loaded.cards.append((src_uri, parse(Card, source.meta["card"], source.label, "card")))
            elif kind == "checklist":
                checklist = parse(Checklist, source.meta["checklist"], source.label, "checklist")
                loaded.checklists.append((src_uri, checklist))
            elif kind == "lespakket":
                loaded.packs.append((src_uri, parse(Pack, source.meta["lespakket"], source.label, "lespakket")))
        except HandbookError as error:
            problems.extend(error.problems)
    if problems:
        raise HandbookError(problems)
    return loaded
