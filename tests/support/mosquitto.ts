/** Debian's mosquitto for the tests: the same starter the fleet benchmark uses. */
export { startMosquitto, freePort, MOSQUITTO, type Mosquitto, type MosquittoOptions } from '../../scripts/bench/mosquitto.js';
