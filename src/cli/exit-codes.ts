/** Exit codes, documented in the README. Only `main` turns outcomes into these. */
export const EXIT = {
  /** Done; nothing to report (calc: all lines computed; diff: no change; validate: valid). */
  OK: 0,
  /** Done, with findings: rejected lines, changes found, invalid schedule. */
  FINDINGS: 1,
  /** Trouble: usage error, unreadable input, invalid schedule given to a command that needs one. */
  TROUBLE: 2,
  /** Interrupted by SIGINT. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
