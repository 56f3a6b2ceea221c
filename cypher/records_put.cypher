// Create or replace records, batched; uid is kind|key.
UNWIND $rows AS row
MERGE (r:Record {uid: row.uid})
SET r = row
