#!/usr/bin/env node
/* eslint-disable */
// The one shared loader of the benchmarks (and of TypeScript child processes started by specs):
// `node apps/api/bench/run.cjs <file.ts> [args…]`. Transpiles .ts on require with @swc/core
// (legacy decorators + metadata, as NestJS needs) and maps @capacity/contracts to its source.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../../..');
const contracts = resolve(root, 'libs/contracts/src/index.ts');

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === '@capacity/contracts') return contracts;
  if (request === '@capacity/contracts/web') return resolve(root, 'libs/contracts/src/web.ts');
  if ((request.startsWith('./') || request.startsWith('../')) && parent && parent.filename && parent.filename.endsWith('.ts')) {
    try {
      return originalResolve.call(this, request, parent, ...rest);
    } catch (error) {
      for (const candidate of [`${request}.ts`, `${request}/index.ts`]) {
        try {
          return originalResolve.call(this, candidate, parent, ...rest);
        } catch {}
      }
      throw error;
    }
  }
  return originalResolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

require('reflect-metadata');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node apps/api/bench/run.cjs <file.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(resolve(process.cwd(), entry));
