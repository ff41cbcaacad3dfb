# The partnergraph application (API, dashboard, CLI, jobs). Neo4j runs in its own container.

# The dashboard's static assets, built from the lock file.
FROM node:20-slim AS dashboard
WORKDIR /build
COPY api/dashboard/package.json api/dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY api/dashboard/ ./
RUN npm run build

# GraphiQL, bundled the same way (it shares the dashboard's token code, auth.js).
FROM node:20-slim AS graphiql
WORKDIR /build/api/graphiql
COPY api/graphiql/package.json api/graphiql/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY api/graphiql/ ./
COPY api/dashboard/src/auth.js /build/api/dashboard/src/auth.js
RUN npm run build

FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY ingest ./ingest
COPY queries ./queries
COPY --from=dashboard /build/dist ./api/dashboard/dist
COPY --from=graphiql /build/api/graphiql/dist ./api/graphiql/dist
# Editable install: queries/ is read from the source tree next to the packages.
RUN pip install --no-cache-dir -e . && useradd --system partnergraph
USER partnergraph
EXPOSE 8000
CMD ["partnergraph", "serve", "--host", "0.0.0.0"]
