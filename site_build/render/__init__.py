"""The renderers of the page markers: one module per kind of marker (site_build/markers.py `RENDERERS`)."""
