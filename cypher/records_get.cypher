// The stored records of one kind with the given keys.
UNWIND $keys AS key
MATCH (r:Record {uid: $kind + '|' + key})
RETURN r {.*} AS record
