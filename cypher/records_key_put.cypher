// Create or replace an API key (by name).
MERGE (k:ApiKey {name: $key.name})
SET k = $key
