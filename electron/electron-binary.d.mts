// Types of electron-binary.mjs (a plain Node module, so that `npm start` runs without a TS loader).
export declare const PROJECT_ROOT: string;
export declare function findElectronBinary(): { path: string } | { path: null; reason: string };
export declare function downloadElectronBinary(timeoutMs: number): Promise<{ ok: boolean; output: string }>;
