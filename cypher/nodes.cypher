// Every node of one label.
MATCH (n:Entity)
WHERE $label IN labels(n)
RETURN n {.*, label: $label} AS node
