"""Every write a user or the flow causes, as `verb_noun(*, ...)` functions: atomic, validated, audited."""
