"""SKP forms, one module per area."""
