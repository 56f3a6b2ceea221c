// The plan graph's version: the content hash the last load committed with the data
// (graph_loader/version.py). null when no load has stamped this database yet.
OPTIONAL MATCH (v:GraphVersion {id: 'plan'})
RETURN v.version AS version
