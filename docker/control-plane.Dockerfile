# The control plane's shaded jar. Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f docker/control-plane.Dockerfile -t canopy/control-plane .
FROM eclipse-temurin:17-jre
COPY control-plane/target/canopy-control-plane.jar /opt/canopy/canopy-control-plane.jar
COPY docker/control-plane.yml /opt/canopy/control-plane.yml
EXPOSE 8080 8079
ENTRYPOINT ["java", "-Xmx512m", "-jar", "/opt/canopy/canopy-control-plane.jar", "server", "/opt/canopy/control-plane.yml"]
