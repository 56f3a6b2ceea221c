// Every relationship of one node, either direction, with the node at the other end.
MATCH (n:Entity {id: $id})-[r]-(m:Entity)
RETURN type(r) AS type,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id} AS edge,
       m {.*, label: [l IN labels(m) WHERE l <> 'Entity'][0]} AS other
