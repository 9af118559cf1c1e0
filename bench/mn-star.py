#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""mn-star.py: the Mininet column of scripts/bench (optional).

usage: mn-star.py N REF_BUILDER PINGALL

Builds Mininet's single-switch topology (one Linux bridge, N hosts, no
controller), checks h1 reaches hN, runs pingall when PINGALL is 1, stops
the network and waits with `REF_BUILDER watch PID...` until the kernel has
torn down the hosts' namespaces. Prints one "key value" line per result
(times in microseconds).

Run it ONLY inside its own sandbox (scripts/bench does:
unshare --net --mount --pid --fork): Mininet's cleanup kills processes and
deletes links machine-wide. This script never calls that cleanup (mn -c).
"""
import subprocess
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge
from mininet.topo import SingleSwitchTopo


def us(t):
    return int(t * 1e6)


def main():
    n, ref, pingall = int(sys.argv[1]), sys.argv[2], sys.argv[3] == '1'
    setLogLevel('error')
    t0 = time.monotonic()
    net = Mininet(topo=SingleSwitchTopo(n), switch=LinuxBridge,
                  controller=None, waitConnected=False)
    net.start()
    t1 = time.monotonic()
    print('build', us(t1 - t0))
    h1, hn = net.hosts[0], net.hosts[-1]
    out = h1.cmd('ping -c1 -W2', hn.IP())
    print('verify', 'ok' if ' 0% packet loss' in out else 'FAIL')
    if pingall:
        net.staticArp()     # Mininet's fastest pingall: no ARP (not timed)
        t = time.monotonic()
        loss = net.pingAll(timeout='2')
        print('pingall', us(time.monotonic() - t))
        print('pingall_loss', loss)
    sys.stdout.flush()
    pids = [str(h.pid) for h in net.hosts]
    watch = subprocess.Popen([ref, 'watch'] + pids, stdout=subprocess.PIPE,
                             text=True)
    if not watch.stdout.readline().startswith('ready'):
        print('watch_failed 1')
    t2 = time.monotonic()
    net.stop()
    t3 = time.monotonic()
    watch.wait()
    t4 = time.monotonic()
    print('destroy', us(t3 - t2))
    print('freed', us(t4 - t2) if watch.returncode == 0 else -1)


if __name__ == '__main__':
    main()
