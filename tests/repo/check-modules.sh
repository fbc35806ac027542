#!/usr/bin/env bash
# check-modules.sh [ROOT]
#
# The module graph of core/ is what each core/<module>/CMakeLists.txt links (its LINKS burnrate_<module> entries),
# and the code keeps to it:
#   - the graph has no cycle;
#   - a file of core/<module>/ includes only its own module's headers and those of modules it links, directly or
#     through them;
#   - ui/ never includes the command line (cli/), which the desktop app does not link, and names its own headers
#     "ui/<folder>/<file>.h", so every include says which folder it comes from.
# Prints one line per violation and exits 1 when there is any; prints the modules in dependency order otherwise.
set -euo pipefail

ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
cd "$ROOT"

declare -A links=()
modules=()
for cmake in core/*/CMakeLists.txt; do
    module="$(basename "$(dirname "$cmake")")"
    modules+=("$module")
    links[$module]="$(tr '\n' ' ' <"$cmake" | grep -oE 'LINKS [^)]*' | grep -oE 'burnrate_[a-z]+' |
        sed 's/^burnrate_//' | sort -u | tr '\n' ' ' || true)"
done

problems=0
problem() {
    echo "check-modules: $*"
    problems=$((problems + 1))
}

for module in "${modules[@]}"; do
    for dep in ${links[$module]}; do
        [[ -n "${links[$dep]+x}" ]] || problem "core/$module links burnrate_$dep, which is not a module of core/"
    done
done

# Topological order (Kahn): what is left over sits on a cycle.
order=()
declare -A placed=()
while ((${#order[@]} < ${#modules[@]})); do
    progress=0
    for module in "${modules[@]}"; do
        [[ -n "${placed[$module]+x}" ]] && continue
        ready=1
        for dep in ${links[$module]}; do
            [[ -n "${links[$dep]+x}" && -z "${placed[$dep]+x}" ]] && ready=0
        done
        if ((ready)); then
            order+=("$module")
            placed[$module]=1
            progress=1
        fi
    done
    if ((!progress)); then
        left=()
        for module in "${modules[@]}"; do
            [[ -z "${placed[$module]+x}" ]] && left+=("$module")
        done
        problem "the links of core/ form a cycle among: ${left[*]}"
        break
    fi
done

# What each module may include: itself and the closure of its links (in dependency order, deps come first).
declare -A reach=()
for module in "${order[@]}"; do
    all="$module"
    for dep in ${links[$module]}; do
        all="$all ${reach[$dep]:-$dep}"
    done
    reach[$module]="$(tr ' ' '\n' <<<"$all" | sort -u | tr '\n' ' ')"
done

core_module_re="^($(
    IFS='|'
    echo "${modules[*]}"
))$"
for module in "${modules[@]}"; do
    allowed=" ${reach[$module]:-$module} "
    while IFS=: read -r file line include; do
        target="${include%%/*}"
        [[ "$target" =~ $core_module_re ]] || continue
        if [[ "$allowed" != *" $target "* ]]; then
            problem "$file:$line: core/$module includes \"$include\" but does not link burnrate_$target"
        fi
    done < <(grep -rnoE '^#include "[a-z]+/[^"]+"' "core/$module" | sed -E 's/#include "([^"]+)"/\1/' || true)
done

# One pass over the app's includes: never the command line, always a module's path.
while IFS=: read -r file line include; do
    first="${include%%/*}"
    if [[ "$first" == cli ]]; then
        problem "$file:$line: the desktop app includes the command line (\"$include\")"
    elif [[ "$include" != */* || ! ("$first" == ui || "$first" =~ $core_module_re) ]]; then
        problem "$file:$line: \"$include\" names no module: ui headers are included as \"ui/...\""
    fi
done < <(grep -rnoE '^#include "[^"]+"' ui | grep -v '\.moc"$' | sed -E 's/#include "([^"]+)"/\1/' || true)

if ((problems > 0)); then
    exit 1
fi
echo "check-modules: ${#modules[@]} modules, no cycle, includes follow the links: ${order[*]}"
