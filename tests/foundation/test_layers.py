"""The apps' layers hold (issue 16): import-linter's contracts of pyproject.toml, run as CI runs them. The whole
layering is checked by `lint-imports` in .ci/run and `make lint`; this test runs the contracts that hold today,
so that a new import breaking them fails here too, with import-linter's own account of the offending line."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*contracts: str) -> subprocess.CompletedProcess:
    arguments = [str(LINT_IMPORTS), "--no-cache", "--no-logo", *(f"--contract={c}" for c in contracts)]
    return subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize("contract", ["reports", "jobs"])
def test_the_contract_holds(contract):
    result = lint_imports(contract)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout and "BROKEN" not in result.stdout


def test_a_domain_import_in_reports_breaks_such_a_contract(tmp_path):
    """The check is real: the same contracts, on a copy of reports that imports a domain app, fail."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["reports", "accreditation"]\n\n'
        '[[tool.importlinter.contracts]]\nid = "leaves"\nname = "reports imports nothing"\ntype = "forbidden"\n'
        'source_modules = ["reports"]\nforbidden_modules = ["accreditation"]\n'
    )
    package = tmp_path / "reports"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "leak.py").write_text("from accreditation import access  # noqa\n")
    (tmp_path / "accreditation").mkdir()
    (tmp_path / "accreditation" / "__init__.py").write_text("")
    (tmp_path / "accreditation" / "access.py").write_text("")
    arguments = [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(config)]
    result = subprocess.run(arguments, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reports.leak -> accreditation.access" in result.stdout
