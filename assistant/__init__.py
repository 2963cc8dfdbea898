"""A private, local-first AI writing and chat app. See DESIGN.md for the map."""

__version__ = "0.1.0"
