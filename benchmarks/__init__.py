"""`python -m benchmarks`: how fast the handbook's checkers answer, against stock Pyodide.

Builds the site, serves it on 127.0.0.1 (with a bare page that boots stock Pyodide from the same
npm package beside it), drives headless Chromium, and prints median/min/max over several runs:

(a) navigation start -> first checker answer shown, cold; stock Pyodide's `1+1` likewise; ratio
(b) the same with a warm HTTP cache (second visit)
(c) click on another checker page (instant navigation) -> its answer shown
(d) longest main-thread task from navigation until the first answer (from a Chromium trace)
(e) answer changed -> outcome shown (median of 20 changes per run)
(f) `mkdocs build` wall time
(g) bytes on the wire on a first visit: the site's own assets, and Pyodide's
(h) (a) with the network throttled to 20 Mbit/s and 40 ms round trip, files served compressed
(i) Lighthouse (mobile defaults) on every page of the sitemap: performance, total blocking time,
    accessibility, best practices; alone with `python -m benchmarks lighthouse`

Not a test: figures depend on the machine and on what else it is doing. Ratios against stock
Pyodide, measured in the same run on the same server, are what to compare across machines.
"""
