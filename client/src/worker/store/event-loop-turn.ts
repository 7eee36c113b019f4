/**
 * Gives the worker's event loop a turn in the middle of a long store: tasks queued meanwhile run
 * (the next shape response's body streaming in, a message from a tab), then the caller carries on.
 * A MessageChannel message is an ordinary task, without the 4 ms clamp of nested timers.
 */
export function nextEventLoopTurn(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
