// Every park that carries a chain of a group (or of its sub-groups), one row per park and
// chain: stated, or derived from a group layout whose `covers` holds the chain.
// A stated link wins; among layouts, the smallest group id.
MATCH (g:Group {id: $id})
MATCH (c:Chain)-[:IN_GROUP]->(m:Group)
WHERE m = g OR (m)-[:SUBGROUP_OF]->(g)
MATCH (p:Park)-[r:CARRIES]->(x)
WHERE x = c OR (x:Group AND c.id IN coalesce(r.covers, []))
WITH p, c, x, r, x <> c AS derived
ORDER BY derived, x.id
WITH p, c, collect({carried: x.id, r: r, derived: derived})[0] AS way
RETURN p {.*, label: 'Park'} AS park, c {.*, label: 'Chain'} AS chain,
       way.carried AS carried, way.r.role AS role,
       way.r.source AS source, way.r.evidence AS evidence,
       CASE WHEN way.derived THEN way.r.covers_assumption ELSE way.r.assumption END AS assumption,
       CASE WHEN way.derived THEN 'derived' ELSE 'stated' END AS basis,
       CASE WHEN way.derived THEN way.r.covers_evidence END AS covers_evidence
