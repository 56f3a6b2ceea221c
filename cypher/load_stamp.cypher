// Stamp the graph's version in the load's own transaction, so that readers see the new
// data and the new version together (graph_loader/version.py). Not an :Entity node.
MERGE (v:GraphVersion {id: 'plan'})
SET v.version = $version, v.loaded_at = datetime()
