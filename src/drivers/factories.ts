import type { DeviceFactories } from './factory-types.js';
import { createPrinter } from './printer/index.js';
import { createCardReader } from './card-reader/index.js';
import { createKioskScanner, createScanner } from './scanner/index.js';
import { createDisplay } from './display/index.js';
import { createPowerMonitor } from './power-monitor/index.js';
import { createButton, createSenseLine } from './gpio/index.js';
import { createBridge } from './bridge/index.js';

/** The station's drivers, each over a real transport or, for `driver: sim`, over its simulator. */
export const defaultFactories: DeviceFactories = {
  printer: createPrinter,
  cardReader: createCardReader,
  scanner: createScanner,
  kioskScanner: createKioskScanner,
  display: createDisplay,
  powerMonitor: createPowerMonitor,
  button: createButton,
  senseLine: createSenseLine,
  bridge: createBridge,
};
