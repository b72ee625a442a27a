"""The shared reference files (official schemas, shapes, examples) that tests validate against. They live beside
the project in ../shared/reference/ and are never copied into it. In CI they must be there: a missing file fails
the run instead of skipping the tests that need it; elsewhere such a test skips and says why."""

import os
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"


def reference_file(relative: str) -> Path:
    """The path of a shared reference file; fails in CI and skips elsewhere when it is missing."""
    path = REFERENCE / relative
    if not path.exists():
        message = f"{path} is missing: the shared reference folder must be beside the project"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
