// Local ESLint rule enforcing Paddock's layers (see README "Architecture").
// It resolves every import relative to the importing file, so `../ssh/pool` and
// `core/ssh/pool` are judged the same way.
import path from 'node:path';
import { isBuiltin } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Folders of core that are pure: no Node built-ins, no DOM, no I/O parts of core. */
export const PURE_CORE = ['model', 'site', 'policy', 'planner', 'ipc', 'net', 'records', 'text'];

function zoneOf(absFile) {
  const rel = path.relative(ROOT, absFile).split(path.sep);
  if (rel[0] === 'core') return PURE_CORE.includes(rel[1]) ? 'core-pure' : 'core-io';
  if (rel[0] === 'electron') {
    if (rel[1] === 'main' || rel[1] === 'preload') return 'electron-edge';
    return 'electron-inner';
  }
  if (rel[0] === 'renderer') return 'renderer';
  return 'other';
}

const FORBIDDEN_PACKAGES = {
  'core-pure': ['electron', 'react', 'react-dom', 'ssh2', 'electron-store', 'zustand'],
  'core-io': ['electron', 'react', 'react-dom', 'electron-store', 'zustand'],
  'electron-inner': ['electron', 'react', 'react-dom', 'electron-store'],
  'electron-edge': ['react', 'react-dom'],
  renderer: ['electron', 'ssh2', 'electron-store'],
  other: [],
};

// Which zones each zone may import from (by resolved path).
const ALLOWED_ZONES = {
  'core-pure': ['core-pure'],
  'core-io': ['core-pure', 'core-io'],
  'electron-inner': ['core-pure', 'core-io', 'electron-inner'],
  'electron-edge': ['core-pure', 'core-io', 'electron-inner', 'electron-edge'],
  renderer: ['core-pure', 'renderer'],
  other: ['core-pure', 'core-io', 'electron-inner', 'electron-edge', 'renderer', 'other'],
};

const NODE_FORBIDDEN = new Set(['core-pure', 'renderer']);

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce Paddock's import layers" },
    schema: [],
    messages: {
      builtin: '{{zone}} must not import the Node built-in "{{spec}}" (it must run in the renderer too).',
      pkg: '{{zone}} must not import "{{spec}}".',
      zone: '{{zone}} must not import from {{target}} ("{{spec}}").',
    },
  },
  create(context) {
    const file = context.filename;
    const zone = zoneOf(file);
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = zoneOf(path.resolve(path.dirname(file), spec));
        if (!ALLOWED_ZONES[zone].includes(target)) {
          context.report({ node, messageId: 'zone', data: { zone, target, spec } });
        }
        return;
      }
      if (isBuiltin(spec)) {
        if (NODE_FORBIDDEN.has(zone)) context.report({ node, messageId: 'builtin', data: { zone, spec } });
        return;
      }
      if (FORBIDDEN_PACKAGES[zone].includes(packageName(spec))) {
        context.report({ node, messageId: 'pkg', data: { zone, spec } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression: (n) => {
        if (
          n.callee.type === 'Identifier' &&
          n.callee.name === 'require' &&
          n.arguments[0]?.type === 'Literal'
        ) {
          check(n, n.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layers } };
