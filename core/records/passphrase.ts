// The shortest vault or export passphrase accepted. The vault enforces it (core/vault); the
// renderer's forms say it before a request is sent, so both read it from here.
export const MIN_PASSPHRASE_LENGTH = 8;
