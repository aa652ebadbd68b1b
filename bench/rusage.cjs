// Preloaded into a measured process (node --require bench/rusage.cjs ...): on exit, writes its
// resource usage (peak RSS of the whole process, worker threads included; CPU times) as JSON to
// the file named by SEEDLINT_BENCH_RUSAGE. Portable stand-in for /usr/bin/time -v.
const fs = require('node:fs');
const out = process.env.SEEDLINT_BENCH_RUSAGE;
if (out) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ maxRssKb: r.maxRSS, userMs: r.userCPUTime / 1000, systemMs: r.systemCPUTime / 1000 }));
  });
}
