"""Build-time glue between the `checkers` package and the site: the page markers (markers.py, a
Python-Markdown extension every engine runs), the finishing step over a built site (finish.py) and
the engines (build.py, scripts/build); hooks.py connects MkDocs and ProperDocs to them."""
