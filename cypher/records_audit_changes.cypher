// The audit entries that touch $kind, oldest first: id, time, key name, changes (JSON text).
MATCH (a:AuditEntry)
WHERE $kind IN a.kinds
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.changes AS changes
ORDER BY a.id
