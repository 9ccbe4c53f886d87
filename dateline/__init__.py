"""Dateline: gather → understand → trace → group → serve. See docs/architecture.md."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
