"""Benchmarks (run as scripts: ``python bench/load.py``)."""
