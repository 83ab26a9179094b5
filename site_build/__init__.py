"""Build-time glue between the `checkers` package and the MkDocs site (see hooks.py)."""
