// What a department is responsible for (actions, safeguards), with role and evidence.
MATCH (d:Department {id: $id})-[r:RESPONSIBLE_FOR]->(x)
RETURN x {.*, label: [l IN labels(x) WHERE l <> 'Entity'][0]} AS item, r.role AS role,
       r.source AS source, r.evidence AS evidence
