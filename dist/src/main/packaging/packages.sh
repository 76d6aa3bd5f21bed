#!/bin/sh
# Builds the server's .deb and .rpm from its tar.gz: the program in /usr/share/ksamu (and /usr/bin/ksamu),
# the settings in /etc/ksamu, the data in /var/lib/ksamu (made by the install scripts, kept on removal),
# the systemd unit written by the launcher itself ("ksamu service install"), run as the system user ksamu.
# Usage: packages.sh VERSION TARGET_DIR. A missing dpkg-deb or rpmbuild skips that package with a message;
# the package tests (PackagesIT) fail on a missing package when CI=true.
set -eu
version="$1"
target="$2"
here="$(cd "$(dirname "$0")" && pwd)"
# Debian and RPM order "1.0~SNAPSHOT" before "1.0"; neither allows "-" in an upstream version.
pkg_version="$(echo "$version" | sed 's/-/~/g')"
stage="$target/packages"
root="$stage/root"
rm -rf "$stage"
mkdir -p "$root/usr/share" "$root/usr/bin" "$root/etc/ksamu" "$root/usr/lib/systemd/system"
tar -xzf "$target/ksamu-server-$version.tar.gz" -C "$root/usr/share"
mv "$root/usr/share/ksamu-server-$version" "$root/usr/share/ksamu"
mv "$root/usr/share/ksamu/config/ksamu-server.yml" "$root/etc/ksamu/ksamu-server.yml"
rmdir "$root/usr/share/ksamu/config"
rm "$root/usr/share/ksamu/bin/ksamu.cmd"
ln -s ../share/ksamu/bin/ksamu "$root/usr/bin/ksamu"
# The unit the archives' "ksamu service install" writes, for the package's folders and user.
env -u JAVA_HOME KSAMU_CONFIG_DIR=/etc/ksamu KSAMU_DATA_DIR=/var/lib/ksamu \
  java -cp "$target/classes" ru.ksamu.dist.Ksamu service install server --linux --user ksamu \
  --home /usr/share/ksamu --out "$root/usr/lib/systemd/system" >/dev/null

if command -v dpkg-deb >/dev/null 2>&1; then
  deb="$stage/deb"
  cp -a "$root" "$deb"
  mkdir -p "$deb/DEBIAN"
  sed "s/@VERSION@/$pkg_version/; s/@SIZE@/$(du -sk "$root" | cut -f1)/" "$here/deb/control" > "$deb/DEBIAN/control"
  echo /etc/ksamu/ksamu-server.yml > "$deb/DEBIAN/conffiles"
  for s in postinst prerm postrm; do
    install -m 0755 "$here/deb/$s" "$deb/DEBIAN/$s"
  done
  dpkg-deb --root-owner-group -Zgzip --build "$deb" "$target/ksamu-server_${pkg_version}_all.deb" >/dev/null
else
  echo "packages.sh: dpkg-deb не найден, .deb не собран / dpkg-deb not found, no .deb built" >&2
fi

if command -v rpmbuild >/dev/null 2>&1; then
  top="$stage/rpmbuild"
  mkdir -p "$top"
  rpmbuild -bb --quiet --define "_topdir $top" --define "ksamu_root $root" --define "ksamu_version $pkg_version" \
    --define "_rpmdir $target" --define "_build_name_fmt %%{NAME}-%%{VERSION}.%%{ARCH}.rpm" \
    "$here/ksamu-server.spec" >/dev/null
else
  echo "packages.sh: rpmbuild не найден, .rpm не собран (Debian: apt-get install rpm) / rpmbuild not found, no .rpm built" >&2
fi
