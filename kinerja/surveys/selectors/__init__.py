"""Reads of the public satisfaction survey, scoped to the viewer; one module per area."""
