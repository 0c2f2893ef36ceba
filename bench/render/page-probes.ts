// Measurements taken INSIDE the page by the render benchmark (bench/suites/render.ts), which
// bundles this file with esbuild and installs it as an init script before any page script
// runs (init scripts are exempt from the page's CSP, which forbids eval). DOM code: it is type
// checked by tsconfig.e2e.json, not with the Node code of the benchmark.

/** [ms until the DOM shows the result, ms until the next frame after that]. */
export type Timing = [number, number];

export interface PageProbes {
  /** performance.now() (ms since navigation start) once the tree is on screen and painted. */
  firstRender: Promise<number>;
  /** Click the index-th VM chip on screen (modulo their number); until the details show it. */
  selectVm(index: number): Promise<Timing>;
  /** Type into the search box; until the tree shows one chip ('one-chip') or many ('restored'). */
  search(text: string, until: 'one-chip' | 'restored'): Promise<Timing>;
  /** Scroll the tree from the top, step px per frame (0 = a screen per frame), max 300 frames. */
  scroll(step: number): Promise<number[]>;
  /** Frame intervals with nothing to do: the browser's own pace. */
  idle(frames: number): Promise<number[]>;
}

declare global {
  interface Window {
    __paddockProbes?: PageProbes;
  }
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** Run act, wait until ok() holds in the DOM, then for the next frame. */
async function timed(act: () => void, ok: () => boolean): Promise<Timing> {
  const until = new Promise<void>((resolve) => {
    const observer = new MutationObserver(() => {
      if (ok()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
  });
  const t0 = performance.now();
  act();
  if (!ok()) await until;
  const t1 = performance.now();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return [t1 - t0, performance.now() - t0];
}

const chipCount = () => document.querySelectorAll('[role=tree] .chip').length;

window.__paddockProbes = {
  firstRender: new Promise((resolve) => {
    const ready = () =>
      document.querySelector('[role=tree] [role=treeitem]') !== null &&
      document.querySelector('[data-testid=count-vms]') !== null;
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    });
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true }),
    );
  }),

  selectVm(index) {
    const chips = document.querySelectorAll<HTMLElement>('[role=tree] .chip');
    const chip = chips[index % chips.length];
    const name = /^VM (\S+),/.exec(chip?.getAttribute('aria-label') ?? '')?.[1];
    if (!chip || !name) return Promise.reject(new Error('no VM chip on screen to select'));
    const heading = () => document.querySelector('[data-testid=details] h2')?.textContent;
    return timed(
      () => chip.click(),
      () => heading() === name,
    );
  },

  search(text, until) {
    const input = document.querySelector<HTMLInputElement>('input[type=search]');
    // React tracks the input's value: set it through the native setter, then announce it.
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    if (!input || !setValue) return Promise.reject(new Error('no search box'));
    return timed(
      () => {
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      until === 'one-chip' ? () => chipCount() === 1 : () => chipCount() > 1,
    );
  },

  async scroll(step) {
    const el = document.querySelector<HTMLElement>('[data-testid=topology-scroll]');
    if (!el) throw new Error('no topology scroll area');
    el.scrollTop = 0;
    const frames: number[] = [];
    let last = await nextFrame();
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && frames.length < 300) {
      el.scrollTop += step > 0 ? step : el.clientHeight;
      const now = await nextFrame();
      frames.push(now - last);
      last = now;
    }
    el.scrollTop = 0;
    return frames;
  },

  async idle(count) {
    const frames: number[] = [];
    let last = await nextFrame();
    for (let i = 0; i < count; i++) {
      const now = await nextFrame();
      frames.push(now - last);
      last = now;
    }
    return frames;
  },
};
