"""Forms of the accreditation app, one module per workspace."""
