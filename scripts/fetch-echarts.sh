#!/usr/bin/env bash
# fetch-echarts.sh — (re)creates templates/assets/echarts/ from the npm registry.
#
# Why: the site must load its charting library from its own assets/ (no page
# loads anything from another host), and go-echarts v2.6.7 targets echarts 5.
# The version is pinned here; change it only together with a go-echarts check.
#
# What it does:
#   1. asks the registry for the tarball's published integrity
#      (`npm view echarts@VERSION dist.integrity`, an SRI sha512);
#   2. `npm pack echarts@VERSION` into a temporary directory (npm verifies the
#      download against that same integrity; we check again ourselves, so a
#      tampered cache or mirror is caught too);
#   3. copies dist/echarts.min.js, LICENSE, NOTICE and licenses/LICENSE-d3 into
#      templates/assets/echarts/ and writes README.md with the provenance.
#
# Usage: scripts/fetch-echarts.sh   (from anywhere; needs npm and node)
set -euo pipefail

VERSION=5.6.0
PKG="echarts@${VERSION}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${root}/templates/assets/echarts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

want="$(npm view "$PKG" dist.integrity 2>/dev/null)"
case "$want" in
sha512-*) ;;
*) echo "fetch-echarts: no sha512 integrity for $PKG from the registry: '$want'" >&2; exit 1 ;;
esac

(cd "$tmp" && npm pack "$PKG" --silent >/dev/null 2>&1)
tgz="$tmp/echarts-${VERSION}.tgz"
[ -f "$tgz" ] || { echo "fetch-echarts: npm pack produced no $tgz" >&2; exit 1; }

got="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
if [ "$got" != "$want" ]; then
  echo "fetch-echarts: integrity mismatch for $PKG" >&2
  echo "  registry: $want" >&2
  echo "  tarball:  $got" >&2
  exit 1
fi

tar -xzf "$tgz" -C "$tmp"
mkdir -p "$dest"
cp "$tmp/package/dist/echarts.min.js" "$dest/echarts.min.js"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
cp "$tmp/package/NOTICE" "$dest/NOTICE"
cp "$tmp/package/licenses/LICENSE-d3" "$dest/LICENSE-d3"

sha256="$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync(process.argv[1])).digest("hex"))' "$dest/echarts.min.js")"
size="$(wc -c <"$dest/echarts.min.js" | tr -d ' ')"

cat >"$dest/README.md" <<README
# Apache ECharts ${VERSION} (browser build)

\`echarts.min.js\` is \`dist/echarts.min.js\` from the npm package \`${PKG}\`,
unchanged. It is the charting library the site's pages load from their own
\`assets/echarts/\`; the chart fragments from \`internal/chart\` (go-echarts
v2.6.7, which targets echarts 5) call it.

- package tarball integrity: \`${want}\`
  (checked against \`npm view ${PKG} dist.integrity\`)
- echarts.min.js: ${size} bytes, sha256 \`${sha256}\`
- licence: Apache-2.0 (\`LICENSE\`, \`NOTICE\`); it embeds parts of d3
  under BSD-3-Clause (\`LICENSE-d3\`, from the package's \`licenses/\`).

It makes no network requests: the only \`http\` strings in it are the licence
URLs in its header comments and the SVG/XLink/XML/XMLNS namespace URIs the SVG
renderer uses as identifiers.

Reproduce or upgrade with \`scripts/fetch-echarts.sh\` (the version is pinned there).
README

echo "fetch-echarts: $PKG -> $dest ($size bytes)"
