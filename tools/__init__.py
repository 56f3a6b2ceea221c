"""Developer tools that are not tests: the Neo4j and chromium launchers, generators and checks.

Tests, benchmarks and the Makefile use them from here; nothing in ``chainkg`` imports them.
"""
