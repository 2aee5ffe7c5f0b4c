#!/bin/bash
# Submits the shards as a job array and finalize after all of them.
#   ./submit.sh [N]        (N shards, default 4)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-4}
array=$(sbatch --parsable --array="0-$((n - 1))" plenary-array.sbatch)
sbatch --dependency="afterok:${array%%;*}" plenary-finalize.sbatch
