// The measures of the given actions (one round trip for many), each with its targets.
UNWIND $ids AS id
WITH DISTINCT id
MATCH (a:Action {id: id})-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (m)-[:HAS_TARGET]->(t:Target)
RETURN a.id AS action, m {.*, label: 'Measure'} AS measure,
       collect(t {.*, label: 'Target'}) AS targets
