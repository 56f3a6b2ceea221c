// Delete records of one kind by key.
UNWIND $keys AS key
MATCH (r:Record {uid: $kind + '|' + key})
DELETE r
