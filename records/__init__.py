"""Records that staff write (yearly actuals; the working mechanism's 挂钩 assignments, 招商
candidates and 卡脖子 items), kept apart from the plan facts: each carries who wrote it, when,
and the document it cites.

The layer sits between ``chainkg.graph_loader`` (which it reads, never writes) and ``chainkg.viz``.
One records-store interface (``records/store/base.py``) with one module per backend: SQLite
under ``CHAINKG_DATA_DIR`` beside the embedded graph, Neo4j (labels ``Record``, ``AuditEntry``,
``ApiKey``, ``RecordsMeta``, never ``Entity``) beside a Neo4j graph.
"""
