#!/usr/bin/env bash
# The namenode's start: format the name directory on the first start only, then run the namenode.
# Run as `bash /opt/cdp/namenode.sh`: the image's /opt/starter.sh ends in an unquoted $@, which splits any
# `bash -c "..."` string into words; a script path and nothing else survives that unchanged.
set -euo pipefail
if [ ! -d /hadoop/dfs/name/current ]; then
  hdfs namenode -format -nonInteractive
fi
exec hdfs namenode
