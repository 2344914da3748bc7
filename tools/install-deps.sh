#!/bin/sh
# install-deps.sh — installs the Debian packages listed in deps/debian-packages.txt
# that are not installed yet. Touches apt only when something is missing, so it is
# cheap to run before every build and works offline once everything is there.
#
#   tools/install-deps.sh [--bench] [LIST]      (default: deps/debian-packages.txt)
#
# A package whose comment starts with "bench:" is only for the benchmarks
# (make bench): it is installed with --bench only, so that make run and make
# check do not pull in servers they never start.
set -eu

bench=0
if [ "${1:-}" = --bench ]; then
	bench=1
	shift
fi
list=${1:-deps/debian-packages.txt}
if [ ! -r "$list" ]; then
	echo "install-deps: cannot read $list" >&2
	exit 1
fi

if ! command -v dpkg >/dev/null 2>&1; then
	echo "install-deps: dpkg not found; this script is for Debian 12. Install the packages in $list by hand." >&2
	exit 1
fi

# node and npm may come from another source than Debian's packages (NodeSource's
# nodejs package holds both and conflicts with Debian's npm): a working command
# counts as installed.
provided_by_command() {
	case $1 in
	nodejs) command -v node >/dev/null 2>&1 ;;
	npm) command -v npm >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

missing=
# The list: a package name first on a line; '#' starts a comment.
if [ "$bench" = 1 ]; then
	pkgs=$(sed -e 's/#.*//' "$list")
else
	pkgs=$(sed -e '/#[[:space:]]*bench:/d' -e 's/#.*//' "$list")
fi
for pkg in $pkgs; do
	if provided_by_command "$pkg"; then
		continue
	fi
	# dpkg -s also succeeds for a removed package whose config files remain, so
	# look for the one state in which the files are really there.
	if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
		missing="$missing $pkg"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages in $list are installed"
	exit 0
fi

echo "install-deps: missing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "install-deps: run as root (or install sudo), or install them yourself:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# shellcheck disable=SC2086  # the list is meant to split into words
$sudo apt-get install -y --no-install-recommends $missing
