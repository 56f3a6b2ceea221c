// API keys: every one ($name and $digest null), or the one with that name or digest.
MATCH (k:ApiKey)
WHERE ($name IS NULL OR k.name = $name) AND ($digest IS NULL OR k.digest = $digest)
RETURN k {.*} AS key
ORDER BY k.name
