# One image per Quarkus service, built from the service's fast-jar after `./mvnw -B install -DskipTests`:
#   docker build -f k8s/images/service.Dockerfile --build-arg SERVICE=api-gateway -t ghcr.io/modelyard/api-gateway:0.1.0 .
FROM eclipse-temurin:21-jre
ARG SERVICE
RUN useradd --uid 10001 --user-group --no-create-home modelyard
WORKDIR /opt/modelyard
COPY --chown=10001:10001 ${SERVICE}/target/quarkus-app/lib/ lib/
COPY --chown=10001:10001 ${SERVICE}/target/quarkus-app/quarkus/ quarkus/
COPY --chown=10001:10001 ${SERVICE}/target/quarkus-app/app/ app/
COPY --chown=10001:10001 ${SERVICE}/target/quarkus-app/quarkus-run.jar quarkus-run.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/modelyard/quarkus-run.jar"]
