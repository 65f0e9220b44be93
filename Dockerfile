# Renkei for a shared office server: the app from its wheel, run as a non-root user.
# Start it with compose.yaml (Neo4j beside it); see docs/deploy.md.

# --- build the wheel from this checkout (nothing of the build stays in the image)
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md app.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY network network
COPY ingest ingest
COPY renkei renkei
COPY ui ui
COPY data data
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

# --- the image: the wheel installed with its dependencies from PyPI, no compilers, no source tree
FROM python:3.11-slim
COPY --from=build /dist /tmp/dist
RUN python -m pip install --no-cache-dir /tmp/dist/renkei-*.whl \
    && rm -rf /tmp/dist \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin renkei
USER renkei
WORKDIR /home/renkei
# RENKEI_STORE and the Neo4j credentials come from compose.yaml and .env; renkei-container checks
# that an admin account exists and RENKEI_ALLOWED_HOSTS is set before it serves on 0.0.0.0.
ENV PYTHONUNBUFFERED=1 \
    RENKEI_PORT=8501 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ.get('RENKEI_PORT', '8501'), timeout=4).read() == b'ok' or exit(1)"
CMD ["renkei-container"]
