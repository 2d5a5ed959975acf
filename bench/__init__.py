"""The benchmark of the portal (``make bench``, ``python -m bench``).

Not an installed app: it generates a data set into throwaway databases and
measures the key pages – query counts, server time, throughput under load
against a bare Django view, and a registration rush. README.md, section
"Benchmark", says how to run it and how to read its figures.
"""
