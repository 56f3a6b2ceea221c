// One node by id.
MATCH (n:Entity {id: $id})
RETURN n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node
