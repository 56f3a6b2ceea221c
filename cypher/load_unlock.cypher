// Remove the load lock's node before commit; the lock itself is released by the commit.
MATCH (l:LoadLock {id: 'load'})
DELETE l
