// Replace the properties of nodes whose properties changed (same id, same label).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n = row.props
