"""Addresses of the portal: `staff` (publishing, behind login) and `public` (no login)."""
