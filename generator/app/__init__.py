"""Use cases (build, check, diff, extract, init, prior): the only layer that composes the stages."""
