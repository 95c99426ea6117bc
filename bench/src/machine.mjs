// How busy the machine was during one measurement: the load average before and after (from /proc/loadavg) and
// the CPU that OTHER processes used meanwhile (all CPU time from /proc/stat minus the time of the bench process,
// the children it waited for, and the servers it started that are still running). On a shared 2-core machine
// the load average alone cannot tell the bench's own work from other people's; the CPU split can.
import fs from 'node:fs';
import os from 'node:os';

/** The load average (1, 5, 15 min) from /proc/loadavg, or null when not readable. */
export function loadAvg() {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').trim().split(/\s+/).slice(0, 3).map(Number);
  } catch {
    return null;
  }
}

const HZ = 100; // USER_HZ on Linux

/** Pids of processes the bench started and that are still running (LspServer adds and removes its own). */
export const LIVE_PIDS = new Set();

function totalBusyTicks() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    return f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  } catch {
    return null;
  }
}

function procTicks(pid, withChildren) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
    // fields after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    return f[11] + f[12] + (withChildren ? f[13] + f[14] : 0);
  } catch {
    return 0;
  }
}

function ourTicks() {
  let t = procTicks(process.pid, true);
  for (const pid of LIVE_PIDS) t += procTicks(pid, false);
  return t;
}

/** CPU seconds a process has used so far (user + system), or null. */
export function cpuSeconds(pid) {
  const t = procTicks(pid, false);
  return t ? t / HZ : null;
}

/**
 * Starts a measurement window; `end()` returns `{ loadBefore, loadAfter, otherCores, busy }` where `otherCores` is
 * the average number of cores other processes kept busy during the window. Busy: other processes used more than
 * half a core on average, or (when /proc/stat cannot be read) the 1-minute load average was above 75 % of the cores.
 */
export function cpuWindow() {
  const cores = os.cpus().length;
  const loadBefore = loadAvg();
  const t0 = Date.now();
  const total0 = totalBusyTicks();
  const ours0 = ourTicks();
  return {
    end() {
      const seconds = (Date.now() - t0) / 1000;
      const total1 = totalBusyTicks();
      const ours1 = ourTicks();
      const loadAfter = loadAvg();
      let otherCores = null;
      if (total0 != null && total1 != null && seconds > 0.2) {
        otherCores = Math.max(0, (total1 - total0 - (ours1 - ours0)) / HZ / seconds);
        otherCores = Number(otherCores.toFixed(2));
      }
      const highLoad = Math.max(loadBefore?.[0] ?? 0, loadAfter?.[0] ?? 0) > cores * 0.75;
      const busy = otherCores != null ? otherCores > 0.5 : highLoad;
      return { loadBefore, loadAfter, otherCores, seconds: Number(seconds.toFixed(1)), busy };
    },
  };
}
