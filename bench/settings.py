"""The portal's settings, plus what the benchmark needs: its own URLs (the
portal's and a bare view, which so never exists in production) and a
place for the collected static files. Everything else comes from the
environment, as in production (``bench.environment``)."""

import os
from pathlib import Path

from asskomm.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
# The test client's host, for the measurements in the benchmark's process.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
