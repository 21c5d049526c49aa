"""Reads of the portal: `staff` for the publishing side (scoped to the viewer), `public` for
the published figures anyone may read (the latest version of each publication only)."""
