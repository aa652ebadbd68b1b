/** The client's restart policy: a few restarts within a window, then a stop that says so. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RestartPolicy } from '../../client/src/restartPolicy';

const MINUTE = 60_000;

/** A policy on a clock the test moves by hand. */
function policyAt(start = 1_000_000, maxRestarts = 3, windowMs = 3 * MINUTE) {
  const clock = { now: start };
  const policy = new RestartPolicy({ maxRestarts, windowMs, now: () => clock.now });
  return { clock, policy };
}

describe('client restart policy', () => {
  it('restarts three times, counting, and refuses the fourth stop within three minutes with a message', () => {
    const { clock, policy } = policyAt();
    const decisions = [0, 10_000, 20_000, 30_000].map((dt) => {
      clock.now += dt;
      return policy.serverStopped();
    });
    assert.deepEqual(
      decisions.slice(0, 3).map((d) => d.restart),
      [true, true, true],
    );
    assert.deepEqual(
      decisions.slice(0, 3).map((d) => d.message),
      [1, 2, 3].map((n) => `The seedlint server stopped; restarting (${n} of 3).`),
    );
    assert.equal(decisions[3].restart, false);
    assert.equal(
      decisions[3].message,
      'The seedlint server stopped 4 times in 3 minutes and will not be restarted. Run "Seedlint: Restart Server" after checking the output.',
    );
  });

  it('forgets stops older than the window: one crash every two minutes restarts for ever', () => {
    const { clock, policy } = policyAt();
    for (let i = 0; i < 50; i++) {
      const d = policy.serverStopped();
      assert.ok(d.restart, `stop ${i + 1}`);
      // At two minutes apart, the window of three holds at most two stops.
      assert.match(d.message, /restarting \([12] of 3\)/);
      clock.now += 2 * MINUTE;
    }
  });

  it('counts a stop exactly at the window edge in the window, and one a millisecond later out of it', () => {
    let { clock, policy } = policyAt();
    for (let i = 0; i < 3; i++) policy.serverStopped();
    clock.now += 3 * MINUTE;
    assert.equal(policy.serverStopped().restart, false, 'the first three stops are exactly three minutes old');

    ({ clock, policy } = policyAt());
    for (let i = 0; i < 3; i++) policy.serverStopped();
    clock.now += 3 * MINUTE + 1;
    const d = policy.serverStopped();
    assert.equal(d.restart, true);
    assert.match(d.message, /\(1 of 3\)/);
  });

  it('keeps refusing while stops keep coming, and restarts again once the window has passed', () => {
    const { clock, policy } = policyAt();
    for (let i = 0; i < 3; i++) policy.serverStopped();
    assert.equal(policy.serverStopped().restart, false);
    clock.now += 1000;
    const again = policy.serverStopped();
    assert.equal(again.restart, false);
    assert.match(again.message, /stopped 5 times in 3 minutes/);
    clock.now += 3 * MINUTE + 1;
    assert.equal(policy.serverStopped().restart, true);
  });

  it('a restart the user asks for gives a fresh allowance', () => {
    const { clock, policy } = policyAt();
    for (let i = 0; i < 4; i++) policy.serverStopped();
    policy.reset();
    clock.now += 1000;
    const d = policy.serverStopped();
    assert.equal(d.restart, true);
    assert.match(d.message, /\(1 of 3\)/);
  });

  it('takes its limits from the options, and names other windows in plain words', () => {
    let { policy } = policyAt(0, 0, MINUTE);
    let d = policy.serverStopped();
    assert.equal(d.restart, false, 'no restarts allowed');
    assert.match(d.message, /stopped once in a minute/);
    ({ policy } = policyAt(0, 1, 30_000));
    assert.equal(policy.serverStopped().restart, true);
    d = policy.serverStopped();
    assert.equal(d.restart, false);
    assert.match(d.message, /stopped 2 times in 30 seconds/);
    assert.throws(() => new RestartPolicy({ maxRestarts: -1, windowMs: MINUTE }), RangeError);
    assert.throws(() => new RestartPolicy({ maxRestarts: 3, windowMs: 0 }), RangeError);
    assert.throws(() => new RestartPolicy({ maxRestarts: 1.5, windowMs: MINUTE }), RangeError);
  });

  it('uses a monotonic clock by default, so that setting the wall clock back cannot pin old stops in the window', async () => {
    const policy = new RestartPolicy({ maxRestarts: 1, windowMs: 20 });
    assert.equal(policy.serverStopped().restart, true);
    const realNow = Date.now;
    Date.now = () => realNow() - 3_600_000;
    try {
      // Real time has to pass here: the default clock is the point of the test.
      const until = performance.now() + 25;
      while (performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(policy.serverStopped().restart, true, 'the first stop left the window although Date.now went back an hour');
    } finally {
      Date.now = realNow;
    }
  });

  it('does not import vscode, and extension.ts takes its crash handling from it', () => {
    const root = path.resolve(__dirname, '../..');
    const source = fs.readFileSync(path.join(root, 'client', 'src', 'restartPolicy.ts'), 'utf8');
    assert.doesNotMatch(source, /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/);
    const extension = fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(extension, /new RestartPolicy\(/);
    assert.match(extension, /serverStopped\(\)/);
    assert.match(extension, /restartPolicy\.reset\(\)/, 'the Restart Server command resets the allowance');
  });
});
