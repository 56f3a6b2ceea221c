// Replace the properties of relationships whose properties changed; at most one per type and pair.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE type(r) = row.type
SET r = row.props
