#!/usr/bin/env bash
# A fundsim simulation as a Slurm job array: N shards, then one merge.
#
#   SCENARIO=scenarios/linghai-2017.yaml RUNS=1000 SHARDS=50 OUT=out/linghai ./docs/slurm/fundsim-array.sh
#
# Each array task computes runs ⌊I·RUNS/SHARDS⌋ … ⌊(I+1)·RUNS/SHARDS⌋ − 1 into $OUT.shards/I.json
# (written atomically: a task killed midway leaves no half file, and its retry is harmless);
# the merge job starts when every task has succeeded and writes $OUT as `fundsim simulate`
# would, runs.csv byte for byte the single-machine one. Add --register FILE, --variant V or
# --set … to BOTH commands (the merge checks every shard against the scenario by its hash).
set -euo pipefail
: "${SCENARIO:?set SCENARIO}" "${RUNS:?set RUNS}" "${SHARDS:?set SHARDS}" "${OUT:?set OUT}"
SEED_ARGS=${SEED:+--seed $SEED}
mkdir -p "$OUT.shards"
array=$(sbatch --parsable --array=0-$((SHARDS - 1)) --cpus-per-task="${CPUS:-2}" --job-name=fundsim-shard \
  --wrap="node bin/fundsim.js shard $SCENARIO --index \$SLURM_ARRAY_TASK_ID --of $SHARDS --runs $RUNS $SEED_ARGS --threads \$SLURM_CPUS_PER_TASK --out $OUT.shards/\$SLURM_ARRAY_TASK_ID.json --force")
sbatch --dependency=afterok:"$array" --job-name=fundsim-merge \
  --wrap="node bin/fundsim.js merge $SCENARIO $OUT.shards/*.json --out $OUT"
echo "submitted array $array ($SHARDS shards) and its merge"
