#!/bin/bash
# Registers the two job definitions, submits the shards as an array job of
# N children (AWS Batch sets AWS_BATCH_JOB_ARRAY_INDEX, 0 to N-1, in each;
# the count reaches plenary as --shards through the "shards" parameter) and
# finalize depending on the whole array.
#   QUEUE=my-queue ./submit.sh [N]        (N shards, default 4)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-4}
queue=${QUEUE:?set QUEUE to a job queue}
aws batch register-job-definition --cli-input-json file://job-definition.json >/dev/null
aws batch register-job-definition --cli-input-json file://finalize-job-definition.json >/dev/null
array=$(aws batch submit-job --job-name plenary-shards --job-queue "$queue" \
  --job-definition plenary-shard --array-properties "size=$n" \
  --parameters "shards=$n" --query jobId --output text)
aws batch submit-job --job-name plenary-finalize --job-queue "$queue" \
  --job-definition plenary-finalize --depends-on "jobId=$array" --query jobId --output text
