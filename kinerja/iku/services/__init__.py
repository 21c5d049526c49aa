"""Writes of organisation performance, one module per area.

Services take `actor`: a Viewer (views and the API pass `request.viewer`), a User (turned into a
Viewer), or None for the system (imports, demo data, tasks), which skips permission checks.
"""
