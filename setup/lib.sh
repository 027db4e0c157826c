# shellcheck shell=bash
# Shared functions for setup/run and setup/test. Source it; do not execute it.
#
# It only FINDS an installed Odoo 18.0 (it never downloads or builds one) and prepares what
# surrounds it: the local PostgreSQL cluster, two Debian packages (wkhtmltopdf, chromium) and
# the Python packages listed in setup/requirements*.txt. Nothing here ever prompts.

MC_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MC_ODOO_SERIES="18.0"

mc_say() { printf '[setup] %s\n' "$*"; }
mc_warn() { printf '[setup] WARNING: %s\n' "$*" >&2; }
mc_err() { printf '[setup] ERROR: %s\n' "$*" >&2; }

mc_is_root() { [ "$(id -u)" -eq 0 ]; }

# mc_manifestoo ARGS...: runs manifestoo (https://github.com/acsone/manifestoo) on the addons of
# this repository (every installable addon at its root) with Odoo's interpreter, e.g.
# `mc_manifestoo list` prints their names, one per line. Core and pip-installed addons are found
# through `import odoo` with that interpreter, plus MC_ADDONS_PATH when mc_addons_path has set it.
# Needs ODOO_PYTHON (find_odoo) and manifestoo installed there (setup/requirements.txt).
mc_manifestoo() {
    local py=${ODOO_PYTHON:-python3} path_args=()
    [ -n "${MC_ADDONS_PATH:-}" ] && path_args=(--addons-path "$MC_ADDONS_PATH")
    (cd "$MC_REPO" && COLUMNS=${COLUMNS:-120} "$py" -m manifestoo --select-addons-dir . \
        --odoo-series "$MC_ODOO_SERIES" --addons-path-python "$py" "${path_args[@]}" "$@" </dev/null)
}

# --- Odoo --------------------------------------------------------------------------------------

# find_odoo: sets ODOO_CMD (array: the command that runs Odoo 18.0), ODOO_FOUND_BY (text) and
# ODOO_PYTHON (the interpreter Odoo runs on, for pip). Order: $ODOO_BIN, then `python3 -m odoo`,
# then `odoo` on PATH. Returns 1 after explaining what is missing.
find_odoo() {
    ODOO_CMD=()
    ODOO_FOUND_BY=""
    ODOO_PYTHON="python3"
    local version notes=()

    if [ -n "${ODOO_BIN:-}" ]; then
        if [ ! -f "$ODOO_BIN" ] || [ ! -x "$ODOO_BIN" ]; then
            mc_err "ODOO_BIN is set to '$ODOO_BIN', which is not an executable file."
            mc_err "Point ODOO_BIN at an Odoo $MC_ODOO_SERIES executable (e.g. /path/to/odoo/odoo-bin), or unset it."
            return 1
        fi
        version=$(mc_odoo_cmd_version "$ODOO_BIN")
        if [ "$version" != "$MC_ODOO_SERIES" ]; then
            mc_err "ODOO_BIN=$ODOO_BIN is not Odoo $MC_ODOO_SERIES (its --version says: '${version:-nothing}')."
            mc_err "Point ODOO_BIN at an Odoo $MC_ODOO_SERIES executable, or unset it."
            return 1
        fi
        ODOO_CMD=("$ODOO_BIN")
        ODOO_FOUND_BY="ODOO_BIN=$ODOO_BIN"
        ODOO_PYTHON=$(mc_script_python "$ODOO_BIN")
        return 0
    fi

    if command -v python3 >/dev/null 2>&1; then
        version=$(cd / && python3 -c 'import odoo.release as r; print(r.series)' 2>/dev/null)
        if [ "$version" = "$MC_ODOO_SERIES" ]; then
            ODOO_CMD=(python3 -m odoo)
            ODOO_FOUND_BY="python3 -m odoo ($(cd / && python3 -c 'import odoo, os; print(os.path.dirname(odoo.__file__))' 2>/dev/null))"
            return 0
        elif [ -n "$version" ]; then
            notes+=("python3 imports Odoo $version, not $MC_ODOO_SERIES.")
        else
            notes+=("\`python3 -c \"import odoo\"\` fails (python3 is $(command -v python3)).")
        fi
    else
        notes+=("there is no python3 on PATH.")
    fi

    if command -v odoo >/dev/null 2>&1; then
        version=$(mc_odoo_cmd_version odoo)
        if [ "$version" = "$MC_ODOO_SERIES" ]; then
            ODOO_CMD=(odoo)
            ODOO_FOUND_BY="odoo on PATH ($(command -v odoo))"
            ODOO_PYTHON=$(mc_script_python "$(command -v odoo)")
            return 0
        fi
        notes+=("\`odoo\` on PATH ($(command -v odoo)) is '${version:-unknown version}', not $MC_ODOO_SERIES.")
    else
        notes+=("there is no \`odoo\` command on PATH.")
    fi

    mc_err "Odoo $MC_ODOO_SERIES was not found. What was checked:"
    mc_err "  - ODOO_BIN is not set."
    local note
    for note in "${notes[@]}"; do
        mc_err "  - $note"
    done
    mc_err "Odoo $MC_ODOO_SERIES is a prerequisite; this project never downloads it. Provide it in one of these ways:"
    mc_err "  1. install Odoo $MC_ODOO_SERIES for python3 so that \`python3 -c \"import odoo\"\` works"
    mc_err "     (e.g. \`pip install -e /path/to/odoo-$MC_ODOO_SERIES-checkout\`),"
    mc_err "  2. or put an Odoo $MC_ODOO_SERIES \`odoo\` command on PATH,"
    mc_err "  3. or set ODOO_BIN=/path/to/odoo-bin (an Odoo $MC_ODOO_SERIES executable)."
    return 1
}

# Prints the series ("18.0") an odoo executable reports with --version, or nothing.
mc_odoo_cmd_version() {
    (cd / && timeout 60 "$1" --version </dev/null 2>/dev/null) | grep -oE '[0-9]+\.[0-9]+' | head -n 1
}

# The python interpreter of a python script (its shebang), else python3.
mc_script_python() {
    local first
    first=$(head -n 1 "$1" 2>/dev/null | tr -d '\r')
    case "$first" in
        '#!'*python*)
            first=${first#\#!}
            # "#!/usr/bin/env python3" -> python3
            # shellcheck disable=SC2086
            set -- $first
            [ "$(basename "$1")" = env ] && shift
            if command -v "$1" >/dev/null 2>&1; then
                printf '%s\n' "$1"
                return
            fi
            ;;
    esac
    printf 'python3\n'
}

# mc_addons_path: sets MC_ADDONS_PATH to Odoo's own default addons path followed by this
# repository. Odoo's defaults are asked from Odoo itself (works for `python3 -m odoo`, an `odoo`
# script and an odoo-bin alike): `--save` writes the effective configuration, defaults included,
# to a throw-away file; no database is touched and no port is opened (--stop-after-init).
mc_addons_path() {
    local tmp defaults=""
    tmp=$(mktemp -d)
    if (cd / && "${ODOO_CMD[@]}" --save -c "$tmp/probe.conf" --stop-after-init --log-level=warn \
        </dev/null >"$tmp/probe.log" 2>&1); then
        defaults=$(sed -n 's/^addons_path *= *//p' "$tmp/probe.conf")
    fi
    if [ -n "$defaults" ]; then
        MC_ADDONS_PATH="$defaults,$MC_REPO"
    else
        mc_warn "could not ask Odoo for its default addons path (see below); using only $MC_REPO"
        mc_warn "(Odoo always adds its base addons; other standard addons such as hr may then be missing)."
        tail -n 20 "$tmp/probe.log" >&2
        MC_ADDONS_PATH="$MC_REPO"
    fi
    rm -rf "$tmp"
}

# --- ports -------------------------------------------------------------------------------------

# True when something accepts TCP connections on 127.0.0.1:$1 (this also catches a server bound
# to 0.0.0.0 or [::], which would make binding 127.0.0.1 fail).
mc_port_in_use() {
    timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Describes who listens on port $1 (needs `ss`; process names need root).
mc_port_owner() {
    command -v ss >/dev/null 2>&1 || return 0
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 3
}

# Prints the first free port from $1 upwards (at most 100 tries).
mc_free_port() {
    local port=$1 end=$(($1 + 100))
    while [ "$port" -lt "$end" ]; do
        if ! mc_port_in_use "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
        port=$((port + 1))
    done
    return 1
}

# --- PostgreSQL --------------------------------------------------------------------------------

mc_psql() { psql -X -w -q -v ON_ERROR_STOP=1 "$@" </dev/null; }

# ensure_postgres: makes `psql -d postgres` work as the current OS user (Odoo connects the same
# way: local socket, role named after the OS user). As root on Debian, starts the first cluster
# and creates the role when needed.
ensure_postgres() {
    if mc_psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        return 0
    fi
    local me
    me=$(id -un)
    if ! command -v psql >/dev/null 2>&1 && ! command -v pg_lsclusters >/dev/null 2>&1; then
        mc_err "PostgreSQL is not installed (no psql, no pg_lsclusters)."
        mc_err "Install it: apt-get install -y postgresql postgresql-client   (Debian/Ubuntu), then run this again."
        return 1
    fi
    if ! mc_is_root || ! command -v pg_lsclusters >/dev/null 2>&1; then
        mc_err "cannot connect to PostgreSQL as '$me' (\`psql -d postgres\` fails):"
        mc_psql -d postgres -tAc 'select 1' 2>&1 | sed 's/^/[setup]   /' >&2
        if ! mc_is_root; then
            mc_err "Not running as root, so this script cannot start PostgreSQL or create roles. As an admin, run:"
            mc_err "  sudo pg_ctlcluster <version> main start        (if the cluster is down; see pg_lsclusters)"
            mc_err "  sudo -u postgres createuser --superuser '$me'  (if the role is missing)"
        else
            mc_err "pg_lsclusters is missing: this is not a Debian-style PostgreSQL; start it and create a"
            mc_err "superuser role '$me' yourself (or set PGHOST/PGPORT/PGUSER to reach a running server)."
        fi
        return 1
    fi

    # Root on Debian: pick the first online cluster, else the first cluster.
    local line version name port status logfile
    line=$(pg_lsclusters -h 2>/dev/null | awk '$4 ~ /^online/' | head -n 1)
    [ -n "$line" ] || line=$(pg_lsclusters -h 2>/dev/null | head -n 1)
    if [ -z "$line" ]; then
        mc_err "PostgreSQL is installed but has no cluster. Create and start one, e.g.:"
        mc_err "  pg_createcluster <version> main --start     (versions: $(ls /usr/lib/postgresql 2>/dev/null | tr '\n' ' '))"
        return 1
    fi
    read -r version name port status _ _ logfile <<<"$line"
    local tries=30 i ok=""
    if [[ "$status" != online* ]]; then
        mc_say "starting PostgreSQL cluster $version/$name (port $port)"
        pg_ctlcluster "$version" "$name" start 2>&1 | sed 's/^/[setup]   /' >&2
        [ "${PIPESTATUS[0]}" -eq 0 ] || tries=1
    fi
    for i in $(seq 1 "$tries"); do
        if su postgres -c "psql -X -w -q -p $port -d postgres -tAc 'select 1'" </dev/null >/dev/null 2>&1; then
            ok=1
            break
        fi
        sleep 1
    done
    if [ -z "$ok" ]; then
        mc_err "PostgreSQL cluster $version/$name does not accept connections. Last lines of its log ($logfile):"
        tail -n 20 "$logfile" 2>/dev/null | sed 's/^/[setup]   /' >&2
        mc_err "Fix the cause above, then: pg_ctlcluster $version $name start"
        return 1
    fi
    if [ "$port" != 5432 ] && [ -z "${PGPORT:-}" ]; then
        export PGPORT="$port"
        mc_say "cluster $version/$name listens on port $port: exported PGPORT=$port"
    fi
    mc_ensure_pg_role "$me" "$port" || return 1
    if ! mc_psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        mc_err "PostgreSQL $version/$name is running and role '$me' exists, but \`psql -d postgres\` still fails:"
        mc_psql -d postgres -tAc 'select 1' 2>&1 | sed 's/^/[setup]   /' >&2
        mc_err "Check PGHOST/PGPORT/PGUSER and pg_hba.conf (local connections must use peer or trust)."
        return 1
    fi
    return 0
}

# mc_ensure_pg_role ROLE PORT: as root, creates ROLE (SUPERUSER LOGIN) through the postgres
# OS account when it does not exist yet.
mc_ensure_pg_role() {
    local role=$1 port=$2 exists
    exists=$(su postgres -c "psql -X -w -q -p $port -d postgres -tAc \"select 1 from pg_roles where rolname = '$role'\"" </dev/null 2>/dev/null)
    [ "$exists" = 1 ] && return 0
    mc_say "creating PostgreSQL role '$role' (SUPERUSER LOGIN)"
    if ! su postgres -c "psql -X -w -q -p $port -d postgres -v ON_ERROR_STOP=1 -c 'CREATE ROLE \"$role\" SUPERUSER LOGIN'" </dev/null; then
        mc_err "could not create the PostgreSQL role '$role'."
        return 1
    fi
}

mc_db_exists() {
    [ "$(mc_psql -d postgres -tAc "select 1 from pg_database where datname = '$1'" 2>/dev/null)" = 1 ]
}

# --- Debian packages ---------------------------------------------------------------------------

mc_chromium_bin() {
    # Same names, same order as Odoo's tests (odoo.tests.common._find_executable).
    local b
    for b in google-chrome chromium chromium-browser google-chrome-stable; do
        command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return 0; }
    done
    return 1
}

# ensure_debian_packages MODE (run|test): wkhtmltopdf (PDF reports) and chromium (portal tours).
# As root with apt-get: installs what is missing. Otherwise prints the command; only a missing
# chromium in test mode is fatal (tours cannot run without it).
ensure_debian_packages() {
    local mode=${1:-run} missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    mc_chromium_bin >/dev/null || missing+=(chromium)
    [ "${#missing[@]}" -eq 0 ] && return 0

    if mc_is_root && command -v apt-get >/dev/null 2>&1; then
        mc_say "installing Debian packages: ${missing[*]}"
        if DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null; then
            return 0
        fi
        mc_warn "apt-get could not install: ${missing[*]}"
    else
        mc_warn "missing Debian packages: ${missing[*]}. Install them with:"
        mc_warn "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    fi
    command -v wkhtmltopdf >/dev/null 2>&1 || mc_warn "without wkhtmltopdf, PDF reports cannot be printed."
    if ! mc_chromium_bin >/dev/null; then
        if [ "$mode" = test ]; then
            mc_err "chromium is required to run the portal tours."
            return 1
        fi
        mc_warn "without chromium, only the portal tours are affected (setup/test needs it)."
    fi
    return 0
}

# --- Python requirements -----------------------------------------------------------------------

# ensure_python_requirements FILE...: pip-installs the files' requirements into Odoo's
# interpreter, only when one of them is missing or at a wrong version (fast when all present).
ensure_python_requirements() {
    local files=() f
    for f in "$@"; do
        [ -f "$f" ] && files+=("$f")
    done
    [ "${#files[@]}" -eq 0 ] && return 0
    local py=${ODOO_PYTHON:-python3} missing
    missing=$("$py" - "${files[@]}" <<'PY'
import re
import sys
from importlib import metadata

try:
    from packaging.requirements import Requirement
except ImportError:  # pip vendors it
    from pip._vendor.packaging.requirements import Requirement

for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        if req.marker and not req.marker.evaluate():
            continue
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            print(req)
            continue
        if req.specifier and not req.specifier.contains(version, prereleases=True):
            print(f"{req} (installed: {version})")
PY
    ) || {
        mc_err "could not check the Python requirements with $py."
        return 1
    }
    [ -z "$missing" ] && return 0

    mc_say "installing missing Python packages into $py:"
    printf '%s\n' "$missing" | sed 's/^/[setup]   /'
    local constraint rc args=()
    constraint=$(mktemp)
    # setuptools 81 removes pkg_resources, which Odoo 18 still imports.
    printf 'setuptools<81\n' >"$constraint"
    for f in "${files[@]}"; do
        args+=(-r "$f")
    done
    PIP_CONSTRAINT="${PIP_CONSTRAINT:+$PIP_CONSTRAINT }$constraint" \
        "$py" -m pip install --disable-pip-version-check --no-input -q "${args[@]}" </dev/null
    rc=$?
    rm -f "$constraint"
    if [ "$rc" -ne 0 ]; then
        mc_err "pip could not install: $(printf '%s' "$missing" | tr '\n' ' ')"
        mc_err "Install them into $py yourself: $py -m pip install ${args[*]}"
        return 1
    fi
    return 0
}
