"""Benchmarks of the steps, run on demand with `make bench`; not part of `make test`."""
