// The number of audit entries (that touch $kind, when given).
MATCH (a:AuditEntry)
WHERE $kind IS NULL OR $kind IN a.kinds
RETURN count(a) AS total
