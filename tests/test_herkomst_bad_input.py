"""Bad input in the source map (docs/_data/herkomst.yml) stops the build with one clear line naming the file and
the field; each case has a valid twin, the nearest change that is allowed, which must pass.

Same pattern as test_bad_input.py: every case breaks a copy of the minimal fixture (tests/fixture/docs) in one
way and runs the build's first step in process (`macros.session.validated`, what `define_env` runs), so these
are the fast tier (`make check`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import fixture_project
from test_bad_input import Case, Mutation, both, case, validate_in_process
from test_bad_input import edit as edit_file

MAP = "docs/_data/herkomst.yml"


def edit(old: str, new: str) -> Mutation:
    """Replace text that must be there in the source map (test_bad_input.edit, on this file)."""
    return edit_file(old, new, MAP)


def delete(file: str) -> Mutation:
    return lambda project: (project / file).unlink()


MEDIATION = "cards: [mediation#wanneer]"
OWN = '  respecteer-ouders#voorbeeldvragen: "voorbeeldvragen van de redactie"\n'
FIRST = "cards: [respecteer-ouders#toelichting, kind-centraal#toelichting]"
NUL = '  "000":\n    - starts: "Bron nul vertelt het verhaal van een ouder"\n      path: [Bron nul]\n'

CASES: dict[str, Case] = {
    "the map is missing": case(delete(MAP), [MAP, "file", "file is missing"], edit("# Minimal", "# A minimal")),
    "an unknown card": case(
        edit(MEDIATION, "cards: [mediaton#wanneer]"),
        [MAP, "sources.001.1.cards.0", "'mediaton' is not a card id"],
        edit(MEDIATION, "cards: [mediation#wanneer, kind-centraal#toelichting]"),
    ),
    "an unknown anchor": case(
        edit(MEDIATION, "cards: [mediation#wanner]"),
        [MAP, "sources.001.1.cards.0", "'#wanner' is not a section of mediation"],
        edit(MEDIATION, "cards: [mediation#wanneer]  # de enige sectie"),
    ),
    "a card section without an anchor": case(
        edit(MEDIATION, "cards: [mediation]"),
        [MAP, "sources.001.1.cards.0", "String should match pattern"],
        edit(MEDIATION, "cards: [ mediation#wanneer ]"),
    ),
    "a card that carries nothing": case(
        edit(MEDIATION, "cards: [kind-centraal#toelichting]"),
        [MAP, "sources", "card 'mediation' carries no section of any source"],
        edit(MEDIATION, "cards: [kind-centraal#toelichting, mediation#wanneer]"),
    ),
    "a card section no source feeds": case(
        edit("own:\n" + OWN, "own: {}\n"),
        [MAP, "own", "'respecteer-ouders#voorbeeldvragen' (Voorbeeldvragen) is fed by no source section"],
        both(edit("own:\n" + OWN, "own: {}\n"), edit(FIRST, FIRST[:-1] + ", respecteer-ouders#voorbeeldvragen]")),
    ),
    "the editors' own section that a source feeds": case(
        edit(OWN, OWN + '  respecteer-ouders#toelichting: "eigen tekst"\n'),
        [MAP, "own.respecteer-ouders#toelichting", "is fed by sources.001.0"],
        edit(OWN, OWN.replace("voorbeeldvragen van de redactie", "vragen die de redactie zelf schreef")),
    ),
    "a section with both cards and noise": case(
        edit(MEDIATION, MEDIATION + '\n      noise: "ook weggelaten"'),
        [MAP, "sources.001.1", "one of the two"],
        edit(MEDIATION, MEDIATION + '\n      description: "wanneer mediation past"'),
    ),
    "a section with neither cards nor noise": case(
        edit(MEDIATION, "cards: []"),
        [MAP, "sources.001.1", "one of the two"],
        edit(MEDIATION, "cards:\n        - mediation#wanneer"),
    ),
    "a card that does not name the source": case(
        edit(NUL + "      cards: [kind-centraal#toelichting]", NUL + "      cards: [respecteer-ouders#toelichting]"),
        [MAP, "sources.000.0.cards.0", "'respecteer-ouders' does not name source 000"],
        edit(NUL + "      cards: [kind-centraal#toelichting]", NUL + "      cards: [kind-centraal#toelichting]\n"),
    ),
    "an unknown source": case(
        edit(
            '  "000":',
            '  "002":\n    - starts: "Bron twee begint hier"\n      path: [Bron twee]\n'
            '      noise: "niet gebruikt"\n  "000":',
        ),
        [MAP, "sources.002", "'002' is not a source key in docs/_data/bronnen.yml"],
        edit('  "000":', '  "000":  # bron nul'),
    ),
    "a source without an outline": case(
        edit(NUL + "      cards: [kind-centraal#toelichting]\n", ""),
        [MAP, "sources", "source 000 (bronnen.yml) has no outline here"],
        edit(NUL, NUL + '      description: "het verhaal van een ouder"\n'),
    ),
    "a heading path that is empty": case(
        edit("path: [Bron een, Mediation]", "path: []"),
        [MAP, "sources.001.1.path", "at least 1 item"],
        edit("path: [Bron een, Mediation]", "path: [Bron een]"),
    ),
}


@pytest.fixture(scope="session")
def herkomst_pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture every case starts from, as a buildable project."""
    return fixture_project(tmp_path_factory.mktemp("herkomst-bad-input") / "pristine")


def first_step(pristine: Path, target: Path, mutation: Mutation) -> str | None:
    """The build's first step on a mutated copy: its refusal as the build prints it, or None."""
    project = target / "project"
    # The first step reads docs/ only; the theme's assets are not read, so they are not copied.
    shutil.copytree(pristine / "docs", project / "docs", symlinks=True, ignore=shutil.ignore_patterns("assets"))
    mutation(project)
    refused = validate_in_process(project)
    return refused.output if refused else None


@pytest.mark.parametrize("name", list(CASES))
def test_bad_map_stops_the_build_with_one_clear_line(name: str, herkomst_pristine: Path, tmp_path: Path) -> None:
    """Red when: a broken source map passes the build's first step, or its message lacks the file, the field
    or the reason, or they are not on one line."""
    output = first_step(herkomst_pristine, tmp_path, CASES[name].bad)
    assert output is not None, f"'{name}' passes the build's first step"
    assert "Traceback" not in output
    lines = output.splitlines()
    for needle in CASES[name].expected:
        assert any(needle in line for line in lines), f"message for '{name}' lacks {needle!r}:\n{output}"
    file, field, message = CASES[name].expected[0], CASES[name].expected[1], CASES[name].expected[-1]
    assert any(file in line and field in line and message in line for line in lines), f"not on one line:\n{output}"


@pytest.mark.parametrize("name", list(CASES))
def test_the_valid_twin_of_a_bad_map_passes(name: str, herkomst_pristine: Path, tmp_path: Path) -> None:
    """Red when: the nearest allowed change to the map is refused (a check that is too broad)."""
    output = first_step(herkomst_pristine, tmp_path, CASES[name].twin)
    assert output is None, f"valid twin of '{name}' refused:\n{output}"
