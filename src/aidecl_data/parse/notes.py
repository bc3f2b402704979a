"""Note linking: one row per footnote definition, tied to the clause that cites it.

A footnote's marker ("[^3]", a superscript "3") is found while cleaning a clause; the note
itself is a separate unit, often pages later. The note's ``clause_id`` is the first clause
that carries its label (``ClauseEmitter.marker_owner``), or empty when no clause cites it.
"""

from __future__ import annotations

from aidecl_data.parse.eids import EidRegistry
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.model import NoteRow, Region


def link_notes(
    units: list[Unit], doc: str, ids: EidRegistry, marker_owner: dict[str, str]
) -> tuple[list[NoteRow], list[Region]]:
    notes: list[NoteRow] = []
    regions: list[Region] = []
    for u in units:
        if u.kind != "note":
            continue
        label = u.label
        nid = f"{doc}/{ids.take('note_' + label)}"
        owner = marker_owner.get(label, "")
        mt = u.cleaned.text
        s, e = mt.source_span(0, len(mt.text))
        notes.append(NoteRow(nid, doc, label, u.text, owner, s, e))
        regions.append(Region("note", mt, clause_id=owner, note_id=nid, label=label))
    return notes, regions
