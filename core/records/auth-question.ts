// A keyboard-interactive question the vault cannot answer (a one-time code), as the SSH layer
// asks it (core/ssh/auth-prompt) and as the renderer shows it (core/ipc/contract): one
// definition, in pure core. Server text in it is already bounded and free of control characters;
// nothing secret is in it (answers travel the other way only).

/** At most this many prompts in one round (the SSH login refuses more; auth.answer accepts no
 * more answers). */
export const MAX_PROMPTS = 8;
/** Per answer, in UTF-8 bytes: what the SSH login sends at most and auth.answer accepts. */
export const MAX_ANSWER_BYTES = 1024;

export interface AuthPromptItem {
  text: string;
  /** The answer may be shown while typed (false: a secret, e.g. a one-time code). */
  echo: boolean;
}

export interface AuthQuestion {
  domain: string;
  /** The container's name as the user knows it. */
  container: string;
  host: string;
  port: number;
  user: string;
  /** The vault credential being used for this login. */
  credential: string;
  /** The server's name and instructions for this round (may be empty). */
  name: string;
  instructions: string;
  /** Only the prompts Paddock cannot answer itself, in the server's order. */
  prompts: AuthPromptItem[];
}
