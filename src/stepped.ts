/**
 * Long synchronous work in small steps. An isolate runs one task at a time: a step that takes
 * seconds holds every other request it serves (and, locally, every isolate of the workerd process)
 * for that long. Pausing between steps with a timer, not a resolved promise, lets them in.
 */

/** Lets whatever else this isolate has queued (another request, say) run before going on. */
export const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `steps` to its end, letting other work in after each step; answers its result. */
export async function stepped<T>(steps: Iterator<unknown, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
