// The plan graph's version: the content hash the last load committed with the data
// (graph_loader/version.py). null when no load has stamped this database yet. (The map
// lookup keeps Neo4j from warning about an unknown property key before the first stamp.)
OPTIONAL MATCH (v:GraphVersion {id: 'plan'})
RETURN properties(v)['version'] AS version
