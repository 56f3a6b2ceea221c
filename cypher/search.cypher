// Candidate nodes for a search: the cjk full-text index when $lucene is set, else (one
// character, or nothing the index can use) a case-insensitive substring scan of the names.
// The caller keeps only real substring matches and ranks them.
CALL () {
  WITH $lucene AS lucene
  WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', lucene) YIELD node
  RETURN node
  UNION
  WITH $lucene AS lucene
  WHERE lucene IS NULL
  MATCH (node:Entity)
  WHERE toLower(node.name) CONTAINS $q OR toLower(node.name_en) CONTAINS $q
     OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) CONTAINS $q)
  RETURN node
}
RETURN DISTINCT node {.*, label: [l IN labels(node) WHERE l <> 'Entity'][0]} AS node
