// Create or replace nodes: every node has :Entity (unique id) and its own label.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:$(row.label)
