// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules,
// relaxed only where the station's code has a reason. The layer rule (which
// folder may import which) is checked by dependency-cruiser: .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'firmware-bridge/**', 'test-output/**', '.tap/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', 'bin/*.js', '*.js', '*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/api/pages/public/*.js', 'src/regency/public/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      // `_name`: a parameter a callback signature requires but this code does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read JSON answers whose shape each assertion checks; typing every one adds nothing.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
