#!/usr/bin/env bash
# Builds the services' base image without a container daemon or a registry: a Java runtime linked (jlink) from the
# local JDK, the shared libraries it needs copied from this machine, and a non-root user, written as a
# `docker save` archive that Jib reads with `tar://` (and `docker load` / `podman load` / `ctr import` accept).
#
#   infra/deploy/image/build-base-image.sh [output.tar]     (default: target/images/lucid-base.tar)
#
# JAVA_HOME picks the JDK (default: the one `java` on PATH belongs to). Needs bash, jlink, ldd, tar, sha256sum.
set -euo pipefail

out=${1:-target/images/lucid-base.tar}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{opt,etc,tmp,app,var/lib/lucid} "$(dirname "$out")"
chmod 1777 "$root/tmp"

# The modules the services use (JDBC, JMX for Debezium and Kafka, the JDK HTTP server of the worker endpoint,
# Unsafe for Netty and RocksDB); everything else stays out.
"$java_home/bin/jlink" --output "$root/opt/java" --strip-debug --no-header-files --no-man-pages \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.management.agent,jdk.httpserver,jdk.zipfs,jdk.naming.dns,jdk.jfr

# Some distributions link the CA store to /etc: keep the file, not the link.
cacerts="$root/opt/java/lib/security/cacerts"
if [ -L "$cacerts" ]; then cp --remove-destination "$(readlink -f "$cacerts")" "$cacerts"; fi

# The shared libraries of the runtime and of RocksDB's and Netty's natives, with the dynamic loader.
find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
  xargs -0 -n1 ldd 2>/dev/null | grep -v "$root" | grep -o '/[^ ]*\.so[^ ]*' | grep -v ':$' | sort -u |
  while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libgcc_s.so.1; do
  if [ -e "$lib" ]; then mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; fi
done
[ -e /lib64/ld-linux-x86-64.so.2 ] && { mkdir -p "$root/lib64"; cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"; }

# A non-root user (65532, as distroless images have) that owns the state directory.
printf 'root:x:0:0:root:/root:/sbin/nologin\nlucid:x:65532:65532:lucid:/app:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nlucid:x:65532:\n' > "$root/etc/group"

layer=$work/layer.tar
tar --sort=name --mtime='1970-01-01' --owner=0 --group=0 --numeric-owner -C "$root" -cf "$layer" .
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LUCID_SERVICE_HOST=0.0.0.0"],"User":"65532:65532","WorkingDir":"/app"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["lucid/base:17"],"Layers":["layer.tar"]}]
JSON
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base image written to $out ($(du -h "$out" | cut -f1))"
