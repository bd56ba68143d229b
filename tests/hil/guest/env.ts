/** What scripts/hil/init.sh tells the guest programs about the simulated devices. */
function need(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is not set: run this inside scripts/hil/run.sh`);
  return v;
}

export const hil = {
  i2cBus: () => Number(need('KTP_HIL_I2C_BUS')),
  gpioChip: () => need('KTP_HIL_GPIO_CHIP'),
  gpioLabel: () => need('KTP_HIL_GPIO_LABEL'),
  /** sysfs directory of the gpio-sim chip (holds sim_gpio<N>/pull and value). */
  gpioSim: () => need('KTP_HIL_GPIO_SIM'),
  uartA: () => need('KTP_HIL_UART_A'),
  uartB: () => need('KTP_HIL_UART_B'),
};
