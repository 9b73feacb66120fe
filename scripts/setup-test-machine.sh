#!/usr/bin/env bash
# Installs what the test suite needs beyond Java and Maven: headless Chromium and its WebDriver, which the browser
# tests of the console (ConsoleBrowserTest) drive. Debian's packages: chromium (/usr/bin/chromium) and chromium-driver
# (/usr/bin/chromedriver). Idempotent: does nothing when both are there. Uses sudo when not run as root.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

if ! command -v apt-get > /dev/null; then
  echo "setup-test-machine: no apt-get here; install Chromium and chromedriver yourself and run the tests with" >&2
  echo "  -Dcarbonx.chromium=<path to chromium> -Dcarbonx.chromedriver=<path to chromedriver>" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

echo "setup-test-machine: installing chromium and chromium-driver for the console's browser tests"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
