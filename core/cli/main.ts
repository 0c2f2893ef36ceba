// Entry point of the `paddock` command (bin/paddock.js runs the bundled copy, or this file
// through tsx when working from source).
import { cli } from './cli';
import type { Io } from './io';

const tty = process.stderr.isTTY === true;
const io: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  ...(tty ? { progress: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
};

const code = await cli(process.argv.slice(2), io, {
  onSearch: (abort) => {
    const onInt = (): void => abort();
    process.on('SIGINT', onInt);
    return () => process.off('SIGINT', onInt);
  },
});
// Let stdout drain before exiting (large JSON plans to a pipe).
process.exitCode = code;
