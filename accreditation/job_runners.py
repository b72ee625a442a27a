"""The background jobs of the accreditation app (found by the jobs app at start-up): catalogue checks and imports,
certificate reissues, large register downloads."""

from . import catalogue_jobs, certificate_jobs, register_jobs

__all__ = ["catalogue_jobs", "certificate_jobs", "register_jobs"]
