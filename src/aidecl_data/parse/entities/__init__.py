"""Named entities: signatories and parties (with ISO codes), and named initiatives."""
