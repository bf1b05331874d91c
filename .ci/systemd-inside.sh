#!/bin/bash
# Runs INSIDE the throwaway systemd (see .ci/systemd-e2e.sh).
set -u
fail=0; pass=0
check() { if "$@"; then pass=$((pass+1)); echo "ok: $*"; else fail=$((fail+1)); echo "FAIL: $*"; fi; }
jsync() { journalctl --sync 2>/dev/null || true; }
wait_for() { for _ in $(seq 1 "$1"); do if eval "$2"; then return 0; fi; sleep 0.1; done; return 1; }

# Configuration: bucket inbox → state machine note → topic done → a subscriber writing into /var/lib/sluice/out.
mkdir -p /etc/sluice/state-machines /etc/sluice/rules /etc/sluice/subscriptions /etc/sluice/functions \
    /var/lib/sluice/buckets/inbox /var/lib/sluice/buckets/second /var/lib/sluice/out
printf '{"Region": "local", "Account": "000000000000", "MaxWorkers": 2}\n' > /etc/sluice/sluiced.json
rule() {
    printf '{"EventPattern": {"source": ["aws.s3"], "detail": {"bucket": {"name": ["%s"]}}},
 "Targets": [{"Id": "note", "Arn": "arn:aws:states:local:000000000000:stateMachine:note",
   "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\\"key\\": <key>}"}}]}\n' "$1"
}
rule inbox > /etc/sluice/rules/inbox.json
cat > /etc/sluice/state-machines/note.asl.json <<'JSON'
{"StartAt": "Publish", "States": {"Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
  "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.key"}, "End": true}}}
JSON
printf '#!/bin/sh\ncat > "/var/lib/sluice/out/$SLUICE_MESSAGE_ID"\n' > /etc/sluice/record.sh
chmod +x /etc/sluice/record.sh
printf '{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "/etc/sluice/record.sh", "RawMessageDelivery": true}\n' \
    > /etc/sluice/subscriptions/record.json
# A short watchdog so the stuck-daemon check is quick.
mkdir -p /etc/systemd/system/sluiced.service.d
printf '[Service]\nWatchdogSec=2\nTimeoutAbortSec=2s\nRestartSec=1s\n' > /etc/systemd/system/sluiced.service.d/test.conf
check sh -c 'test -z "$(systemd-analyze verify /etc/systemd/system/sluiced.service 2>&1 | grep -v "test.conf")"'

systemctl daemon-reload
t0=$(date +%s%N); systemctl start sluiced; t1=$(date +%s%N)
echo "start (returns after READY=1) took $(( (t1 - t0) / 1000000 )) ms"
check test "$(systemctl is-active sluiced)" = active
check sh -c 'systemctl show -P StatusText sluiced | grep -q "executions:"'

echo "hello" > /var/lib/sluice/buckets/inbox/first.txt
check wait_for 100 '[ -n "$(ls /var/lib/sluice/out)" ]'
check sh -c 'grep -qsx first.txt /var/lib/sluice/out/*'

rule second > /etc/sluice/rules/second.json
systemctl reload sluiced
jsync
check wait_for 100 'journalctl --sync; journalctl SYSLOG_IDENTIFIER=sluiced --no-pager -o cat | grep -q "configuration reloaded"'
echo "again" > /var/lib/sluice/buckets/second/later.txt
check wait_for 100 'grep -qsx later.txt /var/lib/sluice/out/*'

jsync
check sh -c 'journalctl -o json --no-pager SYSLOG_IDENTIFIER=sluiced | grep -q "\"SLUICE_OBJECT\""'
check sh -c 'journalctl -o json --no-pager SYSLOG_IDENTIFIER=sluiced | grep -q "\"SLUICE_EXECUTION\""'

# A stuck daemon (stopped with SIGSTOP: no more watchdog pings) is killed and restarted by systemd.
pid=$(systemctl show -P MainPID sluiced)
kill -STOP "$pid"
check wait_for 150 '[ "$(systemctl show -P NRestarts sluiced)" -ge 1 ] && [ "$(systemctl is-active sluiced)" = active ]'
check test "$(systemctl show -P MainPID sluiced)" != "$pid"

check systemctl stop sluiced
check test "$(systemctl is-active sluiced)" = inactive
check test "$(systemctl show -P Result sluiced)" = success
if [ "$fail" != 0 ]; then ls -la /var/lib/sluice/out /var/lib/sluice/topics/done /var/lib/sluice/topics/done/dead-letter 2>&1 | head -20; head -c 600 /var/lib/sluice/topics/done/dead-letter/* 2>/dev/null; jsync; echo "--- sluiced's journal:"; journalctl SYSLOG_IDENTIFIER=sluiced --no-pager -o cat | grep -i "object\|reload\|rule\|execution\|error\|ready" | head -40; fi
echo "systemd e2e: $pass checks passed, $fail failed"
[ "$fail" = 0 ]
