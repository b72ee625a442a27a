"""Organisations and people, micro-credential specifications, applications, the accreditation flow, decisions
and the public register."""
