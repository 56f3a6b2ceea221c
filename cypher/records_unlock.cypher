// Undo the lock's mark (the lock itself is held until the transaction ends).
MATCH (m:RecordsMeta {id: 'records'})
REMOVE m.locked
