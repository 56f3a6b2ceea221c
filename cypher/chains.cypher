// Chains filtered by group (or its parent), tier, carrying park (stated, or through a group
// layout whose `covers` holds the chain) and a case-insensitive substring of the name,
// English name or an alias.
MATCH (c:Chain)-[:IN_GROUP]->(g:Group)
OPTIONAL MATCH (g)-[:SUBGROUP_OF]->(parent:Group)
WITH c, g, parent
WHERE ($group IS NULL OR g.id = $group OR parent.id = $group)
  AND ($tier IS NULL OR exists { (c)-[:IN_TIER]->(:Tier {id: $tier}) })
  AND ($park IS NULL OR exists {
        MATCH (:Park {id: $park})-[r:CARRIES]->(x)
        WHERE x = c OR (x:Group AND c.id IN coalesce(r.covers, []))
      })
  AND ($q IS NULL OR toLower(c.name) CONTAINS toLower($q)
       OR toLower(c.name_en) CONTAINS toLower($q)
       OR any(a IN coalesce(c.aliases, []) WHERE toLower(a) CONTAINS toLower($q)))
RETURN c {.*, label: 'Chain'} AS node
