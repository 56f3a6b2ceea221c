// Take the records write lock (a write on the RecordsMeta node, undone by records_unlock
// before commit); a second writer waits here until the first commits.
MERGE (m:RecordsMeta {id: 'records'}) ON CREATE SET m.version = 0
SET m.locked = true
RETURN m.version AS version
