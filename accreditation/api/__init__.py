"""The read-only REST API of the register."""
