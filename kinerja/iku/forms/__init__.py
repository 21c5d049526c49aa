"""Forms of the organisation performance pages, one module per area of pages."""
