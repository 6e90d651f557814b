"""The command line: ``app`` holds the Typer application; each other module registers one command."""

from generator.cli import build, check, diff, extract, init, profiles  # noqa: F401  (register)
from generator.cli.app import app, main

__all__ = ["app", "main"]
