#!/usr/bin/env node
// Runs the bundled station (npm install builds it; `npm run build` after editing).
import('../dist/ktp-station.mjs');
