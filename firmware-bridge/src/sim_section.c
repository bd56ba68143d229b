/* Linked only into the simulator ELF: tells simavr which MCU and clock to run. */
#include <avr/avr_mcu_section.h> /* from simavr: -I$(SIMAVR_INC) */
AVR_MCU(F_CPU, "atmega328p");
AVR_MCU_VOLTAGES(5000, 5000, 5000); /* VCC, AVCC, AREF in mV */
