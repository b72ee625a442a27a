"""Views of the review workspace, one module per concern."""
