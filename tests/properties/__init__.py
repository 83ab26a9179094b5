"""Property tests (hypothesis): CPython only. Hypothesis's wheels carry a native extension that
Pyodide cannot load, so these stay out of tests/unit, which also runs inside Pyodide."""
