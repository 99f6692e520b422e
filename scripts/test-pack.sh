#!/bin/sh
# End-to-end package check (slow: a fresh `npm ci` and an install; not part of `npm test`).
# Clones the committed HEAD of this repository into a temporary folder, installs its locked
# dependencies, packs it (prepack builds), installs the tarball into an empty project and
# runs the installed CLI and library there.
#   sh scripts/test-pack.sh            # uses this checkout's HEAD commit
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
COMMIT=$(git -C "$SRC" rev-parse HEAD)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }

step "clone $COMMIT"
git clone -q "$SRC" "$WORK/clone"
git -C "$WORK/clone" checkout -q "$COMMIT"

step "npm ci and npm pack (prepack builds)"
cd "$WORK/clone"
npm ci --no-audit --no-fund --loglevel=error
TARBALL=$(npm pack --silent | tail -n 1)
npm pack --dry-run --json --ignore-scripts | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const [p] = JSON.parse(s);
    console.log(`${p.filename}: ${p.size} bytes packed, ${p.unpackedSize} unpacked, ${p.entryCount} files`);
  });'

step "install the tarball into an empty project"
mkdir "$WORK/app"
cd "$WORK/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$WORK/clone/$TARBALL"
cp "$WORK/clone/scenarios/linghai-2017.yaml" plan.yaml

step "library and subpath exports"
node -e 'import("fundsim").then((m) => { const n = Object.keys(m).length; if (n < 50) throw new Error(`only ${n} exports`); console.log(`import("fundsim"): ${n} exports`); })'
node -e 'import("fundsim/cli").then((m) => { if (typeof m.runCapture !== "function") throw new Error("no runCapture"); console.log("import(\"fundsim/cli\"): runCapture"); })'
node -e 'console.log(require.resolve("fundsim/package.json")); console.log(require.resolve("fundsim/schema/scenario.schema.json"))'

step "installed CLI"
npx --no-install fundsim --help >/dev/null
npx --no-install fundsim validate plan.yaml
npx --no-install fundsim report plan.yaml --runs 100 --threads 1 --out out
test -s out/report.html
ls out | head -n 50 | tr '\n' ' '
printf '\n\ntest:pack OK\n'
