#!/bin/bash
# Runs INSIDE the throwaway systemd (see .ci/systemd-e2e.sh), as root, in the repository.
set -u
fail=0; pass=0
check() { if "$@"; then pass=$((pass+1)); echo "ok: $*"; else fail=$((fail+1)); echo "FAIL: $*"; fi; }
wait_for() { for _ in $(seq 1 "$1"); do if eval "$2"; then return 0; fi; sleep 0.1; done; return 1; }
journal() { journalctl --sync 2>/dev/null; journalctl -u sluiced --no-pager -o cat; }
as() { local who=$1; shift; runuser -u "$who" -- "$@"; }
export -f journal as
finish() {
    if [ "$fail" != 0 ]; then echo "--- sluiced's journal:"; journal | tail -40; fi
    echo "systemd e2e: $pass checks passed, $fail failed"
    [ "$fail" = 0 ]; exit
}

# 1. The README's install section, line by line, as a user types it (no bucket is made by hand).
mapfile -t lines < <(awk '/<!-- install:begin -->/{on=1; next} /<!-- install:end -->/{on=0} on && !/^```/' README.md)
check test "${#lines[@]}" -ge 5
for line in "${lines[@]}"; do
    echo "\$ $line"
    if ! bash -c "$line" > /tmp/line.log 2>&1; then
        tail -20 /tmp/line.log; fail=$((fail+1)); echo "FAIL: README line: $line"; finish
    fi
    tail -3 /tmp/line.log
done
pass=$((pass+1))
check test -z "$(printf '%s\n' "${lines[@]}" | grep -E 'mkdir[^|;&]*buckets/[a-z0-9.-]+/?( |$)')"

# 2. What the user then reads in the journal: the execution by name, its end, the subscriber's output.
check wait_for 900 'journal | grep -q "execution score-companies:companies-csv-[0-9a-f]* SUCCEEDED in "'
check bash -c 'journal | grep -q "execution score-companies:companies-csv-[0-9a-f]* started by rule score-uploaded-companies for s3://inbox/companies/companies.csv"'
check wait_for 100 'journal | grep -q "subscription print-summary: \[scores .*\] Scored companies/companies.csv"'
check bash -c 'journal | grep -q "map run score-companies/scores:[0-9a-f]* 227,000/227,000 items (100%), 0 failed, SUCCEEDED"'
check test "$(ls /var/lib/sluice/buckets/results/scores/*/SUCCEEDED_* | wc -l)" -ge 1

# 3. Who sluiced and its files are: user sluice, never root; the store is the group's alone.
check test "$(ps -o user= -p "$(systemctl show -P MainPID sluiced)")" = sluice
check test "$(stat -c '%U:%G %a' /var/lib/sluice/sluice.db)" = "sluice:sluice 660"
check test "$(stat -c '%G %a' /var/lib/sluice/buckets/inbox)" = "sluice 2770"

# 4. A member of group sluice does it all as herself; someone outside is refused and changes nothing.
useradd --create-home --groups sluice alice
useradd --create-home bob
python3 etc/sluice/examples/generate-companies.py 50 /tmp/small.csv && chmod 0644 /tmp/small.csv
check as alice cp /tmp/small.csv /var/lib/sluice/buckets/inbox/companies/alice.csv
check wait_for 300 '[ "$(as alice sluice executions list --status SUCCEEDED --json | grep -o "\"executionArn\"" | wc -l)" -ge 2 ]'
arn=$(as alice sluice start-execution greet-and-score --input-file /etc/sluice/examples/greet-and-score.json --json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["executionArn"])')
check test -n "$arn"
check wait_for 300 'as alice sluice executions describe "$arn" --json | grep -q "\"SUCCEEDED\""'
greeting=$(as alice sluice executions describe "$arn" --json | grep -o 'hello from [^"]*')
echo "the function said: $greeting"
check sh -c "echo '$greeting' | grep -q 'as sluice (uid [1-9]'"
before=$(as alice sluice executions list --json | grep -o '"executionArn"' | wc -l)
check bash -c 'as bob sluice executions list 2>&1 | grep -q "not permitted: .*add yourself to group sluice"'
check bash -c '! as bob sluice executions list >/dev/null 2>&1'
check bash -c 'as bob sluice topics list 2>&1 | grep -q "not permitted: /var/lib/sluice/topics"'
check bash -c 'as alice sluice topics list | grep -q "^scores "'
check bash -c '! as bob sluice start-execution greet-and-score --input "{}" >/dev/null 2>&1'
check bash -c '! as bob cp /tmp/small.csv /var/lib/sluice/buckets/inbox/companies/bob.csv 2>/dev/null'
sleep 1
check test "$(as alice sluice executions list --json | grep -o '"executionArn"' | wc -l)" = "$before"

# 4b. A function file that names a user: its workers run as that member of group sluice, once sluiced may switch
# users (the README's drop-in); a user outside the group is refused at load.
mkdir -p /etc/systemd/system/sluiced.service.d
printf '[Service]\nAmbientCapabilities=CAP_SETUID CAP_SETGID\n' > /etc/systemd/system/sluiced.service.d/users.conf
printf '{"Command": ["./greet.sh"], "User": "alice"}\n' > /etc/sluice/functions/greet-as-alice.json
printf '{"Command": ["./greet.sh"], "User": "bob"}\n' > /etc/sluice/functions/greet-as-bob.json
cat > /etc/sluice/state-machines/whoami.asl.json <<'JSON'
{"StartAt": "Greet", "States": {"Greet": {"Type": "Task", "Resource": "greet-as-alice", "End": true}}}
JSON
systemctl daemon-reload
systemctl restart sluiced
check bash -c 'journal | grep -q "greet-as-bob.json: /User: user .bob. is not a member of group sluice"'
arn=$(as alice sluice start-execution whoami --input '{}' --json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["executionArn"])')
check wait_for 300 'as alice sluice executions describe "$arn" --json | grep -q "\"SUCCEEDED\""'
check bash -c "as alice sluice executions describe '$arn' --json | grep -q 'as alice (uid $(id -u alice))'"
rm /etc/systemd/system/sluiced.service.d/users.conf

# 4c. The AWS API: its key is readable by sluiced and group sluice only; a member drives sluiced with the AWS CLI
# after `eval "$(sluice env)"`; someone outside the group cannot even read the key.
check test "$(stat -c '%U:%G %a' /var/lib/sluice/credentials)" = "sluice:sluice 640"
check wait_for 100 'test -s /run/sluice/api-endpoint'
aws_cli="$(pwd)/.build/aws-clients/bin/aws"
if [ -x "$aws_cli" ]; then
    export aws_cli
    check bash -c 'as alice bash -c "eval \"\$(sluice env)\" && $aws_cli stepfunctions list-state-machines" | grep -q "stateMachine:score-companies"'
    check bash -c 'as alice bash -c "eval \"\$(sluice env)\" && $aws_cli sns list-topics" | grep -q "arn:aws:sns:local:000000000000:scores"'
else
    echo "note: no .build/aws-clients (run make test); the AWS CLI checks are skipped"
fi
check bash -c '! as bob sluice env >/dev/null 2>&1'
check bash -c '! as bob cat /var/lib/sluice/credentials >/dev/null 2>&1'

# 4d. An upload alice is still writing when sluiced starts, her writer pausing well past the settle delay: sluiced
# (user sluice, with CAP_LEASE) sees with a read lease that she still holds it open, and reports it once, whole, when
# she closes it: one execution, not one for the half and one for the whole.
count_executions() { as alice sluice executions list --json | grep -o '"executionArn"' | wc -l; }
before=$(count_executions)
systemctl stop sluiced
as alice bash -c '{ printf "id,name\n1,slow\n"; sleep 3; printf "2,slower\n"; } > /var/lib/sluice/buckets/inbox/companies/slow.csv' &
writer=$!
sleep 0.5
systemctl start sluiced
wait "$writer"
check wait_for 300 '[ "$(count_executions)" -gt "$before" ]'
sleep 2
check test "$(count_executions)" = "$((before + 1))"

# 5. The service as systemd runs it: status line, reload, journal fields, the watchdog, a clean stop.
check sh -c 'test -z "$(systemd-analyze verify /usr/local/lib/systemd/system/sluiced.service 2>&1)"'
check sh -c 'systemctl show -P StatusText sluiced | grep -q "executions:"'
systemctl reload sluiced
check wait_for 100 'journal | grep -q "configuration reloaded"'
check bash -c 'journalctl -o json --no-pager -u sluiced | grep -q "\"SLUICE_OBJECT\""'
check bash -c 'journalctl -o json --no-pager -u sluiced | grep -q "\"SLUICE_EXECUTION\""'
# A stuck daemon (SIGSTOP: no more watchdog pings) is killed and restarted; a short watchdog keeps this quick.
printf '[Service]\nWatchdogSec=2\nTimeoutAbortSec=2s\nRestartSec=1s\n' > /etc/systemd/system/sluiced.service.d/test.conf
systemctl daemon-reload
systemctl restart sluiced
pid=$(systemctl show -P MainPID sluiced)
kill -STOP "$pid"
check wait_for 150 '[ "$(systemctl show -P NRestarts sluiced)" -ge 1 ] && [ "$(systemctl is-active sluiced)" = active ]'
check test "$(systemctl show -P MainPID sluiced)" != "$pid"
check systemctl stop sluiced
check test "$(systemctl is-active sluiced)" = inactive
check test "$(systemctl show -P Result sluiced)" = success
finish
