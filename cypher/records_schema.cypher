// The records store's own labels (never :Entity, which the loader owns): constraints first,
// then the one RecordsMeta node that holds the records version and serializes writes.
CREATE CONSTRAINT record_uid IF NOT EXISTS FOR (n:Record) REQUIRE n.uid IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT api_key_digest IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.digest IS UNIQUE;
CREATE CONSTRAINT records_meta_id IF NOT EXISTS FOR (n:RecordsMeta) REQUIRE n.id IS UNIQUE;
MERGE (m:RecordsMeta {id: 'records'}) ON CREATE SET m.version = 0;
