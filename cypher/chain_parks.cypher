// The parks that carry a chain, one row per park: stated (the park carries the chain) or
// derived (the park carries the chain's group, and that layout's `covers` holds the chain).
// A stated link wins; among layouts, the smallest group id.
MATCH (c:Chain {id: $id})
MATCH (p:Park)-[r:CARRIES]->(x)
WHERE x = c OR (x:Group AND c.id IN coalesce(r.covers, []))
WITH p, x, r, x <> c AS derived
ORDER BY derived, x.id
WITH p, collect({carried: x.id, r: r, derived: derived})[0] AS way
RETURN p {.*, label: 'Park'} AS park, way.carried AS carried, way.r.role AS role,
       way.r.source AS source, way.r.evidence AS evidence,
       CASE WHEN way.derived THEN way.r.covers_assumption ELSE way.r.assumption END AS assumption,
       CASE WHEN way.derived THEN 'derived' ELSE 'stated' END AS basis,
       CASE WHEN way.derived THEN way.r.covers_evidence END AS covers_evidence
