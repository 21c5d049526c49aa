"""Writes of the portal: publishing a period, correcting it, the agency's portal settings."""
