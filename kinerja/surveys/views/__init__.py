"""Pages of the public satisfaction survey; one module per area."""
