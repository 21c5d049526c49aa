"""SKP pages, one module per area; the URLs are in kinerja/skp/urls.py."""
