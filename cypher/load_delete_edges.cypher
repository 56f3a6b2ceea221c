// Delete relationships the seed no longer has.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE type(r) = row.type
DELETE r
