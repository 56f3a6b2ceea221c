// The parks that carry a chain: directly, or by carrying its group or the group's parent.
MATCH (c:Chain {id: $id})-[:IN_GROUP]->(g:Group)
OPTIONAL MATCH (g)-[:SUBGROUP_OF]->(parent:Group)
WITH c, [x IN [c, g, parent] WHERE x IS NOT NULL] AS carried
UNWIND carried AS x
MATCH (p:Park)-[r:CARRIES]->(x)
RETURN p {.*, label: 'Park'} AS park, x.id AS carried, r.role AS role,
       r.source AS source, r.evidence AS evidence
