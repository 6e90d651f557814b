"""Profiles: region/year layouts as data files (see ``docs/profiles.md``)."""
