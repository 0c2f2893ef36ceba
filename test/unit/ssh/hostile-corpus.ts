// Hostile VM / host / file names: each must reach a remote program as exactly one literal
// argument, or be refused before anything is sent. Shared by the unit tests (local shells) and
// the integration test (a real sshd whose remote side echoes its argv).

export interface HostileName {
  label: string;
  value: string;
  /** true when commandLine must refuse it (it cannot arrive literally). */
  refused?: boolean;
}

export const HOSTILE_NAMES: readonly HostileName[] = [
  { label: 'semicolon', value: 'vm1; touch INJECTED' },
  { label: 'command substitution', value: '$(touch INJECTED)' },
  { label: 'backticks', value: '`touch INJECTED`' },
  { label: 'single quote', value: "vm'1" },
  { label: 'quote breakout', value: "'; touch INJECTED; echo '" },
  { label: 'escaped quote breakout', value: "\\'; touch INJECTED #" },
  { label: 'double quotes', value: '"vm 1"' },
  { label: 'newline', value: 'vm1\ntouch INJECTED' },
  { label: 'carriage return', value: 'vm1\rtouch INJECTED' },
  { label: 'backslash-newline', value: 'vm1\\\ntouch INJECTED' },
  { label: 'leading dash', value: '-rf' },
  { label: 'long option', value: '--help' },
  { label: 'double dash', value: '--' },
  { label: 'glob star', value: '*' },
  { label: 'glob question', value: '?' },
  { label: 'glob class', value: '[a-z]*' },
  { label: 'tilde', value: '~root' },
  { label: 'variable', value: '$HOME' },
  { label: 'IFS', value: '${IFS}touch${IFS}INJECTED' },
  { label: 'pipe', value: 'vm1|touch INJECTED' },
  { label: 'and', value: 'vm1&&touch INJECTED' },
  { label: 'background', value: 'vm1 & touch INJECTED' },
  { label: 'redirect', value: '>INJECTED' },
  { label: 'process substitution', value: '<(touch INJECTED)' },
  { label: 'brace expansion', value: '{a,b}' },
  { label: 'history', value: '!!' },
  { label: 'comment', value: '#not a comment' },
  { label: 'assignment', value: 'PATH=/nonexistent' },
  { label: 'ANSI-C quote', value: "$'\\x41'" },
  { label: 'trailing backslash', value: 'vm1\\' },
  { label: 'lone quote', value: "'" },
  { label: 'empty', value: '' },
  { label: 'spaces only', value: '   ' },
  { label: 'tab', value: 'vm\t1' },
  { label: 'escape sequence', value: '\u001b[31mred\u001b[0m' },
  { label: 'control bytes', value: '\u0001\u0002\u007f' },
  { label: 'format string', value: '%s%n%x' },
  { label: 'fullwidth semicolon', value: 'ｖｍ；ｔｏｕｃｈ' },
  { label: 'right-to-left override', value: 'vm\u202egpj.exe' },
  { label: 'combining accent', value: 'e\u0301te\u0301' },
  { label: 'line separator', value: 'vm\u2028x' },
  { label: 'emoji', value: 'vm-🐄-🚀' },
  { label: 'CJK', value: '仮想マシン' },
  { label: 'keyword', value: 'if' },
  { label: 'bang', value: '!' },
  { label: 'long name', value: 'x'.repeat(5000) },
  { label: 'NUL byte', value: 'vm\u00001', refused: true },
  { label: 'lone high surrogate', value: 'vm\ud800', refused: true },
  { label: 'lone low surrogate', value: '\udc00vm', refused: true },
];
