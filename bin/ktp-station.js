#!/usr/bin/env node
// Runs the compiled station (npm install builds it; `npm run build` after editing).
import('../dist/src/main.js');
