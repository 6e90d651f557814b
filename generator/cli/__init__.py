"""The command line: ``app`` holds the Typer application; each other module registers one command."""

from generator.cli import batch, build, check, diff, extract, init, profiles  # noqa: F401
from generator.cli.app import app, main

__all__ = ["app", "main"]
