"""Reviewer profiles, conflicts of interest, panels, reviews with their judgements, and consolidation."""
