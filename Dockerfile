# The web app in account mode, for a reverse proxy that terminates TLS (see compose.yaml).
# Build: docker build -t sciatica-coach .   The journal lives in PostgreSQL (compose.yaml),
# or in /data/journal.sqlite3 when SCIATICA_COACH_DATABASE_URL is not set.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    SCIATICA_COACH_HOME=/data \
    SCIATICA_COACH_ACCOUNTS=on \
    SCIATICA_COACH_BEHIND_TLS=1

RUN useradd --create-home --uid 10001 coach \
    && mkdir /data && chown coach /data && chmod 700 /data

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
# The postgres extra: compose.yaml keeps the journal in PostgreSQL.
RUN pip install '.[postgres]' && rm -rf /app/src

USER coach
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]
CMD ["sciatica-coach", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "4", "--accounts"]
