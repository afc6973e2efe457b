/**
 * A concurrency limit for `parallelized` work: at most `size` tasks run at once, in the order they
 * were submitted. dlt runs parallelized resources (and a parallelized child's per-parent tasks) in a
 * thread pool of 5 workers by default.
 */
export const PARALLEL_WORKERS = 5;

export function createPool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    running--;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        task().then(resolve, reject).finally(next);
      };
      if (running < size) start();
      else queue.push(start);
    });
}
