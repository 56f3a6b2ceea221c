// Append an audit entry under the next records version (the lock is held).
MATCH (m:RecordsMeta {id: 'records'})
SET m.version = m.version + 1
CREATE (a:AuditEntry {id: m.version})
SET a += $entry
RETURN a.id AS id
