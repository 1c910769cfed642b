#!/usr/bin/env bash
# Builds the site with every network but loopback cut off, to prove the build is offline.
# Uses a new network namespace (unshare -n, needs root or user namespaces); where that is not
# possible it says so and builds normally.
set -euo pipefail
if unshare -n true 2>/dev/null; then
  echo "build-offline: building inside a network namespace with no outside network (unshare -n)"
  exec unshare -n -- npm run build
else
  echo "build-offline: unshare -n is not available here; building with the network as it is" >&2
  exec npm run build
fi
