"""The Cypher of every catalog query and of the loader (package data).

Read a file with :func:`chainkg.graph_loader.catalog.load_cypher`; no Python code lives here.
"""
