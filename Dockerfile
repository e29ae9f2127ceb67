# Two images from one build:
#   docker build -t anycast-dns .                                   the server (the last stage)
#   docker build --target sidecar -t anycast-dns-sidecar .          the BGP sidecar

# Build stage.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first, in a layer that only a change of a pom rebuilds: the poms are built alone,
# with one empty class so that the compiler and Error Prone are fetched as well. (Maven's
# dependency:go-offline stops at Netty's optional native libraries, whose classifiers only the
# os-maven-plugin can name.) -Dexec.skip leaves out the build's class-data archive, which needs the
# server's classes (this layer has none) and which the image does not use: it makes an AOT cache
# of its own below.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY common/pom.xml common/
COPY zones/pom.xml zones/
COPY geo/pom.xml geo/
COPY server/pom.xml server/
COPY bgp-integration/pom.xml bgp-integration/
COPY packaging/pom.xml packaging/
RUN mkdir -p zones/src/main/java \
 && echo 'final class Warmup {}' > zones/src/main/java/Warmup.java \
 && ./mvnw -B -q -pl server,bgp-integration -am package -DskipTests -Dexec.skip \
 && rm -rf zones/src ./*/target
# Then the sources: a change of code rebuilds from here, with every dependency at hand.
COPY . .
RUN ./mvnw -B -q -pl server,bgp-integration -am package -DskipTests -Dexec.skip

# The sidecar: tests the server over DNS and tells the BGP speaker to withdraw while it fails.
# birdc and gobgp are here for the bird and gobgp speakers (BIRD's control socket, gobgpd's API).
FROM eclipse-temurin:17-jre AS sidecar
RUN apt-get update \
 && apt-get install -y --no-install-recommends bird2 gobgpd \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10053 --user-group --create-home --home-dir /var/lib/anycast-dns \
      --shell /usr/sbin/nologin anycast-dns
COPY --from=build /src/bgp-integration/target/anycast-dns-sidecar.jar /usr/share/anycast-dns/
USER anycast-dns
WORKDIR /var/lib/anycast-dns
# GET /metrics, POST /drain, POST /resume: on the loopback of the container (or of its pod), since
# drain has no authentication.
EXPOSE 9155/tcp
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/9155 && printf 'GET /metrics HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/usr/share/anycast-dns/anycast-dns-sidecar.jar"]
CMD ["run", "--config", "/etc/anycast-dns/sidecar.yaml"]

# The server (the default image): an unprivileged user on a slim JRE, the sample zones as a default.
# JRE 25 rather than 17 (the classes are built for 17 and run on both): its ECDSA P-256 signs about
# 3.7 times as fast (5,624 against 1,510 signatures a second on one core of the project's machine),
# which is what signing a zone here costs (README, "Signing zones").
FROM eclipse-temurin:25-jre
# Its home, /var/lib/anycast-dns, is where the git clone goes by default (~/.cache/anycast-dns/git)
# and where git's credentials go (~/.ssh, ~/.netrc): mount a volume there, so that a container
# restarted during a git outage serves the last commit it served.
RUN useradd --system --uid 10053 --user-group --create-home --home-dir /var/lib/anycast-dns \
      --shell /usr/sbin/nologin anycast-dns
COPY --from=build /src/server/target/anycast-dns.jar /usr/share/anycast-dns/
COPY test-zones /etc/anycast-dns/zones
# The AOT cache of this image's JVM and jar (JEP 514; the JDK 25 successor of the class-data archive
# that the README's run command names): a training run starts a server on the sample zones, queries
# it and stops (ClassArchiveTraining), and every start then maps the classes it needs, already
# loaded and linked: 0.7 s less to serve 10,000 small zones on a 2-core machine (README, "Memory and
# JVM options").
RUN java -XX:AOTCacheOutput=/usr/share/anycast-dns/anycast-dns.aot -XX:+UseG1GC \
      -cp /usr/share/anycast-dns/anycast-dns.jar net.anycastdns.server.cli.ClassArchiveTraining \
      /etc/anycast-dns/zones
USER anycast-dns
WORKDIR /var/lib/anycast-dns
# Port 53 as a non-root user needs: docker run --sysctl net.ipv4.ip_unprivileged_port_start=53
# (or --cap-add NET_BIND_SERVICE on a kernel/runtime that grants it to non-root).
EXPOSE 53/udp 53/tcp 5353/udp 5353/tcp 9153/tcp
# Healthy once /health/ready answers 200 (zones loaded, listeners bound); bash alone asks, as the
# image has no HTTP client. It asks 127.0.0.1:9153: keep --http on that port (0.0.0.0:9153 is).
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/9153 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Two allocation arenas of the C library rather than up to 8 per core (see "Memory and JVM
# options"), as the package's launcher sets.
ENV MALLOC_ARENA_MAX=2
# The JVM options of the README's run command (see "Memory and JVM options"), with the AOT cache
# made above in place of the class-data archive; in a container, MaxRAMPercentage is of the
# container's memory limit.
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=1m", "-Xms32m", "-XX:GCTimeRatio=4", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=50", \
            "-XX:G1PeriodicGCInterval=60000", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=/usr/share/anycast-dns/anycast-dns.aot", \
            "-jar", "/usr/share/anycast-dns/anycast-dns.jar"]
# Metrics and health on 9153: on all addresses, since loopback is the container's own.
CMD ["serve", "--zones", "/etc/anycast-dns/zones", "--listen", "0.0.0.0:5353", "--http", "0.0.0.0:9153"]
