"""The incremental build: which files changed, what was parsed already, which rows to keep.

Scan index, parse cache, parallel parsing, row store and freshness: the state that lets a
build parse only new and changed documents.
"""
