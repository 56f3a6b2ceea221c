"""chainkg: the Taizhou industrial-chain plan as an evidence-backed knowledge graph.

One import namespace over the design card's folders: ``chainkg.graph_loader`` (seed,
validation, the graph, both stores, the catalog), ``chainkg.api`` (FastAPI),
``chainkg.viz`` (maps and the front page) and ``chainkg.cli`` on top of them all.
The seed and the Cypher ship as package data (``chainkg.seed``, ``chainkg.cypher``).
"""

from __future__ import annotations

__version__ = "0.1.0"
