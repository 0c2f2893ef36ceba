// A VM state as a shape as well as a colour, so states stay distinguishable without colour.
import type { VmState } from '../../../../core/model/types';

const PATHS: Record<VmState, string> = {
  running: 'M4 2.5v11l9-5.5z', // play triangle
  stopped: 'M3.5 3.5h9v9h-9z', // square
  paused: 'M4 3h3v10H4zM9 3h3v10H9z', // two bars
  crashed: 'M4.2 2.8 8 6.6l3.8-3.8 1.4 1.4L9.4 8l3.8 3.8-1.4 1.4L8 9.4l-3.8 3.8-1.4-1.4L6.6 8 2.8 4.2z', // cross
  unknown:
    'M8 2.2a3.6 3.6 0 0 0-3.6 3.3h2a1.6 1.6 0 1 1 2.4 1.4C7.8 7.5 7 8.2 7 9.6V10h2v-.3c0-.8.4-1.2 1.1-1.7A3.6 3.6 0 0 0 8 2.2zM7 11.5h2v2H7z', // question mark
};

export function StateIcon({ state }: { state: VmState }) {
  return (
    <svg
      className={`state-icon state-${state}`}
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[state]} fill="currentColor" />
    </svg>
  );
}
