"""Pages of the portal: `staff` for publishing (BKPSDM, Bappeda), `public` for citizens (no
login, no JavaScript)."""
