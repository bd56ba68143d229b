export { PowerSupervisor, SAMPLE_MS, KEEP_MINUTES_MS, type PowerPorts, type PowerSupervisorDeps } from './supervisor.js';
export { powerBudget, budgetWarnings, requiredWatts, setsCarried, type PowerBudget } from './budget.js';
export { AlertCenter } from './alerts.js';
export { POWER_PAUSE_REASON } from './recording-pause.js';
export { rawSource, Debounced } from './source.js';
