// Every node's names (name, English name, aliases) and the groups and tiers it is in: the
// lexicon that question answering links questions against (chainkg.graph_loader.ask).
MATCH (n:Entity)
OPTIONAL MATCH (n)-[:IN_GROUP|IN_TIER|SUBGROUP_OF]->(m:Entity)
WITH n, m
ORDER BY m.id
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.name_en AS name_en, coalesce(n.aliases, []) AS aliases, n.source AS source,
       collect(m.id) AS within
