# newsgraph: one image for the API (`newsgraph serve`, the default) and the worker (`newsgraph worker`).
#
# The source tree is kept at /app and installed in editable mode on purpose: `newsgraph migrate` finds
# alembic.ini and alembic/ next to the `store` package (store/migrate.py: ROOT = parent of store/), which
# a plain `pip install .` into site-packages would break. SEEDS_DIR's default, `seeds`, is relative to
# the working directory, which is /app, so it names /app/seeds.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# a fixed uid so volumes mounted into /app/seeds can be made readable to it
RUN groupadd --system --gid 10001 newsgraph \
    && useradd --system --uid 10001 --gid newsgraph --create-home --home-dir /home/newsgraph \
       --shell /usr/sbin/nologin newsgraph

WORKDIR /app

# the project's own metadata and code; README.md is named by pyproject.toml, so the build needs it
COPY pyproject.toml README.md alembic.ini ./
COPY api ./api
COPY schema ./schema
COPY store ./store
COPY pipeline ./pipeline
COPY workers ./workers
COPY settings ./settings
COPY alembic ./alembic
COPY seeds ./seeds

# runtime dependencies only (no dev extras); every dependency ships manylinux wheels for 3.11,
# so no compiler is needed
RUN pip install -e . \
    && newsgraph --help >/dev/null

# the code stays owned by root (read-only to the service); nothing under /app is written at run time
USER newsgraph

EXPOSE 8000

# /healthz answers 200 while the process is up (it touches neither PostgreSQL nor Redis; /readyz does).
# slim has no curl, so the standard library makes the request; a non-2xx answer or no answer exits 1.
# This probes port 8000, the port of the default CMD; the worker service overrides it in compose.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# 0.0.0.0: `newsgraph serve` binds 127.0.0.1 by default, which is unreachable from outside a container.
# Mutations: without NEWSGRAPH_ADMIN_TOKEN only loopback clients may mutate, i.e. nobody outside this
# container; set the token to use reingest / ingestDocument.
CMD ["newsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
