"""Everything done to one document: read, decode, lay out, structure, extract.

``document.parse_document`` is the entry point; nothing here knows about builds,
caches or publishing, so a test can call it on a string.
"""
