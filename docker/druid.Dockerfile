# Stock Druid 33 with Canopy's extension installed the standard way: a directory under
# extensions/ named in druid.extensions.loadList (see environment in docker-compose.yml).
# Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f docker/druid.Dockerfile -t canopy/druid:33.0.0 .
FROM apache/druid:33.0.0
COPY druid-extension/target/extension/canopy /opt/druid/extensions/canopy
