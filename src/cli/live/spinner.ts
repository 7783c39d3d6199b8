const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** The spinner frame for a moment in time, so every spinner on screen turns together. */
export function spinnerFrame(now: number, frameMs = 100): string {
  return FRAMES[Math.floor(Math.max(0, now) / frameMs) % FRAMES.length]!;
}

export const SPINNER_FRAMES = [...FRAMES];
