"""Exceptions that carry a message for the user and must be catchable without heavy imports.

(The CLI and the window catch these before spaCy is loaded.)
"""


class ModelNotFound(Exception):
    """A spaCy model the user named explicitly is not installed."""
