// Readiness probe. Returns ok.
RETURN 1 AS ok
