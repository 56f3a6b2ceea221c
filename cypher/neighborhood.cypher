// The nodes within $depth (at most 3) hops of a node (over relationships of $types, all when
// null), and the edges among them. One shortest path per reached node, so the cost grows with
// the nodes reached, not with every path to them.
MATCH (start:Entity {id: $id})
OPTIONAL MATCH p = SHORTEST 1 (start)(()-[r WHERE $types IS NULL OR type(r) IN $types]-()){1,3}(m:Entity)
WHERE m <> start AND length(p) <= $depth
WITH start, collect(DISTINCT m) AS found
WITH [start] + found AS ns
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b)
  WHERE b IN ns AND ($types IS NULL OR type(r) IN $types)
  RETURN collect(r {.*, type: type(r), from: a.id, to: b.id}) AS edges
}
RETURN [n IN ns | n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes, edges
