// The nodes with the given ids (those that exist, each once), in one round trip.
UNWIND $ids AS id
WITH DISTINCT id
MATCH (n:Entity {id: id})
RETURN n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node
