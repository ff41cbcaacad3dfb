# The partnergraph application (API, CLI, jobs). Neo4j runs in its own container.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY ingest ./ingest
COPY queries ./queries
# Editable install: queries/ is read from the source tree next to the packages.
RUN pip install --no-cache-dir -e . && useradd --system partnergraph
USER partnergraph
EXPOSE 8000
CMD ["partnergraph", "serve", "--host", "0.0.0.0"]
