// The chains a park carries, one row per chain: stated (the park carries the chain) or
// derived (a group layout of the park whose `covers` holds the chain).
// A stated link wins; among layouts, the smallest group id.
MATCH (p:Park {id: $id})-[r:CARRIES]->(x)
UNWIND CASE WHEN x:Chain THEN [x.id] WHEN x:Group THEN coalesce(r.covers, []) ELSE [] END AS cid
MATCH (c:Chain {id: cid})
WITH c, x, r, x <> c AS derived
ORDER BY derived, x.id
WITH c, collect({carried: x.id, r: r, derived: derived})[0] AS way
RETURN c {.*, label: 'Chain'} AS chain, way.carried AS carried, way.r.role AS role,
       way.r.source AS source, way.r.evidence AS evidence,
       CASE WHEN way.derived THEN way.r.covers_assumption ELSE way.r.assumption END AS assumption,
       CASE WHEN way.derived THEN 'derived' ELSE 'stated' END AS basis,
       CASE WHEN way.derived THEN way.r.covers_evidence END AS covers_evidence
