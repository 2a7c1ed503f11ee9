"""The documentation checked against the code (as sqlite-utils does): the paths it names exist, the commands it
shows are the CLI's, the functions it names as extension points can be imported."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md")
# a repository path in backticks: "rasoat/models.py", "rules/", "extract/regexes.py"
PATH_IN_TICKS = re.compile(r"`((?:ingest|extract|rules|rasoat|tests|bench|samples)/[\w./*-]*|[\w-]+\.(?:md|yml|toml))`")


def doc_paths() -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        for m in PATH_IN_TICKS.finditer((ROOT / doc).read_text(encoding="utf-8")):
            out.append((doc, m.group(1)))
    return sorted(set(out))


@pytest.mark.parametrize("doc, path", doc_paths())
def test_every_path_named_in_the_docs_exists(doc, path):
    if list(ROOT.glob(path.rstrip("/"))):
        return
    # "ingest/layout.group_lines": a name in a module
    module, _, name = path.rpartition(".")
    assert (ROOT / f"{module}.py").exists(), f"{doc} names {path}, which does not exist"
    assert hasattr(importlib.import_module(module.replace("/", ".")), name), f"{doc} names {path}: no such name"


def cli_commands() -> set[str]:
    from rasoat.cli import cli

    return set(cli.commands)


def test_readme_shows_every_command_and_only_real_ones():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"(?s)```sh\n(.*?)```", readme))
    shown = set(re.findall(r"(?m)^rasoat ([a-z][\w-]*)", blocks))
    assert shown <= cli_commands(), f"README shows commands the CLI does not have: {shown - cli_commands()}"
    assert cli_commands() <= shown, f"commands the README does not show: {cli_commands() - shown}"


def extension_points() -> list[str]:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Extension points", 1)[1]
    return re.findall(r"(?m)^- `([\w.]+)(?:\(|`)", section)


@pytest.mark.parametrize("dotted", extension_points())
def test_extension_points_exist_and_have_docstrings(dotted):
    module, _, name = dotted.rpartition(".")
    obj = getattr(importlib.import_module(module), name)
    assert callable(obj) and (obj.__doc__ or "").strip(), f"{dotted} needs a docstring"


def test_make_targets_named_in_the_docs_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"(?m)^([\w-]+):", makefile))
    for doc in DOCS:
        for target in re.findall(r"`make ([\w-]+)`", (ROOT / doc).read_text(encoding="utf-8")):
            assert target in targets, f"{doc} names `make {target}`, which the Makefile lacks"
