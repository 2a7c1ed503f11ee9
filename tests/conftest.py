"""Shared fixtures: the sample corpus built to PDF once per test run, the
real report users start from, and a database built from the samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from rasoat.samples import builder

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis keeps the examples it found failing in the repository (tests/hypothesis-db, committed), so a
# failure found once is replayed on every machine until it is fixed.
HYPOTHESIS_DB = Path(__file__).resolve().parent / "hypothesis-db"
settings.register_profile("rasoat", database=DirectoryBasedExampleDatabase(str(HYPOTHESIS_DB)))
settings.load_profile("rasoat")
SHARED = ROOT.parent / "shared"
EXAMPLE_REPORT = SHARED / "examples" / "bao-cao-cchc-2024-bac-kan.txt"


@pytest.fixture(scope="session")
def sample_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every sample document rendered to PDF: {stem: path}."""
    out = tmp_path_factory.mktemp("samples")
    return {p.stem: p for p in builder().build_all(out)}


@pytest.fixture(scope="session")
def sample_db(sample_pdfs, tmp_path_factory) -> Path:
    """A real SQLite database made by the real CLI over the sample PDFs."""
    from click.testing import CliRunner

    from rasoat.cli import cli

    db = tmp_path_factory.mktemp("db") / "rasoat.db"
    folder = next(iter(sample_pdfs.values())).parent
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["check", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def example_report() -> Path:
    if not EXAMPLE_REPORT.exists():
        pytest.fail(f"missing {EXAMPLE_REPORT}: ../shared must sit beside the repository")
    return EXAMPLE_REPORT
