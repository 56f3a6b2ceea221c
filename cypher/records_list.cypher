// The stored records, of a kind and of a subject when given.
MATCH (r:Record)
WHERE ($kind IS NULL OR r.kind = $kind) AND ($subject IS NULL OR r.subject = $subject)
RETURN r {.*} AS record
ORDER BY r.kind, r.key
