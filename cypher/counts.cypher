// Nodes per label and relationships per type.
MATCH (n:Entity)
UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS name
RETURN 'label' AS kind, name, count(*) AS count
UNION ALL
MATCH (:Entity)-[r]->(:Entity)
RETURN 'type' AS kind, type(r) AS name, count(*) AS count
