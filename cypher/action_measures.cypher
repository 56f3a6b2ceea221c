// The measures of an action, each with its quantitative targets.
MATCH (:Action {id: $id})-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (m)-[:HAS_TARGET]->(t:Target)
RETURN m {.*, label: 'Measure'} AS measure, collect(t {.*, label: 'Target'}) AS targets
