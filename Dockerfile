# Build stage: the fat jar, with the Maven wrapper of the repository.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

# Run stage: a slim JRE, an unprivileged user, the sample zones as a default.
FROM eclipse-temurin:17-jre
# /var/lib/anycast-dns: for --git-dir, on a volume, so that the last commit served outlives the container.
RUN useradd --system --uid 10053 --home-dir /srv/anycast-dns --shell /usr/sbin/nologin dns \
 && mkdir -p /var/lib/anycast-dns && chown dns /var/lib/anycast-dns
WORKDIR /srv/anycast-dns
COPY --from=build /src/server/target/anycast-dns.jar /opt/anycast-dns/anycast-dns.jar
COPY test-zones /srv/anycast-dns/test-zones
USER dns
EXPOSE 53/udp 53/tcp 5353/udp 5353/tcp 9153/tcp
# Port 53 as a non-root user needs: docker run --sysctl net.ipv4.ip_unprivileged_port_start=53
# (or --cap-add NET_BIND_SERVICE on a kernel/runtime that grants it to non-root).
# The JVM options of the README's run command (see "Memory and JVM options"); in a container,
# MaxRAMPercentage is of the container's memory limit.
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:GCTimeRatio=4", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", \
            "-XX:G1PeriodicGCInterval=60000", "-XX:MaxRAMPercentage=75", "-jar", "/opt/anycast-dns/anycast-dns.jar"]
# Metrics and health on 9153: on all addresses, since loopback is the container's own.
CMD ["serve", "--zones", "/srv/anycast-dns/test-zones", "--listen", "0.0.0.0:5353", "--http", "0.0.0.0:9153"]
