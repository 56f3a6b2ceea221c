// The records version: the last audit id (0 before the first write).
OPTIONAL MATCH (m:RecordsMeta {id: 'records'})
RETURN coalesce(m.version, 0) AS version
