# The chainkg image: the REST API (`chainkg serve`) and the Neo4j loader (`chainkg load`).
# docker-compose.yml runs both against neo4j:5.26-community; see "Production" in README.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY chainkg/ chainkg/
COPY graph_loader/ graph_loader/
COPY records/ records/
COPY api/ api/
COPY viz/ viz/
COPY cypher/ cypher/
COPY seed/ seed/
# The package reads cypher/ and seed/ beside its sources (they are not in the wheel), so it is
# installed in place: `pip install -e .` keeps the imports pointing at /app.
RUN pip install -e . \
    && useradd --system --uid 10001 --home-dir /app chainkg \
    && mkdir /data && chown chainkg /data
# Staff records, keys and the audit of the embedded store (with Neo4j they are in Neo4j).
ENV CHAINKG_DATA_DIR=/data
VOLUME /data
USER chainkg

EXPOSE 8000
# NEO4J_URI unset: the embedded store built from /app/seed; set: Neo4j (docker-compose.yml).
CMD ["chainkg", "serve", "--host", "0.0.0.0", "--port", "8000"]
