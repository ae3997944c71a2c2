# Sourced by ./vigil, ./test and .ci/run: finds a Java 25 JDK and Maven, without manual set-up.
# Sets JAVA_HOME, JAVA and MVN, or prints what is missing and exits 2.

vigil_java_version() {  # prints the feature version of a java binary, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  echo "${v:-0}"
}

vigil_find_java() {
  local cand best="" bestv=0 v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(vigil_java_version "$JAVA_HOME/bin/java")
    if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then best=$JAVA_HOME; bestv=$v; fi
  fi
  if [ -z "$best" ]; then
    for cand in /usr/lib/jvm/*; do
      [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
      v=$(vigil_java_version "$cand/bin/java")
      v=${v%%.*}
      if [ "$v" -ge 25 ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then best=$cand; bestv=$v; fi
    done
  fi
  if [ -z "$best" ]; then
    echo "vigil: needs a Java 25 (or later) JDK: none in JAVA_HOME or under /usr/lib/jvm." >&2
    echo "vigil: install one (for example Temurin 25 from https://adoptium.net) and set JAVA_HOME to it." >&2
    exit 2
  fi
  export JAVA_HOME=$best
  JAVA=$best/bin/java
}

vigil_find_maven() {
  local version=3.9.11 cache="${XDG_CACHE_HOME:-$HOME/.cache}/vigil"
  if command -v mvn >/dev/null 2>&1; then MVN=$(command -v mvn); return; fi
  if [ -x "$cache/apache-maven-$version/bin/mvn" ]; then MVN=$cache/apache-maven-$version/bin/mvn; return; fi
  echo "vigil: Maven not found; fetching Apache Maven $version from Maven Central into $cache" >&2
  mkdir -p "$cache"
  local url=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.tar.gz
  if ! curl -fsSL "$url" | tar -xz -C "$cache"; then
    echo "vigil: could not download Maven from $url; install Maven 3.8+ (apt-get install maven)." >&2
    exit 2
  fi
  MVN=$cache/apache-maven-$version/bin/mvn
}

vigil_find_java
vigil_find_maven
# Maven 3.x uses sun.misc.Unsafe, which JDK 24+ warns about on every build
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
