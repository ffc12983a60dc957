# Sourced by the bench scripts: build, and say which machine this is.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps >/dev/null
ci/build
B=${BUILD_DIR:-build}
machine() {
  echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
  echo "command: $0 $*"
}
