// A page of audit entries (that touch $kind, when given), newest first.
MATCH (a:AuditEntry)
WHERE $kind IS NULL OR $kind IN a.kinds
RETURN a {.*} AS entry
ORDER BY a.id DESC
SKIP $offset LIMIT $limit
