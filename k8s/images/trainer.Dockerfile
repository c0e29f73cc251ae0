# The built-in trainer, run by training Jobs (docs/trainer-contract.md):
#   docker build -f k8s/images/trainer.Dockerfile -t ghcr.io/modelyard/trainer:0.1.0 .
FROM eclipse-temurin:21-jre
RUN useradd --uid 10001 --user-group --no-create-home trainer
COPY --chown=10001:10001 trainer/target/trainer.jar /opt/modelyard/trainer.jar
USER 10001
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/modelyard/trainer.jar"]
