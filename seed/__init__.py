"""The plan seed: one YAML file per kind of entity and ``source/plan.txt`` (package data).

Read it with :func:`chainkg.graph_loader.seed_io.read_seed` on
:func:`chainkg.graph_loader.settings.shipped_seed`; no Python code lives here.
"""
