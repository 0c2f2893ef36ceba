// What a new vault passphrase must be, checked as it is typed (main checks again).
import { MIN_PASSPHRASE_LENGTH as MIN_PASSPHRASE } from '../../../../core/records/passphrase';

export { MIN_PASSPHRASE };

/** What is wrong with a new passphrase typed twice, or null. */
export function newPassphraseProblem(pass: string, again: string): string | null {
  if (pass.length > 0 && [...pass].length < MIN_PASSPHRASE) return `At least ${MIN_PASSPHRASE} characters`;
  if (again.length > 0 && again !== pass) return 'The two passphrases differ';
  return null;
}
