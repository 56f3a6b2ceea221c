// The chains a park carries: directly, or through a group it carries (and its sub-groups).
MATCH (p:Park {id: $id})-[r:CARRIES]->(x)
OPTIONAL MATCH (c:Chain)-[:IN_GROUP]->(g:Group)
WHERE x:Group AND (g = x OR (g)-[:SUBGROUP_OF]->(x))
WITH r, x, CASE WHEN x:Chain THEN [x] ELSE collect(c) END AS chains
UNWIND chains AS chain
RETURN chain {.*, label: 'Chain'} AS chain, x.id AS carried, r.role AS role,
       r.source AS source, r.evidence AS evidence
