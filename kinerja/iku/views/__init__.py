"""Pages of organisation performance: dashboards, the tree, indicators and realisations."""
