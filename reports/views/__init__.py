"""Thin views that serve what the builders produce."""
