"""Ways into a published package for its users: read-only queries."""
