"""The command line: ``app`` holds the Typer application; each other module registers commands."""

from generator.cli import diff, extract, init  # noqa: F401  (register their commands)
from generator.cli.app import app, main

__all__ = ["app", "main"]
