"""Infrastructure: caching, mail transport, documents, database events, time."""
