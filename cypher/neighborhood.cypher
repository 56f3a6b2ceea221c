// The nodes within $depth (at most 3) hops of a node (over relationships of $types, all when null),
// and the edges among them.
MATCH (start:Entity {id: $id})
OPTIONAL MATCH path = (start)-[*1..3]-(m:Entity)
WHERE length(path) <= $depth
  AND ($types IS NULL OR all(r IN relationships(path) WHERE type(r) IN $types))
WITH start, collect(DISTINCT m) AS found
WITH [start] + [m IN found WHERE m <> start] AS ns
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b)
  WHERE b IN ns AND ($types IS NULL OR type(r) IN $types)
  RETURN collect(r {.*, type: type(r), from: a.id, to: b.id}) AS edges
}
RETURN [n IN ns | n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes, edges
