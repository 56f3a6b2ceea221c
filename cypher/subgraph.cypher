// The nodes of the given labels (all when $labels is null) and the edges among them.
MATCH (n:Entity)
WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
WITH collect(n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]}) AS nodes
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE $labels IS NULL
     OR (any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels))
  RETURN collect(r {.*, type: type(r), from: a.id, to: b.id}) AS edges
}
RETURN nodes, edges
