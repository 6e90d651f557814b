"""The YAML input: exact Decimal numbers and a path → line map for located errors."""
