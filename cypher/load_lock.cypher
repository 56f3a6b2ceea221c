// Take the load lock: the first statement of every load transaction, before the snapshot.
// Under the load_lock_id constraint a second load waits here until the first commits or
// rolls back. The node is deleted again before commit (load_unlock), so it is never seen.
MERGE (:LoadLock {id: 'load'})
