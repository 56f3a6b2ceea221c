"""chainkg: the Taizhou industrial-chain plan as an evidence-backed knowledge graph."""
