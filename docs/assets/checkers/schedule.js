// Yielding the main thread between pieces of work, so a phone never holds it for a whole page at once
// (no task of the site's own over 50 ms at Lighthouse's 4x CPU slowdown). Not through
// setTimeout: a page whose clock is held still (a test's fake clock, a paused debugger) must still
// mount its widgets.

const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();

/** Run `work` in a task of its own, after the tasks already queued. */
export function inNewTask(work) {
  if (globalThis.scheduler?.postTask) {
    globalThis.scheduler.postTask(work, { priority: "user-visible" });
    return;
  }
  waiting.push(work);
  channel.port2.postMessage(null);
}

/** Resolves in a later task: scheduler.yield where the browser has it (the page keeps its place in
 *  the queue ahead of other work), else a task of its own. */
export const nextTask = () =>
  globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => inNewTask(resolve));
