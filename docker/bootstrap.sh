#!/usr/bin/env bash
# Writes docker/.env for a first `docker compose up -d --wait`: a valid Kafka cluster id, a valid Fernet key,
# fresh passwords and secrets, the host's first API key (the host registers it at start, the DAG uses it),
# and this machine's docker group id (the Airflow tasks use the Docker socket). No manual step is left.
# Usage: docker/bootstrap.sh [--force]   (an existing docker/.env is kept unless --force)
set -euo pipefail
cd "$(dirname "$0")"
if [ -f .env ] && [ "${1:-}" != "--force" ]; then
  echo "docker/.env exists; keeping it (docker/bootstrap.sh --force writes a new one, with new secrets)" >&2
  exit 0
fi

# url-safe base64 of N random bytes, without padding (Kafka's cluster id is 16 bytes: 22 characters)
b64url() { head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
secret() { b64url 24; }
hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Fernet wants 32 bytes in url-safe base64 *with* its padding (44 characters).
fernet="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n')"
docker_gid="$(stat -c %g /var/run/docker.sock 2>/dev/null || echo 0)"

umask 077
cat > .env <<ENV
# Written by docker/bootstrap.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Never commit it.
KAFKA_CLUSTER_ID=$(b64url 16)
POSTGRES_USER=cdp
POSTGRES_PASSWORD=$(secret)
POSTGRES_DB=cdp
MONGO_INITDB_ROOT_USERNAME=cdp
MONGO_INITDB_ROOT_PASSWORD=$(secret)
AIRFLOW_DB_PASSWORD=$(secret)
AIRFLOW_ADMIN_USER=admin
AIRFLOW_ADMIN_PASSWORD=$(secret)
AIRFLOW_FERNET_KEY=${fernet}
AIRFLOW_WEBSERVER_SECRET_KEY=$(secret)
CDP_ETL_SCHEDULE=0 2 * * *
CDP_ADMIN_PASSWORD=$(secret)
CDP_API_KEY=cdp_$(hex 6)_$(b64url 32)
DOCKER_GID=${docker_gid}
ENV
echo "wrote docker/.env (the web app's admin password is CDP_ADMIN_PASSWORD in it); next:"
echo "  docker compose -f docker/docker-compose.yml up -d --wait --wait-timeout 900"
