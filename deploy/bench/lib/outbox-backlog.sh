# Samples inbox-service's outbox backlog five times a second while a benchmark runs: the rows not yet published and
# the age of the oldest. Sourced by the scripts of deploy/bench; needs psql and the pg=(-h .. -p .. -U ..) array.
#   backlog_start           starts sampling in the background
#   backlog_report          stops it and prints the maximum of both

backlog_start() {
  backlog_samples="$(mktemp)"
  while true; do
    psql "${pg[@]}" -qAt -F ' ' -d agentmail_inbox \
      -c "select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0) from outbox"
    sleep 0.2
  done > "$backlog_samples" 2>/dev/null &
  backlog_sampler=$!
}

backlog_report() {
  kill "$backlog_sampler"
  awk '$1 > rows { rows = $1 } $2 > age { age = $2 }
       END { printf "outbox backlog: at most %d rows, oldest at most %.3f s (%d samples)\n", rows, age, NR }' \
    "$backlog_samples"
  rm -f "$backlog_samples"
}
