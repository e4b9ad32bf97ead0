"""The settings, kept here under their old name for code that imports them from api/ (the tests,
scripts): they live in the top-level `settings` package, below everything that reads them."""

from settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
