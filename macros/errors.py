"""One error type for bad content, so the build can stop with a message an editor can act on."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file: where (file and field) and what."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class HandbookError(Exception):
    """Raised with every problem found, so an editor fixes them all in one go, not one per build."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Werkkaarten: {len(problems)} content problem(s):\n{lines}")


def problems_from_validation(path: str, prefix: str, error: ValidationError) -> list[Problem]:
    """Turn pydantic's error list into problems that name the front matter field as written."""
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in (prefix, *item["loc"]) if part != "")
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field (not part of the card model; check the spelling)"
        elif item["type"] == "value_error":
            message = message.removeprefix("Value error, ")  # the rule's own sentence says what is wrong
        elif item["type"] == "missing":
            message = "required field is missing"
        elif item["type"] in ("string_too_long", "string_too_short") and isinstance(item.get("input"), str):
            message = f"{message}, not {len(item['input'].strip())}"
        elif item["type"] in ("too_long", "too_short") and isinstance(item.get("input"), str):
            # A length constraint placed over a validated string type counts "items"; text has characters.
            message = message.replace(" items after validation", " characters").replace(" item after", " character")
        problems.append(Problem(path, where, message))
    return problems
