// Create nodes the database does not hold (the diff, read under the load lock, says so):
// every node has :Entity (unique id) and its own label.
UNWIND $rows AS row
CREATE (n:Entity:$(row.label))
SET n = row.props
