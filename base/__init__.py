"""The base below every other app: the append-only row, the audit chain (its model, hashing, verification and
anchors) and the shared admin base. It imports no other app of the project; the domain's entry point to the audit
stays `accreditation.audit` (`audit.record(...)`), which adds what only the domain knows."""
