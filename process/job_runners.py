"""The background jobs of the process layer (found by the jobs app at start-up): the agency's applications
download, which counts the time in the flow's steps."""

from . import statistics

__all__ = ["statistics"]
