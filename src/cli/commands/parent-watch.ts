/**
 * `npx modelapi serve` runs the daemon as a grandchild: npm → `sh -c modelapi …` → node. A SIGTERM to
 * npm is forwarded to the shell only, which dies and leaves the daemon running, orphaned and holding
 * its database. So a daemon started by npm follows its parent's life: when the parent is gone (we have
 * been re-parented), it stops as if it had been sent SIGTERM. Outside npm (systemd, a container, a shell
 * with nohup) a changed parent means nothing and is ignored.
 */
export function stopWhenNpmParentExits(env: NodeJS.ProcessEnv, stop: (reason: string) => void, everyMs = 500): () => void {
  if (!env.npm_command) return () => {};
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop(`parent process ${parent} (npm ${env.npm_command}) exited`);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
