"""aidecl-data: parse diplomatic texts on AI into normalized, validated tables.

The library is pure Python with no Dagster inside: ``parse_document`` turns one file's bytes
into rows, ``aidecl_data.publish`` writes the data package. ``pipelines/`` wraps both in
Dagster assets.
"""

__version__ = "0.1.0"
