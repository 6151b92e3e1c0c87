#!/usr/bin/env bash
# A single-node SLURM cluster on localhost for the sweep tests (test/sweep/slurm.test.ts):
# Debian's slurm-wlm and munge, a minimal slurm.conf, munged + slurmctld + slurmd, then wait
# until sinfo shows the node idle. Runs as root (CI); safe to run twice (an idle cluster is
# left alone, a half-started one is restarted).
set -euo pipefail

if [ "$(id -u)" != 0 ]; then echo "slurm-up: must run as root" >&2; exit 1; fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

node_idle() { sinfo -h -n localhost -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; }
alive() { [ -f "/run/$1.pid" ] && kill -0 "$(cat "/run/$1.pid")" 2>/dev/null; }
if alive slurmctld && alive slurmd && node_idle; then echo "slurm-up: cluster already up"; sinfo; exit 0; fi

# munge: a key (created if the package did not), runtime directories, the daemon.
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null 2>&1; then mungekey --create --keyfile=/etc/munge/munge.key
  else dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none; fi
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
chmod 755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -f /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi
munge -n | unmunge >/dev/null

# slurm.conf: this machine's CPU topology and memory (from slurmd -C), as node "localhost".
topology=$(slurmd -C | head -1 | sed -e 's/^NodeName=[^ ]* //')
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=rkky-ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
NodeName=localhost ${topology} State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

# (Re)start the daemons this script manages, by their pid files.
for d in slurmd slurmctld; do
  if [ -f "/run/$d.pid" ]; then kill "$(cat "/run/$d.pid")" 2>/dev/null || true; fi
done
sleep 1
/usr/sbin/slurmctld
/usr/sbin/slurmd -N localhost

for _ in $(seq 60); do
  if node_idle; then sinfo; echo "slurm-up: cluster up"; exit 0; fi
  # A node left down/drained by an earlier start comes back once the config is right.
  scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true
  sleep 1
done
echo "slurm-up: the node did not become idle within 60 s" >&2
sinfo >&2 || true
tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
