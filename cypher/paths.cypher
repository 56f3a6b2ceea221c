// Every shortest path between two nodes, ignoring direction, as node ids and edges.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..12]-(b))
WHERE a <> b
RETURN [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | r {.*, type: type(r), from: startNode(r).id,
                                   to: endNode(r).id}] AS edges
