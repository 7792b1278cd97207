// ESLint flat config. It lives in test/ because the top level of the repository is fixed: `npm run lint` passes it
// with `-c test/eslint.config.mjs`, so the patterns below are relative to the repository root (the working directory).
// It holds the source rules that a linter can express; test/unit/source-rules.test.ts keeps
// the ones it cannot (kill by name and shells, across src, test, bin and .ci).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The Node globals the plain-JS files use (the `globals` package is not a direct dependency).
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'queueMicrotask', 'structuredClone', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder',
    'performance', 'fetch', 'WebSocket'].map((name) => [name, 'readonly']),
)

// `.catch(() => {})` and `.catch(function () {})`: an error swallowed without a word.
const EMPTY_CATCH_CALLBACK = {
  selector: "CallExpression[callee.property.name='catch'] > :function.arguments[body.type='BlockStatement'][body.body.length=0]",
  message: 'Do not swallow errors: handle a specific errno or condition, rethrow, or say in a comment why it is safe and debug() it.',
}
// `catch {}` even with a comment inside: a deliberate best-effort catch says why in a comment and debug()s the error.
const EMPTY_CATCH_BLOCK = {
  selector: 'CatchClause > BlockStatement.body[body.length=0]',
  message: 'Do not swallow errors: handle a specific errno or condition, rethrow, or say in a comment why it is safe and debug() it.',
}
const NO_SWALLOWING = [EMPTY_CATCH_CALLBACK, EMPTY_CATCH_BLOCK]
const HOME_PATH = /^~\/|\/home\/|\/root\//u.source
const HARD_CODED_HOME = [
  {selector: `Literal[value=/${HOME_PATH}/]`, message: 'No hard-coded home paths: take them from the Context (src/sources/context.ts).'},
  {selector: `TemplateElement[value.raw=/${HOME_PATH}/]`, message: 'No hard-coded home paths: take them from the Context (src/sources/context.ts).'},
]
const ONLY_IN_CONTEXT = 'Only src/sources/context.ts reads the environment, the home directory and the working directory: take them from the Context.'
const CONTEXT_PROPERTIES = [
  {object: 'process', property: 'env', message: ONLY_IN_CONTEXT},
  {object: 'process', property: 'cwd', message: ONLY_IN_CONTEXT},
  {object: 'os', property: 'homedir', message: ONLY_IN_CONTEXT},
]
const CONTEXT_IMPORTS = ['os', 'node:os'].map((name) => ({name, importNames: ['homedir'], message: ONLY_IN_CONTEXT}))
const EXEC_IMPORTS = ['child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'Programs run through src/sources/exec.ts (argv arrays, no shell).',
}))

export default tseslint.config(
  {ignores: ['lib/**', 'node_modules/**', 'coverage/**', 'test/.tmp/**']},
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a binding that is there on purpose (a skipped tuple slot, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_'}],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {globals: NODE_GLOBALS},
  },
  {
    // CommonJS (bin/package.json): Node starts it without its ES module loader.
    files: ['bin/run.js'],
    languageOptions: {sourceType: 'commonjs', globals: {...NODE_GLOBALS, require: 'readonly', __dirname: 'readonly', module: 'readonly'}},
  },
  {
    rules: {
      'max-len': ['error', {code: 160, ignoreUrls: true}],
      'no-empty': ['error', {allowEmptyCatch: false}],
      // Control characters in patterns are deliberate here: values are checked for them.
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', ...NO_SWALLOWING],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/sources/context.ts', 'src/sources/exec.ts', 'src/sources/paths.ts'],
    rules: {
      'no-restricted-properties': ['error', ...CONTEXT_PROPERTIES],
      'no-restricted-imports': ['error', {paths: [...CONTEXT_IMPORTS, ...EXEC_IMPORTS]}],
      'no-restricted-syntax': ['error', ...NO_SWALLOWING, ...HARD_CODED_HOME],
    },
  },
  // The three homes of those rules: each is exempt from its own rule only.
  {
    files: ['src/sources/context.ts'],
    rules: {
      'no-restricted-imports': ['error', {paths: EXEC_IMPORTS}],
      'no-restricted-syntax': ['error', ...NO_SWALLOWING, ...HARD_CODED_HOME],
    },
  },
  {
    files: ['src/sources/exec.ts'],
    rules: {
      'no-restricted-properties': ['error', ...CONTEXT_PROPERTIES],
      'no-restricted-imports': ['error', {paths: CONTEXT_IMPORTS}],
      'no-restricted-syntax': ['error', ...NO_SWALLOWING, ...HARD_CODED_HOME],
    },
  },
  {
    // paths.ts is the one place that expands a leading ~ (as the product does for its env vars).
    files: ['src/sources/paths.ts'],
    rules: {
      'no-restricted-properties': ['error', ...CONTEXT_PROPERTIES],
      'no-restricted-imports': ['error', {paths: [...CONTEXT_IMPORTS, ...EXEC_IMPORTS]}],
    },
  },
  {
    // Measured release data: one table row a line reads best (each row is asserted against the real release).
    files: ['src/model/profiles/data/**'],
    rules: {'max-len': 'off'},
  },
)
